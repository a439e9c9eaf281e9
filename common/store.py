"""Append-only, resumable record files: nothing lost and nothing written twice across kills.

A long batch run appends one batch at a time and makes each batch durable (flush + fsync)
before starting the next. A run killed at any moment leaves at most a torn last line, which
the next open cuts off; the ids already on disk tell the rerun what to skip. An exclusive
``flock`` on a side lock file makes a second writer on the same path fail at once; the kernel
drops the lock when its holder dies, even by ``kill -9``, so no stale lock survives a crash.
A clean close removes the lock file while still holding it.

A record whose ``status`` is ``error`` can be replaced: the new record is appended (so the
file may briefly hold the id twice, the last line winning), and :meth:`LineStore.compact`
then rewrites the file to a temporary one and renames it over the original, so a kill at
any moment leaves either the old file or the compacted one. A store compacts on close and,
after a kill left duplicates, again on the next open.
"""

from __future__ import annotations

import fcntl
import json
import os
from abc import ABC, abstractmethod
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO, TypeVar

from common.errors import OutputError

_Store = TypeVar("_Store", bound="LineStore")


def _complete_lines(data: bytes) -> list[bytes]:
    """The newline-terminated lines of ``data``, without a torn last one or the newlines."""
    return data[: data.rfind(b"\n") + 1].split(b"\n")[:-1]


