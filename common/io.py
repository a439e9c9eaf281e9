"""Bounded reading of every local input: files, stdin, devices and named pipes.

A source that never ends (``/dev/zero``, an endless pipe) must stop at a size cap instead of
filling memory, and a named pipe nobody writes to must stop after a wait instead of hanging.
Every reader of user input (articles, feeds, reference and prediction files, ``translate -``)
goes through :func:`read_input` so the cap, the wait and the wording are the same everywhere.
"""

from __future__ import annotations

import io
import os
import select
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, cast

from common.errors import HeadlineError

STDIN = "-"
DEFAULT_MAX_BYTES = 10_000_000
FIFO_WAIT = 10.0
_CHUNK = 1 << 16


class InputReadError(HeadlineError):
    """A local input cannot be read, is too large, or never delivered anything."""


def read_input(
    source: str, max_bytes: int = DEFAULT_MAX_BYTES, option: str | None = None
) -> bytes:
    """The bytes of ``source`` (a path, or ``-`` for stdin), at most ``max_bytes`` of them.

    ``option`` names the command-line option that sets the cap, for the error. A named pipe
    with no writer is waited on for :data:`FIFO_WAIT` seconds at most.
    """
    name = "stdin" if source == STDIN else source
    cap = _Cap(max_bytes, option)
    if source == STDIN:
        return _read_capped(_stdin(), name, cap)
    try:
        mode = Path(source).stat().st_mode
    except FileNotFoundError:
        raise InputReadError(f"{name}: no such file") from None
    except PermissionError:
        raise InputReadError(f"{name}: permission denied") from None
    except (OSError, ValueError) as exc:
        raise InputReadError(f"{name}: cannot read ({_reason(exc)})") from None
    if stat.S_ISDIR(mode):
        raise InputReadError(f"{name}: is a directory, not a file")
    if stat.S_ISFIFO(mode):
        return _read_fifo(source, name, cap, FIFO_WAIT)
    try:
        with Path(source).open("rb") as handle:
            return _read_capped(handle, name, cap)
    except PermissionError:
        raise InputReadError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputReadError(f"{name}: cannot read ({_reason(exc)})") from None


class LineStream:
    """The lines of a binary stream as they arrive, never more than ``max_bytes`` in all.

    ``translate -`` reads this way so the first lines are translated while a slow writer is
    still writing, and an endless source stops at the cap with the usual error. Lines end
    at a newline (or CRLF) only, as in :func:`split_lines`; each is strict UTF-8.
    """

    def __init__(self, handle: io.BufferedIOBase, name: str, cap: _Cap) -> None:
        self._handle = handle
        self._name = name
        self._cap = cap
        self._buffer = bytearray()
        self._offset = 0  # bytes of the stream before the buffer
        self._read = 0
        self._number = 0
        self._ended = False

    def __iter__(self) -> Iterator[str]:
        while (line := self._next_line()) is not None:
            yield line

    def chunks(self, size: int) -> Iterator[list[str]]:
        """Lists of at most ``size`` lines; a list also ends where the next line has not
        arrived yet, so a line written to a pipe is handled without waiting for more."""
        chunk: list[str] = []
        while (line := self._next_line()) is not None:
            chunk.append(line)
            if len(chunk) >= size or not self._ready():
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _next_line(self) -> str | None:
        while (end := self._buffer.find(b"\n")) < 0 and not self._ended:
            self._fill()
        if end < 0 and not self._buffer:
            return None
        raw = bytes(self._buffer[:end] if end >= 0 else self._buffer)
        start = self._offset
        self._number += 1
        self._offset += len(raw) + (end >= 0)
        del self._buffer[:len(raw) + (end >= 0)]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _not_utf8(self._name, self._number, start + exc.start) from None
        return text[:-1] if text.endswith("\r") else text

    def _fill(self) -> None:
        """One read of what is there (or the wait for it); past the cap is an error."""
        try:
            chunk = self._handle.read1(_CHUNK)
        except OSError as exc:
            raise InputReadError(f"{self._name}: cannot read ({_reason(exc)})") from None
        except ValueError:  # a closed file object
            raise InputReadError(f"{self._name}: closed (nothing to read)") from None
        self._read += len(chunk)
        if self._read > self._cap.max_bytes:
            raise self._cap.error(self._name)
        self._buffer += chunk
        self._ended = not chunk

    def _ready(self) -> bool:
        """Whether the next line can be had without waiting on the writer."""
        if self._ended or b"\n" in self._buffer:
            return True
        try:
            fd = self._handle.fileno()
        except (OSError, ValueError):  # an in-memory stream: everything is there
            return True
        return bool(select.select([fd], [], [], 0)[0])


