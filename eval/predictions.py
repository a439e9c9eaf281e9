"""System outputs from a file: JSONL with ``id`` and ``summary``/``prediction`` (several
systems via a ``system`` column), or plain text with one line per reference item."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common.io import DEFAULT_MAX_BYTES, InputReadError, decode_utf8, read_input, split_lines
from common.jsonlines import json_problem
from eval.errors import EvalError
from eval.meta import HUMAN_COLUMNS

TEXT_FIELDS = ("summary", "prediction", "translation", "output")


def _text_of(record: dict[str, Any], where: str) -> str:
    for name in TEXT_FIELDS:
        value = record.get(name)
        if isinstance(value, str):
            return value
    raise EvalError(f"{where}: no text field (one of {', '.join(TEXT_FIELDS)})")


@dataclass
class Predictions:
    """Each system's outputs by id, and the mean of every human score column the records
    carry per system (for meta-evaluation)."""

    outputs: dict[str, dict[str, str]] = field(default_factory=dict)
    human: dict[str, dict[str, float]] = field(default_factory=dict)


def _human_means(records: list[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, float]]:
    sums: dict[str, dict[str, list[float]]] = {}
    for system, record in records:
        for name in HUMAN_COLUMNS:
            value = record.get(name)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                sums.setdefault(system, {}).setdefault(name, []).append(float(value))
    return {
        system: {name: sum(values) / len(values) for name, values in columns.items()}
        for system, columns in sums.items()
    }


def _read_jsonl(path: Path, lines: list[str], default_system: str) -> Predictions:
    systems: dict[str, dict[str, str]] = {}
    records: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            raise EvalError(f"{where}: not JSON ({json_problem(exc)})") from None
        if not isinstance(record, dict) or "id" not in record:
            raise EvalError(f"{where}: a record needs an 'id' field")
        system = str(record.get("system") or default_system)
        outputs = systems.setdefault(system, {})
        item_id = str(record["id"])
        if item_id in outputs:
            raise EvalError(f"{where}: id {item_id!r} appears twice for system {system!r}")
        outputs[item_id] = _text_of(record, where)
        records.append((system, record))
    return Predictions(systems, _human_means(records))


def load_predictions(
    path: str, ids: list[str], max_bytes: int = DEFAULT_MAX_BYTES
) -> Predictions:
    """Every system's outputs, each covering exactly the reference ``ids``; a file over
    ``max_bytes`` is refused.

    A plain text file is matched to ``ids`` by line order and must have one line per item.
    """
    file = Path(path)
    if not file.exists():
        raise EvalError(f"predictions file not found: {path}")
    try:
        lines = split_lines(decode_utf8(read_input(path, max_bytes, "--max-bytes"), path))
    except InputReadError as exc:
        raise EvalError(f"cannot read predictions: {exc}") from None
    if not any(line.strip() for line in lines):
        raise EvalError(f"{path}: the predictions file is empty")
    default_system = file.stem
    if file.suffix.lower() in (".jsonl", ".json") or lines[0].lstrip().startswith("{"):
        predictions = _read_jsonl(file, lines, default_system)
    else:
        if len(lines) != len(ids):
            raise EvalError(
                f"{path}: {len(lines)} lines for {len(ids)} reference items (one line per item)"
            )
        predictions = Predictions({default_system: dict(zip(ids, lines, strict=True))})
    for system, outputs in predictions.outputs.items():
        check_coverage(outputs, ids, f"{path} (system {system!r})")
    return predictions


def check_coverage(outputs: dict[str, str], ids: list[str], where: str) -> None:
    """Fail naming the first reference id without an output, or the first unknown id."""
    wanted = set(ids)
    missing = [item_id for item_id in ids if item_id not in outputs]
    if missing:
        raise EvalError(
            f"{where}: no output for id {missing[0]!r} ({len(missing)} reference ids missing)"
        )
    unknown = [item_id for item_id in outputs if item_id not in wanted]
    if unknown:
        raise EvalError(f"{where}: id {unknown[0]!r} is not in the reference set")