class LineStore(ABC):
    """One record per line; subclasses say how a record becomes a line and back to its id.

    Open it as a context manager (or call :meth:`open`/:meth:`close`). Opening takes the
    lock, repairs a torn tail and reads the ids already written.
    """

    def __init__(self, path: str | Path, id_field: str = "id") -> None:
        self.path = Path(path)
        self.id_field = id_field
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._compact_path = self.path.with_name(self.path.name + ".compact")
        self._ids: set[str] = set()
        self._failed: set[str] = set()
        self._replaced = False
        self._handle: BinaryIO | None = None
        self._lock_fd: int | None = None

    # -- format hooks -------------------------------------------------------------------
    @abstractmethod
    def encode(self, record: Mapping[str, Any]) -> str:
        """One record as one line of text, without the newline."""

    @abstractmethod
    def decode_key(self, line: str) -> tuple[str, str | None]:
        """The id and status of a complete line on disk; ValueError if it is not a record."""

    def header(self) -> str | None:
        """A first line the format needs (CSV columns), or None."""
        return None

    # -- lifecycle ----------------------------------------------------------------------
    def open(self: _Store) -> _Store:
        """Lock the file, cut a torn last line, and learn which ids are already written."""
        if self._handle is not None:
            return self
        self._lock()
        try:
            self._repair_and_scan()
            self._compact_path.unlink(missing_ok=True)  # left by a kill mid-compaction
            self._handle = self.path.open("ab")
            if self.path.stat().st_size == 0 and (first := self.header()) is not None:
                self._write_durably(first + "\n")
            self.compact()
        except OSError as exc:
            self.close()
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from exc
        except BaseException:
            self.close()
            raise
        return self

    def close(self) -> None:
        """Compact replaced records, close the file and release the lock (safe twice)."""
        if self._handle is not None:
            try:
                self.compact()
            finally:
                self._handle.close()
            self._handle = None
        if self._lock_fd is not None:
            self.lock_path.unlink(missing_ok=True)  # still held: no other run has it open
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self: _Store) -> _Store:
        return self.open()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- public verbs -------------------------------------------------------------------
    def done_ids(self) -> set[str]:
        """Ids written so far, by earlier runs and by this one."""
        return set(self._ids)

    def failed_ids(self) -> set[str]:
        """Ids whose latest record has ``status: error`` (a rerun may retry them)."""
        return set(self._failed)

    def append(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Write a batch as one write, then flush and fsync before returning."""
        records = list(records)
        if not records:
            return
        lines = []
        for record in records:
            line = self.encode(record)
            if "\n" in line or "\r" in line:
                raise OutputError(f"record {record.get(self.id_field)!r} spans several lines")
            lines.append(line + "\n")
        self._write_durably("".join(lines))
        for record in records:
            self._note(str(record[self.id_field]), record.get("status"))

    def compact(self) -> None:
        """Keep only the latest record of each id, where its first one was (atomic rename)."""
        if not self._replaced or self._handle is None:
            return
        latest: dict[str, bytes] = {}
        lines = _complete_lines(self.path.read_bytes())
        first = 1 if self.header() is not None else 0
        for raw in lines[first:]:
            latest[self.decode_key(raw.decode("utf-8"))[0]] = raw  # keeps the first place
        data = b"".join(line + b"\n" for line in [*lines[:first], *latest.values()])
        with self._compact_path.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        self._compact_path.replace(self.path)
        _fsync_directory(self.path.parent)
        self._handle.close()
        self._handle = self.path.open("ab")
        self._replaced = False

    # -- internals ----------------------------------------------------------------------
    def _note(self, key: str, status: str | None) -> None:
        """Remember ``key`` and whether its latest record failed."""
        self._replaced |= key in self._ids
        self._ids.add(key)
        if status == "error":
            self._failed.add(key)
        else:
            self._failed.discard(key)

    def _write_durably(self, text: str) -> None:
        if self._handle is None:
            raise OutputError(f"{self.path} is not open for writing")
        # A lone surrogate (from a JSON "\\ud800" escape) is written back as that escape.
        data = text.encode("utf-8", errors="backslashreplace")
        try:
            self._handle.write(data)
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:  # ENOSPC, EIO, a quota: the batch is not on disk
            raise OutputError(f"cannot write {self.path}: {exc.strerror or exc}") from None

    def _lock(self) -> None:
        """Hold the lock file; retry if its holder removed it between our open and flock
        (closing removes it, so a lock on a removed file would lock nothing)."""
        while True:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise OutputError(f"cannot lock {self.path}: {exc.strerror or exc}") from exc
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise OutputError(
                    f"{self.path} is being written by another run (lock {self.lock_path} is held)"
                ) from None
            try:
                current = self.lock_path.stat().st_ino
            except FileNotFoundError:
                current = None
            if current == os.fstat(fd).st_ino:
                self._lock_fd = fd
                return
            os.close(fd)

    def _repair_and_scan(self) -> None:
        """Cut an unfinished last line, check the header, and learn the ids on disk."""
        self._ids, self._failed, self._replaced = set(), set(), False
        if not self.path.exists():
            return
        if self.path.is_dir():
            raise OutputError(f"{self.path} is a directory, not an output file")
        if not self.path.is_file():  # /dev/full, /dev/zero or a pipe would be read for ever
            raise OutputError(f"{self.path} is a device or pipe, not an output file")
        data = self.path.read_bytes()
        complete = data.rfind(b"\n") + 1
        lines = _complete_lines(data)
        first = 0
        expected_header = self.header()
        if expected_header is not None and lines:
            found = lines[0].decode("utf-8", errors="replace")
            if found != expected_header:
                raise OutputError(
                    f"{self.path} has columns {found!r}, but this run writes "
                    f"{expected_header!r}: choose another output file"
                )
            first = 1
        for number, raw in enumerate(lines[first:], start=first + 1):
            try:
                self._note(*self.decode_key(raw.decode("utf-8")))
            except ValueError as exc:  # UnicodeDecodeError is a ValueError too
                if number == len(lines):
                    complete -= len(raw) + 1
                    break
                raise OutputError(f"{self.path}, line {number}: {exc}") from None
        if complete < len(data):
            with self.path.open("r+b") as handle:
                handle.truncate(complete)
                handle.flush()
                os.fsync(handle.fileno())


def _fsync_directory(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class JsonlStore(LineStore):
    """JSON Lines: one JSON object per line, with a string id under ``id_field``."""

    def encode(self, record: Mapping[str, Any]) -> str:
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))

    def decode_key(self, line: str) -> tuple[str, str | None]:
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"not a JSON record ({exc.msg})") from None
        if not isinstance(record, dict) or self.id_field not in record:
            raise ValueError(f"not a record with an {self.id_field!r} field")
        status = record.get("status")
        return str(record[self.id_field]), status if isinstance(status, str) else None

    def records(self) -> list[dict[str, Any]]:
        """Every complete record on disk, in file order (for reports and renderers)."""
        if not self.path.exists():
            return []
        out: list[dict[str, Any]] = []
        for raw in _complete_lines(self.path.read_bytes()):
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if isinstance(record, dict):
                out.append(record)
        return out
