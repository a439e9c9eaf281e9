"""headline.summarizing: which summariser a method name gives, and when auto falls back."""

from __future__ import annotations

from pathlib import Path

import pytest
from tiny_bart import session_bart

from headline.summarizing import SummaryOptions, build_summarizer
from seq2seq import EngineOptions
from summarize.errors import SummarizerError
from summarize.summarizers.seq2seq import Seq2SeqSummarizer

XLSUM = "csebuetnlp/mT5_multilingual_XLSum"


@pytest.fixture(scope="module")
def tiny_bart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_bart(tmp_path_factory)


@pytest.mark.parametrize(
    ("method", "sentences", "message"),
    [("abstractive", 3, "unknown summary method 'abstractive'"), ("lead", 0, "1 or more, got 0")],
)
def test_bad_summary_options_are_named(method: str, sentences: int, message: str) -> None:
    with pytest.raises(SummarizerError, match=message):
        SummaryOptions(method, sentences=sentences)


@pytest.mark.parametrize("method", ["lead", "textrank"])
def test_weight_free_methods_need_no_model(method: str) -> None:
    notices: list[str] = []
    summarizer = build_summarizer(SummaryOptions(method), EngineOptions(), notices.append)
    assert summarizer.name == method
    assert notices == []


def test_auto_uses_seq2seq_when_the_model_loads(tiny_bart_dir: Path) -> None:
    notices: list[str] = []
    options = EngineOptions(backend="transformers", device="cpu")
    auto = SummaryOptions("auto", str(tiny_bart_dir))
    summarizer = build_summarizer(auto, options, notices.append)
    assert summarizer.name == "seq2seq"
    assert notices == []


def test_summariser_engine_puts_every_core_on_one_article(tiny_bart_dir: Path) -> None:
    options = EngineOptions(backend="ctranslate2", device="cpu", cpu_threads=2)
    summarizer = build_summarizer(SummaryOptions("seq2seq", str(tiny_bart_dir)), options)
    assert isinstance(summarizer, Seq2SeqSummarizer)
    engine = summarizer.generator
    assert engine.options.resolved_threads() == (1, 2)  # type: ignore[attr-defined]
    assert engine._translator.num_translators == 1  # type: ignore[attr-defined]


@pytest.mark.parametrize(("model", "language"), [(None, "ru"), (None, "hy"), (XLSUM, "hy")])
def test_auto_takes_textrank_for_a_language_the_model_does_not_cover(
    model: str | None, language: str
) -> None:
    notices: list[str] = []
    summarizer = build_summarizer(
        SummaryOptions("auto", model), EngineOptions(), notices.append, language=language
    )
    assert summarizer.name == "textrank"
    assert len(notices) == 1
    assert f"this article is in {language}" in notices[0]
