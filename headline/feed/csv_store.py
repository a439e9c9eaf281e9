"""Resumable CSV output: one column per field and language, spreadsheet formulas defused.

A cell that starts with ``=``, ``+``, ``-``, ``@`` (or tab, carriage return) would run as a
formula when the file is opened in a spreadsheet, so it gets a leading apostrophe; a cell that
already starts with an apostrophe gets one too, so :func:`unescape_cell` inverts it exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from common.store import LineStore

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
RECORD_FIELDS = ("id", "link", "published", "title", "summary")


def escape_cell(value: str) -> str:
    """The cell as a spreadsheet will show it, never as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def unescape_cell(value: str) -> str:
    """Inverse of :func:`escape_cell`."""
    return value[1:] if value.startswith("'") else value


def csv_columns(targets: Sequence[str], fields: Sequence[str]) -> list[str]:
    """Header for a run translating ``fields`` into ``targets``."""
    translated = [f"{field}_{lang}" for lang in targets for field in fields]
    return [*RECORD_FIELDS, *translated, "status", "error"]


def flatten_record(record: Mapping[str, Any], columns: Sequence[str]) -> list[str]:
    """A feed record as CSV cells in ``columns`` order (missing values are empty)."""
    cells = {key: record.get(key) for key in (*RECORD_FIELDS, "status", "error")}
    for lang, translated in (record.get("translations") or {}).items():
        for field, text in translated.items():
            cells[f"{field}_{lang}"] = text
    return [escape_cell(" ".join(str(cells.get(c) or "").split())) for c in columns]


def unflatten_row(row: Mapping[str, str]) -> dict[str, Any]:
    """A CSV row back into a feed record (empty cells become None)."""
    values = {key: unescape_cell(value) or None for key, value in row.items()}
    record: dict[str, Any] = {key: values.get(key) for key in RECORD_FIELDS}
    translations: dict[str, dict[str, str | None]] = {}
    for key, value in values.items():
        field, _, lang = key.rpartition("_")
        if field and key not in record and key not in ("status", "error"):
            translations.setdefault(lang, {})[field] = value
    record.update(translations=translations, status=values.get("status"), error=values.get("error"))
    return record


class CsvStore(LineStore):
    """A :class:`LineStore` writing CSV rows under a fixed header."""

    def __init__(self, path: str | Path, columns: Sequence[str]) -> None:
        super().__init__(path)
        self.columns = list(columns)

    def header(self) -> str:
        return self._line(self.columns)

    def encode(self, record: Mapping[str, Any]) -> str:
        return self._line(flatten_record(record, self.columns))

    def decode_key(self, line: str) -> tuple[str, str | None]:
        rows = list(csv.reader([line]))
        if len(rows) != 1 or len(rows[0]) != len(self.columns):
            raise ValueError(f"expected {len(self.columns)} CSV cells")
        cells = dict(zip(self.columns, rows[0], strict=True))
        return unescape_cell(cells["id"]), cells.get("status") or None

    @staticmethod
    def _line(cells: Sequence[str]) -> str:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(cells)
        return buffer.getvalue()[:-1]
