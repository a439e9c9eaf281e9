"""Issue 12: reference and prediction files of ``headline eval`` keep the byte cap of every
other input; a reference file over it is refused before ``datasets`` is handed it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile_cli import one_error

import cli

ROW = '{"id": "1", "article": "A b c.", "summary": "A b.", "source": "A b.", "target": "A b."}\n'
CSV = "id,article,summary\n1,A b c.,A b.\n"


def _invoke(args: list[str], env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli.main, args, env=env)


@pytest.fixture()
def no_datasets(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a file over the cap reaches ``datasets``."""
    import datasets

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("datasets was handed a file over the cap")

    monkeypatch.setattr(datasets, "load_dataset", refuse)


REFERENCE_CASES = {
    "summaries-jsonl": ("refs.jsonl", ROW * 3, ["summaries", "--system", "lead"]),
    "summaries-csv": ("refs.csv", CSV * 4, ["summaries", "--system", "lead"]),
    "summaries-parquet": ("refs.parquet", "PAR1" + "x" * 200, ["summaries", "--system", "lead"]),
    "translations-jsonl": ("refs.jsonl", ROW * 3,
                           ["translations", "--target", "hy", "--system", "profile"]),
}


@pytest.mark.parametrize("case", list(REFERENCE_CASES))
def test_a_reference_file_over_the_cap_is_refused_before_loading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_datasets: None, case: str
) -> None:
    name, text, args = REFERENCE_CASES[case]
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(text)
    result = _invoke(["eval", args[0], "--references", name, "--max-bytes", "100", *args[1:]])
    assert one_error(result) == (
        f"Error: cannot read references: {name}: larger than the limit of 100 bytes "
        "(see --max-bytes)"
    )


def test_the_default_cap_holds_for_a_sparse_reference_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_datasets: None
) -> None:
    monkeypatch.chdir(tmp_path)
    with Path("refs.jsonl").open("wb") as handle:
        handle.truncate(cli.DEFAULT_MAX_BYTES + 1)
    result = _invoke(["eval", "summaries", "--references", "refs.jsonl", "--system", "lead"])
    assert one_error(result) == (
        "Error: cannot read references: refs.jsonl: larger than the limit of 10000000 bytes "
        "(see --max-bytes)"
    )


def test_the_cap_comes_from_the_environment_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, no_datasets: None
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.jsonl").write_text(ROW * 3)
    result = _invoke(["eval", "summaries", "--references", "refs.jsonl", "--system", "lead"],
                     env={"HEADLINE_MAX_BYTES": "50"})
    assert one_error(result) == (
        "Error: cannot read references: refs.jsonl: larger than the limit of 50 bytes "
        "(see --max-bytes)"
    )


def test_a_reference_file_of_exactly_the_cap_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.jsonl").write_text(ROW)
    result = _invoke(["eval", "summaries", "--references", "refs.jsonl", "--system", "lead",
                      "--max-bytes", str(len(ROW)), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "lead" in result.stdout


PREDICTION_CASES = {
    "lines": ("p.txt", "A b.\n" * 30),
    "jsonl": ("p.jsonl", '{"id": "1", "summary": "A b."}\n' * 10),
    "one-long-line": ("p.txt", "x" * 500),
}


@pytest.mark.parametrize("case", list(PREDICTION_CASES))
def test_a_predictions_file_over_the_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str
) -> None:
    name, text = PREDICTION_CASES[case]
    monkeypatch.chdir(tmp_path)
    Path("refs.jsonl").write_text(ROW)
    Path(name).write_text(text)
    result = _invoke(["eval", "summaries", "--references", "refs.jsonl", "--predictions", name,
                      "--max-bytes", str(len(ROW))])
    assert one_error(result) == (
        f"Error: cannot read predictions: {name}: larger than the limit of {len(ROW)} bytes "
        "(see --max-bytes)"
    )


@pytest.mark.parametrize(
    ("option", "target"),
    [
        ("--outputs", "refs.jsonl"),
        ("-o", "refs.jsonl"),
        ("--per-example", "./refs.jsonl"),
        ("-o", "preds.jsonl"),
        ("--plot", "link.jsonl"),
    ],
)
def test_an_output_naming_an_input_file_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, option: str, target: str
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.jsonl").write_text(ROW)
    Path("preds.jsonl").write_text('{"id": "1", "summary": "A b."}\n')
    Path("link.jsonl").symlink_to("refs.jsonl")
    source = "preds.jsonl" if target == "preds.jsonl" else "refs.jsonl"
    args = ["eval", "summaries", "--references", "refs.jsonl", "--predictions", "preds.jsonl"]
    result = _invoke([*args, option, target])
    assert one_error(result) == (
        f"Error: {option} {target} is an input of this evaluation ({source})"
    )
    assert Path("refs.jsonl").read_text() == ROW
    assert Path("preds.jsonl").read_text() == '{"id": "1", "summary": "A b."}\n'