def stream_stdin(max_bytes: int = DEFAULT_MAX_BYTES, option: str | None = None) -> LineStream:
    """The lines of stdin as they arrive (see :class:`LineStream`)."""
    return LineStream(cast(io.BufferedIOBase, _stdin()), "stdin", _Cap(max_bytes, option))


def check_size(path: str, max_bytes: int = DEFAULT_MAX_BYTES, option: str | None = None) -> None:
    """Refuse a regular file over the cap before it goes to a library that reads it whole
    (``datasets`` for reference sets), with the same wording as :func:`read_input`."""
    try:
        size = Path(path).stat().st_size
    except OSError as exc:
        raise InputReadError(f"{path}: cannot read ({_reason(exc)})") from None
    if size > max_bytes:
        raise _Cap(max_bytes, option).error(path)


def _stdin() -> BinaryIO:
    """The binary stdin, or a clear error when the process was started with it closed."""
    stream = sys.stdin
    buffer = getattr(stream, "buffer", None) if stream is not None else None
    if buffer is None:
        raise InputReadError("stdin: closed (nothing to read; give a file instead of -)")
    return buffer  # type: ignore[no-any-return]


@dataclass(frozen=True)
class _Cap:
    """The most bytes to read, and the option that sets it (named in the error)."""

    max_bytes: int
    option: str | None

    def error(self, name: str) -> InputReadError:
        hint = f" (see {self.option})" if self.option else ""
        return InputReadError(f"{name}: larger than the limit of {self.max_bytes} bytes{hint}")


def _read_capped(handle: BinaryIO, name: str, cap: _Cap) -> bytes:
    """Read in chunks and stop one byte past the cap, so an endless source ends here."""
    data = bytearray()
    max_bytes = cap.max_bytes
    try:
        while len(data) <= max_bytes:
            chunk = handle.read(min(_CHUNK, max_bytes + 1 - len(data)))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise InputReadError(f"{name}: cannot read ({_reason(exc)})") from None
    except ValueError:  # a closed file object
        raise InputReadError(f"{name}: closed (nothing to read)") from None
    if len(data) > max_bytes:
        raise cap.error(name)
    return bytes(data)


def _read_fifo(path: str, name: str, cap: _Cap, wait: float) -> bytes:
    """Read a named pipe without blocking on open; give up when no data comes in ``wait``."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        raise InputReadError(f"{name}: cannot read ({_reason(exc)})") from None
    data = bytearray()
    deadline = time.monotonic() + wait
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                if data:
                    break
                raise InputReadError(
                    f"{name}: named pipe with no data after {wait:g}s (no writer?)"
                )
            ready, _, _ = select.select([fd], [], [], left)
            chunk = os.read(fd, _CHUNK) if ready else b""
            if chunk:
                data += chunk
                deadline = time.monotonic() + wait
                if len(data) > cap.max_bytes:
                    raise cap.error(name)
            elif ready and data:
                break  # the writer closed after writing
            elif ready:
                time.sleep(0.05)  # no writer yet: EOF is reported until one opens the pipe
    except OSError as exc:
        raise InputReadError(f"{name}: cannot read ({_reason(exc)})") from None
    finally:
        os.close(fd)
    return bytes(data)


def decode_utf8(data: bytes, name: str) -> str:
    """Strict UTF-8 text; an invalid byte is reported with its line, never passed on."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(name, data.count(b"\n", 0, exc.start) + 1, exc.start) from None


def _not_utf8(name: str, line: int, byte: int) -> InputReadError:
    return InputReadError(f"{name}, line {line}: not UTF-8 text (byte {byte})")


def check_text(text: str, name: str) -> str:
    """``text`` if it encodes as UTF-8; bytes the shell passed that are not UTF-8 arrive as
    lone surrogates and are refused here instead of failing deep inside a model."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputReadError(f"{name}: not UTF-8 text (character {exc.start + 1})") from None
    return text


def split_lines(text: str) -> list[str]:
    """Lines ended by a newline (or CRLF) only; U+2028, NEL, form feed or a bare CR stay inside."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
