"""`headline eval` end to end through click: reports, chart, per-example scores, resume,
seq2seq systems, translations, and one-line errors."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import FIXTURES
from tiny_bart import build_tiny_bart
from tiny_models import session_model

import cli

REFSETS = FIXTURES / "refsets"
XSUM = str(REFSETS / "xsum_sample10.jsonl")
NTREX_HY = str(REFSETS / "ntrex128_en-hy_8.jsonl")
PNG_HEADER = b"\x89PNG\r\n\x1a\n"


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["eval", *args])


def test_summaries_json_plot_per_example_and_resume(tmp_path: Path) -> None:
    report, plot = tmp_path / "report.json", tmp_path / "chart.png"
    examples, outputs = tmp_path / "examples.csv", tmp_path / "outputs.jsonl"
    args = ["summaries", "--references", XSUM, "--limit", "5", "--system", "lead",
            "--system", "textrank", "--resamples", "50", "--format", "json", "-o", str(report),
            "--plot", str(plot), "--per-example", str(examples), "--outputs", str(outputs)]
    result = _run(*args)
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text())
    assert [s["system"] for s in data["systems"]] == ["lead", "textrank"]
    assert data["references"] == {"name": "xsum_sample10.jsonl", "split": "file", "count": 5}
    for system in data["systems"]:
        for key in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
            low, high = system["intervals"][key]
            assert 0 <= low <= system["scores"][key] <= high <= 100
            assert f"{key}_precision" in system["scores"]
        signature = system["signatures"]["rouge"]
        assert signature["count"] == 5 and "rouge-score" in signature["tool"]
        assert f"system:{system['system']}" in signature["signature"]
    assert {c["score"] for c in data["comparisons"]} == {"rouge1", "rouge2", "rougeL", "rougeLsum"}
    assert plot.read_bytes().startswith(PNG_HEADER)
    rows = list(csv.DictReader(examples.open()))
    assert len(rows) == 10 and {row["system"] for row in rows} == {"lead", "textrank"}
    stored = outputs.read_text().splitlines()
    assert len(stored) == 10

    again = _run(*args)
    assert again.exit_code == 0, again.output
    assert "lead: 5/5" in again.stderr and "lead: 0/5" not in again.stderr
    assert "\r" not in result.stderr
    assert result.stderr.splitlines() == ["lead: 5/5", "textrank: 5/5"]
    assert outputs.read_text().splitlines() == stored
    assert json.loads(report.read_text())["systems"] == data["systems"]


def test_predictions_files_are_all_scored_in_natural_order(tmp_path: Path) -> None:
    ids = [json.loads(line)["id"] for line in Path(XSUM).read_text().splitlines()[:2]]
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text("".join(json.dumps({"id": i, "system": name, "summary": "x y"}) + "\n"
                             for name in ("M10", "M2") for i in ids))
    second.write_text("".join(json.dumps({"id": i, "system": "M1", "summary": "x"}) + "\n"
                              for i in ids))
    result = _run("summaries", "--references", XSUM, "--limit", "2", "--resamples", "20",
                  "--predictions", str(first), "--predictions", str(second), "--format", "json")
    assert result.exit_code == 0, result.output
    assert [s["system"] for s in json.loads(result.stdout)["systems"]] == ["M2", "M10", "M1"]
    again = _run("summaries", "--references", XSUM, "--limit", "2", "--predictions", str(first),
                 "--predictions", str(first))
    assert again.exit_code == 1
    assert again.stderr.strip().startswith("Error: system 'M2' is in both")


def test_stored_outputs_score_as_predictions_in_a_table(tmp_path: Path) -> None:
    outputs = tmp_path / "outputs.jsonl"
    generated = _run("summaries", "--references", XSUM, "--limit", "3", "--system", "lead",
                     "--resamples", "20", "--outputs", str(outputs), "--format", "csv")
    scored = _run("summaries", "--references", XSUM, "--limit", "3", "--predictions",
                  str(outputs), "--resamples", "20", "--format", "csv")
    assert generated.exit_code == 0 and scored.exit_code == 0, scored.output
    assert generated.stdout == scored.stdout
    table = _run("summaries", "--references", XSUM, "--limit", "3", "--predictions",
                 str(outputs), "--resamples", "20")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split() == [
        "system", "rouge1", "rouge2", "rougeL", "rougeLsum"
    ]
    assert table.stdout.splitlines()[2].startswith("lead ")


def test_seq2seq_system_records_its_model(tmp_path: Path) -> None:
    model = build_tiny_bart(tmp_path / "bart")
    result = _run("summaries", "--references", XSUM, "--limit", "2", "--system",
                  f"seq2seq:{model}", "--backend", "transformers", "--resamples", "20",
                  "--format", "json")
    assert result.exit_code == 0, result.output
    system = json.loads(result.stdout)["systems"][0]
    assert system["model"] == str(model.resolve())
    assert f"model:{model.resolve()}@" in system["signatures"]["rouge"]["signature"]


def test_translations_of_the_references_themselves_score_100(tmp_path: Path) -> None:
    references = [json.loads(line)["reference"]
                  for line in Path(NTREX_HY).read_text("utf-8").splitlines()[:4]]
    predictions = tmp_path / "hy.txt"
    predictions.write_text("\n".join(references) + "\n", "utf-8")
    result = _run("translations", "--references", NTREX_HY, "--limit", "4", "--target", "hy",
                  "--predictions", str(predictions), "--resamples", "20", "--format", "json")
    assert result.exit_code == 0, result.output
    system = json.loads(result.stdout)["systems"][0]
    assert system["system"] == "hy"
    for key in ("bleu", "chrf", "chrf++"):
        assert system["scores"][key] == pytest.approx(100.0)
    assert "tok:13a" in system["signatures"]["bleu"]["signature"]
    assert "nw:2" in system["signatures"]["chrf++"]["signature"]


def test_translations_generated_by_a_model_carry_its_id(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    model = session_model("marian", tmp_path_factory)
    result = _run("translations", "--references", NTREX_HY, "--limit", "3", "--target", "hy",
                  "--system", str(model), "--backend", "transformers", "--max-length", "4",
                  "--resamples", "20",
                  "--format", "json")
    assert result.exit_code == 0, result.output
    system = json.loads(result.stdout)["systems"][0]
    assert system["model"] == str(model.resolve())
    assert all(0 <= system["scores"][key] <= 100 for key in ("bleu", "chrf", "chrf++"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--article-column", "text", "--system", "lead"], "no column 'text'"),
        (["--reference-column", "gold", "--system", "lead"], "no column 'gold'"),
        (["--system", "bogus"], "unknown system 'bogus'"),
    ],
)
def test_bad_summaries_input_is_one_line(args: list[str], message: str) -> None:
    result = _run("summaries", "--references", XSUM, "--limit", "2", *args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_mismatched_prediction_ids_are_named(tmp_path: Path) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text('{"id": "not-an-item", "summary": "x"}\n')
    result = _run("summaries", "--references", XSUM, "--limit", "1", "--predictions",
                  str(predictions))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "no output for id" in result.output


def test_a_system_or_predictions_is_required() -> None:
    result = _run("summaries", "--references", XSUM)
    assert result.exit_code == 2
    assert "--predictions FILE or at least one --system" in result.output
