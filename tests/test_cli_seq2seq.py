"""`headline summarize --method seq2seq|auto` end to end, on a tiny BART built here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO
from tiny_bart import session_bart

import cli

PAGE = REPO / "examples" / "caliber-drumsticks-page.txt"
DEFAULT_MODEL = "sshleifer/distilbart-cnn-12-6"


@pytest.fixture(scope="module")
def tiny_bart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_bart(tmp_path_factory)


def summarize(*args: str) -> Result:
    return CliRunner().invoke(cli.main, ["summarize", str(PAGE), "--no-translate", *args])


@pytest.mark.slow
@pytest.mark.parametrize(("backend", "sentences"), [("transformers", 1), ("ctranslate2", 3)])
def test_seq2seq_with_a_local_model_dir(tiny_bart_dir: Path, backend: str, sentences: int) -> None:
    result = summarize(
        "--method", "seq2seq", "--summarizer-model", str(tiny_bart_dir),
        "--backend", backend, "--sentences", str(sentences), "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    digest = json.loads(result.stdout)
    assert digest["method"] == "seq2seq"
    assert 1 <= len(digest["summary"]) <= sentences
    assert digest["translations"] == {}
    assert digest["models"]["summarize"]["id"] == str(tiny_bart_dir.resolve())
    assert "notice" not in result.stderr


def test_auto_falls_back_to_textrank_with_a_notice_when_offline_and_missing() -> None:
    result = summarize("--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["method"] == "textrank"
    notice = result.stderr.strip().splitlines()
    assert len(notice) == 1
    assert notice[0].startswith("notice: summarising with textrank")
    assert DEFAULT_MODEL in notice[0]
    assert "headline models fetch" in notice[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--method", "seq2seq"], f"Error: model '{DEFAULT_MODEL}' is not in the local cache"),
        (["--method", "seq2seq", "--summarizer-model", "./no-such-model"], "does not exist"),
    ],
)
def test_seq2seq_without_its_model_is_a_one_line_error(args: list[str], message: str) -> None:
    result = summarize(*args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_auto_on_a_russian_page_says_why_it_used_textrank(tmp_path: Path) -> None:
    page = tmp_path / "ru.txt"
    page.write_text("Совет утвердил бюджет. Автобусов станет больше. Жители довольны.\n" * 3)
    result = CliRunner().invoke(cli.main, ["summarize", str(page), "--no-translate"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("notice: summarising with textrank")
    assert f"{DEFAULT_MODEL} summarises en only and this article is in ru" in result.stderr
