"""Reference and prediction files: columns, limits, samples, and bad input named clearly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import FIXTURES

from eval.errors import EvalError
from eval.predictions import load_predictions
from eval.references import ReferenceOptions, load_references

XSUM = str(FIXTURES / "refsets" / "xsum_sample10.jsonl")


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> str:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return str(path)


def test_limit_and_seeded_sample() -> None:
    limited = load_references(ReferenceOptions(XSUM, limit=4))
    assert len(limited.items) == 4
    sample = load_references(ReferenceOptions(XSUM, sample=3, seed=5)).ids()
    assert sample == load_references(ReferenceOptions(XSUM, sample=3, seed=5)).ids()
    assert len(set(sample)) == 3
    assert set(sample) <= set(load_references(ReferenceOptions(XSUM)).ids())


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_csv_and_parquet_with_named_columns(tmp_path: Path, suffix: str) -> None:
    import datasets

    frame = datasets.Dataset.from_dict(
        {"key": ["a", "b"], "text": ["one", "two"], "gold": ["x", "y"]}
    )
    path = tmp_path / f"refs.{suffix}"
    frame.to_csv(path, index=False) if suffix == "csv" else frame.to_parquet(path)
    loaded = load_references(ReferenceOptions(str(path), "text", "gold", "key"))
    assert [(i.id, i.article, i.references) for i in loaded.items] == [
        ("a", "one", ["x"]), ("b", "two", ["y"])
    ]


def test_list_column_gives_several_references(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "r.jsonl", [{"id": 1, "article": "a", "refs": ["x", "y"]}])
    item = load_references(ReferenceOptions(path, reference_column="refs")).items[0]
    assert item.id == "1" and item.references == ["x", "y"]


@pytest.mark.parametrize(
    ("options", "named"),
    [
        (ReferenceOptions(XSUM, article_column="text"), "'text'"),
        (ReferenceOptions(XSUM, reference_column="highlights"), "'highlights'"),
        (ReferenceOptions("no/such/refs.jsonl"), "no/such/refs.jsonl"),
    ],
)
def test_bad_reference_options_name_the_problem(options: ReferenceOptions, named: str) -> None:
    with pytest.raises(EvalError, match=named):
        load_references(options)


def test_empty_reference_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    with pytest.raises(EvalError, match="empty"):
        load_references(ReferenceOptions(str(path)))


def test_hub_id_offline_is_a_clean_error() -> None:
    with pytest.raises(EvalError, match="cnn_dailymail"):
        load_references(ReferenceOptions("cnn_dailymail:3.0.0:test"))


def test_predictions_several_systems_and_human_scores(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "p.jsonl", [
        {"id": "a", "system": "s1", "summary": "x", "relevance": 4},
        {"id": "b", "system": "s1", "summary": "y", "relevance": 2},
        {"id": "a", "system": "s2", "prediction": "z"},
        {"id": "b", "system": "s2", "prediction": "w"},
    ])
    loaded = load_predictions(path, ["a", "b"])
    assert loaded.outputs == {"s1": {"a": "x", "b": "y"}, "s2": {"a": "z", "b": "w"}}
    assert loaded.human == {"s1": {"relevance": 3.0}}


def test_plain_text_predictions_follow_reference_order(tmp_path: Path) -> None:
    path = tmp_path / "hy.txt"
    path.write_text("առաջին\nերկրորդ\n", "utf-8")
    outputs = load_predictions(str(path), ["a", "b"]).outputs
    assert outputs == {"hy": {"a": "առաջին", "b": "երկրորդ"}}
    with pytest.raises(EvalError, match="2 lines for 3 reference items"):
        load_predictions(str(path), ["a", "b", "c"])


@pytest.mark.parametrize(
    ("records", "named"),
    [
        ([{"id": "a", "summary": "x"}], "'b'"),
        ([{"id": "a", "summary": "x"}, {"id": "b", "summary": "y"}, {"id": "zz", "summary": "q"}],
         "'zz'"),
        ([{"id": "a", "text": "x"}], "summary"),
        ([{"summary": "x"}], "'id'"),
    ],
    ids=["missing-id", "unknown-id", "no-text-field", "no-id-field"],
)
def test_mismatched_predictions_name_the_id(
    tmp_path: Path, records: list[dict[str, object]], named: str
) -> None:
    path = _write_jsonl(tmp_path / "p.jsonl", records)
    with pytest.raises(EvalError, match=named):
        load_predictions(path, ["a", "b"])


def test_empty_predictions_file(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("\n")
    with pytest.raises(EvalError, match="empty"):
        load_predictions(str(path), ["a"])
