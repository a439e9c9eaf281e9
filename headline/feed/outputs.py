"""Where a feed run's records go, by output format: JSONL or CSV (resumable, locked), one
HTML page written at the end, or JSONL on stdout for ``-o -``."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from types import TracebackType
from typing import Protocol, TextIO

from common.store import JsonlStore, LineStore
from headline.errors import FeedError
from headline.records import FeedRecord

FEED_OUTPUT_FORMATS = ("jsonl", "csv", "html")


class FeedSink(Protocol):
    """A record sink that is also a context manager (opened for the run, closed after)."""

    def done_ids(self) -> set[str]: ...

    def failed_ids(self) -> set[str]: ...

    def append(self, records: Sequence[FeedRecord]) -> None: ...

    def __enter__(self) -> FeedSink: ...

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...


class StoreSink:
    """Feed records into a line store, as their JSON form."""

    def __init__(self, store: LineStore) -> None:
        self.store = store

    def done_ids(self) -> set[str]:
        return self.store.done_ids()

    def failed_ids(self) -> set[str]:
        return self.store.failed_ids()

    def append(self, records: Sequence[FeedRecord]) -> None:
        self.store.append([record.to_dict() for record in records])

    def __enter__(self) -> StoreSink:
        self.store.open()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.store.close()


class StdoutSink:
    """``-o -``: JSONL records on stdout, one batch per write (nothing to resume from)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream

    def done_ids(self) -> set[str]:
        return set()

    def failed_ids(self) -> set[str]:
        return set()

    def append(self, records: Sequence[FeedRecord]) -> None:
        stream = self.stream or sys.stdout
        stream.write("".join(
            json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n"
            for record in records
        ))
        stream.flush()

    def __enter__(self) -> StdoutSink:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def output_format(output: str, fmt: str | None) -> str:
    """``fmt`` if given, else from the output's extension (csv, html), else jsonl; ``-``
    (stdout) is JSONL only."""
    if output == "-" and fmt not in (None, "jsonl"):
        raise FeedError(f"-o - writes JSONL to stdout, not {fmt}")
    if fmt is not None:
        if fmt not in FEED_OUTPUT_FORMATS:
            raise FeedError(
                f"unknown output format {fmt!r} (choose from {', '.join(FEED_OUTPUT_FORMATS)})"
            )
        return fmt
    suffix = output.lower().rsplit(".", 1)[-1]
    return suffix if suffix in ("csv", "html") else "jsonl"


def open_sink(
    output: str,
    fmt: str,
    targets: Sequence[str],
    fields: Sequence[str],
    page_title: str,
    order: Sequence[str],
) -> FeedSink:
    """The sink for ``fmt``; ``page_title`` and ``order`` (item ids) are for the page."""
    if output == "-":
        return StdoutSink()
    if fmt == "html":
        from headline.page import FeedPageWriter

        return FeedPageWriter(output, page_title, order)
    if fmt == "csv":
        from headline.feed.csv_store import CsvStore, csv_columns

        return StoreSink(CsvStore(output, csv_columns(targets, fields)))
    return StoreSink(JsonlStore(output))
