"""Reference sets through ``datasets.load_dataset``: a hub id ``name[:config[:split]]`` or a
local JSONL/CSV/Parquet file, with the columns named by the caller."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from common.io import DEFAULT_MAX_BYTES, InputReadError, check_size
from eval.errors import EvalError

LOCAL_BUILDERS = {".jsonl": "json", ".json": "json", ".csv": "csv", ".parquet": "parquet"}
REFERENCE_COLUMNS = ("highlights", "reference", "summary", "target")


@dataclass(frozen=True)
class ReferenceOptions:
    """Where the references are and which columns hold what.

    ``reference_column`` None takes the first of :data:`REFERENCE_COLUMNS` present; a list
    column gives several references per item. ``id_column`` missing from the data numbers the
    rows instead. ``sample`` draws that many items with ``seed`` (after ``limit``).
    """

    source: str
    article_column: str = "article"
    reference_column: str | None = None
    id_column: str = "id"
    limit: int | None = None
    sample: int | None = None
    seed: int = 0


@dataclass(frozen=True)
class ReferenceItem:
    """One item: its id, the text to summarise or translate, and its references."""

    id: str
    article: str
    references: list[str]


@dataclass(frozen=True)
class ReferenceSet:
    """The loaded items and where they came from (for signatures)."""

    name: str
    split: str
    items: list[ReferenceItem]

    def ids(self) -> list[str]:
        """Item ids in order."""
        return [item.id for item in self.items]


def _load_rows(source: str, max_bytes: int) -> tuple[Any, str, str]:
    """The dataset rows, the set's name and its split; a local file over ``max_bytes`` is
    refused before ``datasets`` reads it."""
    import datasets

    path = Path(source)
    builder = LOCAL_BUILDERS.get(path.suffix.lower())
    if builder is not None or path.exists():
        if not path.exists():
            raise EvalError(f"reference file not found: {source}")
        if not path.is_file():
            raise EvalError(f"{source}: not a regular file (a directory, device or pipe)")
        if builder is None:
            raise EvalError(
                f"{source}: unknown reference format (use {', '.join(LOCAL_BUILDERS)})"
            )
        if path.stat().st_size == 0:
            raise EvalError(f"{source}: the reference file is empty")
        try:
            check_size(source, max_bytes, "--max-bytes")
        except InputReadError as exc:
            raise EvalError(f"cannot read references: {exc}") from None
        try:
            with _quiet_progress():
                rows = datasets.load_dataset(builder, data_files=str(path), split="train")
        except Exception as exc:
            raise EvalError(f"{source}: cannot read references ({exc})") from None
        return rows, path.name, "file"
    name, _, rest = source.partition(":")
    config, _, split = rest.partition(":")
    split = split or "test"
    try:
        with _quiet_progress():
            rows = datasets.load_dataset(name, config or None, split=split)
    except Exception as exc:
        raise EvalError(
            f"cannot load reference set {source!r} ({type(exc).__name__}: {exc}); give a local "
            "JSONL/CSV/Parquet file or a hub id name:config:split reachable from here"
        ) from None
    return rows, f"{name}:{config}" if config else name, split


@contextmanager
def _quiet_progress() -> Iterator[None]:
    """Keep datasets' split-building bars and its own error log lines (a corrupt Parquet
    file is logged before it is raised) off stderr, where our table and one error line go."""
    import datasets

    was_disabled = datasets.are_progress_bars_disabled()
    verbosity = datasets.logging.get_verbosity()
    datasets.disable_progress_bars()
    datasets.logging.set_verbosity(datasets.logging.CRITICAL + 10)
    try:
        yield
    finally:
        datasets.logging.set_verbosity(verbosity)
        if not was_disabled:
            datasets.enable_progress_bars()


def _reference_column(columns: list[str], options: ReferenceOptions) -> str:
    if options.reference_column is not None:
        if options.reference_column not in columns:
            raise EvalError(
                f"{options.source}: no column {options.reference_column!r} "
                f"(columns: {', '.join(columns)})"
            )
        return options.reference_column
    for name in REFERENCE_COLUMNS:
        if name in columns:
            return name
    raise EvalError(
        f"{options.source}: no reference column (looked for {', '.join(REFERENCE_COLUMNS)}; "
        f"columns: {', '.join(columns)}); name it with --reference-column"
    )


def _as_references(value: Any, item_id: str, column: str) -> list[str]:
    texts = value if isinstance(value, list) else [value]
    references = [text for text in texts if isinstance(text, str) and text.strip()]
    if not references:
        raise EvalError(f"item {item_id!r}: column {column!r} holds no reference text")
    return references


def load_references(
    options: ReferenceOptions, max_bytes: int = DEFAULT_MAX_BYTES
) -> ReferenceSet:
    """Load, check and cut the reference set described by ``options`` (a local file of at
    most ``max_bytes``)."""
    rows, name, split = _load_rows(options.source, max_bytes)
    columns = list(rows.column_names)
    if options.article_column not in columns:
        raise EvalError(
            f"{options.source}: no column {options.article_column!r} "
            f"(columns: {', '.join(columns)}); name it with --article-column"
        )
    reference_column = _reference_column(columns, options)
    if len(rows) == 0:
        raise EvalError(f"{options.source}: the reference set has no rows")
    if options.limit is not None:
        rows = rows.select(range(min(options.limit, len(rows))))
    indices = list(range(len(rows)))
    if options.sample is not None and options.sample < len(indices):
        indices = sorted(random.Random(options.seed).sample(indices, options.sample))
    has_ids = options.id_column in columns
    items, seen = [], set()
    for index in indices:
        row = rows[index]
        item_id = str(row[options.id_column]) if has_ids else str(index)
        if item_id in seen:
            raise EvalError(f"{options.source}: id {item_id!r} appears twice")
        seen.add(item_id)
        article = row[options.article_column]
        items.append(
            ReferenceItem(
                id=item_id,
                article=article if isinstance(article, str) else "",
                references=_as_references(row[reference_column], item_id, reference_column),
            )
        )
    return ReferenceSet(name=name, split=split, items=items)
