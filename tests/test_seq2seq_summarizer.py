"""The seq2seq summariser: chunking of long articles, sentence limits, the real engine."""

from __future__ import annotations

import itertools
import json
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tiny_bart import session_bart, training_sentences

from seq2seq import EngineOptions, GenerationSettings, Seq2SeqEngine, load_seq2seq
from summarize.article import Article
from summarize.errors import SummarizerError
from summarize.summarizers.seq2seq import (
    Seq2SeqOptions,
    Seq2SeqSummarizer,
    plan_chunks,
)


@dataclass
class WordGenerator:
    """Counts words as tokens (plus two specials); summarises a text as its first words."""

    max_input_tokens: int = 40
    summary_words: int = 4
    model_id: str = "fake/words"
    revision: str | None = "abc123"
    calls: list[list[str]] = field(default_factory=list)
    counted: list[str] = field(default_factory=list)

    def count_tokens(self, text: str) -> int:
        self.counted.append(text)
        return len(text.split()) + 2

    def generate(self, texts: list[str]) -> list[str]:
        assert all(self.count_tokens(text) <= self.max_input_tokens for text in texts)
        self.calls.append(list(texts))
        heads = [" ".join(text.split()[: self.summary_words]) for text in texts]
        return [head if head.endswith(".") else head + " ." for head in heads]


def numbered_sentences(count: int, words: int = 6) -> list[str]:
    return [" ".join(f"w{index}x{word}" for word in range(words)) + "." for index in range(count)]


def article_of(sentences: list[str]) -> Article:
    return Article(title="Title", paragraphs=[" ".join(sentences)], language="en")


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=40),
    limit=st.integers(min_value=8, max_value=60),
    overlap=st.integers(min_value=0, max_value=2),
)
def test_chunks_cover_every_word_in_order_and_fit(
    lengths: list[int], limit: int, overlap: int
) -> None:
    units = [" ".join(f"s{i}w{j}" for j in range(n)) for i, n in enumerate(lengths)]
    generator = WordGenerator(max_input_tokens=limit)
    chunks = plan_chunks(units, generator, overlap)

    assert all(generator.count_tokens(" ".join(chunk)) <= limit for chunk in chunks)
    pieces = [piece for chunk in chunks for piece in chunk]
    covered = " ".join(dict.fromkeys(pieces)).split()
    assert covered == " ".join(units).split()
    for previous, following in itertools.pairwise(chunks):
        shared = [piece for piece in following if piece in previous]
        assert shared == following[: len(shared)]
        assert len(shared) <= overlap


def test_long_article_is_summarised_in_chunks_then_again() -> None:
    sentences = numbered_sentences(30)
    generator = WordGenerator(max_input_tokens=40)
    summary = Seq2SeqSummarizer(generator).summarize(article_of(sentences), sentences=2)

    first_round = " ".join(generator.calls[0])
    assert all(sentence.rstrip(".") in first_round for sentence in sentences)
    assert len(generator.calls) >= 2
    assert len(generator.calls[-1]) == 1
    assert 1 <= len(summary) <= 2
    assert summary[0].startswith("w0x0")


def test_a_long_article_is_never_tokenised_whole() -> None:
    sentences = numbered_sentences(60)
    generator = WordGenerator(max_input_tokens=40)
    Seq2SeqSummarizer(generator).summarize(article_of(sentences), sentences=3)
    longest = max(len(text.split()) for text in generator.counted)
    assert longest < 2 * generator.max_input_tokens < len(" ".join(sentences).split())


def test_overlap_repeats_the_last_sentence_of_the_previous_chunk() -> None:
    sentences = numbered_sentences(12)
    generator = WordGenerator(max_input_tokens=30)
    Seq2SeqSummarizer(generator, Seq2SeqOptions(overlap_sentences=1)).summarize(
        article_of(sentences), sentences=3
    )
    chunks = generator.calls[0]
    for previous, following in itertools.pairwise(chunks):
        last_sentence = previous.split(". ")[-1].rstrip(".")
        assert following.startswith(last_sentence)


def test_short_article_is_one_call_with_the_whole_text() -> None:
    sentences = numbered_sentences(3)
    generator = WordGenerator(max_input_tokens=100, summary_words=30)
    summary = Seq2SeqSummarizer(generator).summarize(article_of(sentences), sentences=5)
    assert generator.calls == [[" ".join(sentences)]]
    assert summary == sentences


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_summary_is_held_to_the_sentence_limit(limit: int) -> None:
    generator = WordGenerator(max_input_tokens=200, summary_words=200)
    summary = Seq2SeqSummarizer(generator).summarize(
        article_of(numbered_sentences(6)), sentences=limit
    )
    assert summary == numbered_sentences(6)[:limit]


def test_sentence_longer_than_the_limit_is_split_not_truncated() -> None:
    words = [f"word{index}" for index in range(100)]
    generator = WordGenerator(max_input_tokens=30)
    Seq2SeqSummarizer(generator).summarize(article_of([" ".join(words) + "."]), sentences=3)
    first_round = " ".join(generator.calls[0]).replace(".", "").split()
    assert len(generator.calls[0]) >= 4
    assert list(dict.fromkeys(first_round)) == words


def test_summaries_that_do_not_shrink_are_an_error() -> None:
    generator = WordGenerator(max_input_tokens=20, summary_words=30)
    with pytest.raises(SummarizerError, match="no shorter than their input"):
        Seq2SeqSummarizer(generator).summarize(article_of(numbered_sentences(20)), sentences=3)


def test_empty_article_gives_an_empty_summary() -> None:
    generator = WordGenerator()
    assert Seq2SeqSummarizer(generator).summarize(Article("T", []), sentences=3) == []
    assert generator.calls == []


@pytest.mark.parametrize("sentences", [0, -1])
def test_sentence_count_below_one_is_an_error(sentences: int) -> None:
    with pytest.raises(SummarizerError, match="1 or more"):
        Seq2SeqSummarizer(WordGenerator()).summarize(article_of(["A b."]), sentences=sentences)


@dataclass
class EchoGenerator:
    """Writes back a fixed PTB-style summary, as CNN/DailyMail-trained models do."""

    output: str
    max_input_tokens: int = 1000
    model_id: str = "fake/echo"
    revision: str | None = None

    def count_tokens(self, text: str) -> int:
        return len(text.split()) + 2

    def generate(self, texts: list[str]) -> list[str]:
        return [self.output for _ in texts]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("He said it was fine . Then he left .", ["He said it was fine.", "Then he left."]),
        ("Prices rose -lrb- by 5 % -rrb- , data show .", ["Prices rose (by 5%), data show."]),
        ("`` We won '' , she said .", ['"We won", she said.']),
        ("The team 's coach did n't go .", ["The team's coach didn't go."]),
        ("-LRB-CNN-RRB- Prices rose .", ["(CNN) Prices rose."]),
        ("Already clean text.", ["Already clean text."]),
    ],
)
def test_summary_undoes_cnn_style_spacing(raw: str, clean: list[str]) -> None:
    summarizer = Seq2SeqSummarizer(EchoGenerator(raw))
    assert summarizer.summarize(article_of(["One sentence here."]), sentences=3) == clean


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_bart(tmp_path_factory)


# Generation keys as distilbart-cnn-12-6 keeps them: in config.json, with no
# generation_config.json (lengths scaled down to the tiny model's 128 positions).
LEGACY_GENERATION = {
    "num_beams": 3,
    "length_penalty": 2.0,
    "min_length": 9,
    "max_length": 15,
    "no_repeat_ngram_size": 3,
    "early_stopping": True,
}


@pytest.fixture(scope="session")
def legacy_bart_dir(tiny_bart_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("legacy-bart") / "model"
    shutil.copytree(tiny_bart_dir, directory)
    (directory / "generation_config.json").unlink()
    config = json.loads((directory / "config.json").read_text())
    (directory / "config.json").write_text(json.dumps({**config, **LEGACY_GENERATION}))
    return directory


def load_engine(model_dir: Path, backend: str, **settings: Any) -> Seq2SeqEngine:
    options = EngineOptions(backend=backend, device="cpu", compute_type="float32", **settings)
    return load_seq2seq(str(model_dir), options)


@dataclass
class RecordingGenerator:
    """Passes through to a real engine and keeps every input it was given."""

    engine: Seq2SeqEngine
    inputs: list[str] = field(default_factory=list)

    @property
    def model_id(self) -> str:
        return self.engine.model_id

    @property
    def revision(self) -> str | None:
        return self.engine.revision

    @property
    def max_input_tokens(self) -> int:
        return self.engine.max_input_tokens

    def count_tokens(self, text: str) -> int:
        return self.engine.count_tokens(text)

    def generate(self, texts: list[str]) -> list[str]:
        self.inputs.extend(texts)
        return self.engine.generate(texts)


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_tiny_bart_summarises_a_long_article_in_chunks(tiny_bart_dir: Path, backend: str) -> None:
    engine = load_engine(tiny_bart_dir, backend)
    generator = RecordingGenerator(engine)
    sentences = training_sentences(count=40, seed=1)
    article = Article(title="Summit", paragraphs=[" ".join(sentences)], language="en")
    summary = Seq2SeqSummarizer(generator).summarize(article, sentences=2)

    assert engine.count_tokens(article.text) > engine.max_input_tokens
    assert all(engine.count_tokens(text) <= engine.max_input_tokens for text in generator.inputs)
    first_round = " ".join(generator.inputs)
    assert all(sentence in first_round for sentence in sentences)
    assert len(summary) <= 2
    assert all(sentence.strip() == sentence and sentence for sentence in summary)


@pytest.mark.slow
def test_ctranslate2_greedy_matches_transformers_token_for_token(tiny_bart_dir: Path) -> None:
    config = json.loads((tiny_bart_dir / "config.json").read_text())
    assert "normalize_before" not in config  # the converter needs the BART family's fix
    texts = [*training_sentences(count=6, seed=2), " ".join(training_sentences(count=5, seed=3))]
    outputs = {
        backend: load_engine(tiny_bart_dir, backend, beam_size=1, max_length=10).generate_tokens(
            texts
        )
        for backend in ("transformers", "ctranslate2")
    }
    assert outputs["ctranslate2"] == outputs["transformers"]
    assert all(len(tokens) > 0 for tokens in outputs["transformers"])
    assert len({tuple(tokens) for tokens in outputs["transformers"]}) > 1


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_generation_settings_in_config_json_are_used(legacy_bart_dir: Path, backend: str) -> None:
    engine = load_engine(legacy_bart_dir, backend)
    assert engine.settings == GenerationSettings(
        beam_size=3, max_new_tokens=14, min_new_tokens=8, length_penalty=2.0,
        no_repeat_ngram_size=3,
    )
    lengths = [len(tokens) for tokens in engine.generate_tokens(training_sentences(4, seed=5))]
    assert all(8 <= length <= 14 for length in lengths)
    overridden = load_engine(legacy_bart_dir, backend, beam_size=1, max_length=5)
    assert (overridden.settings.beam_size, overridden.settings.max_new_tokens) == (1, 5)
    assert overridden.settings.min_new_tokens == 5
    assert overridden.settings.no_repeat_ngram_size == 3


class RecordingHandler(logging.Handler):
    """Keeps the messages of the logger it is added to."""

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture
def transformers_log() -> Iterator[list[str]]:
    handler = RecordingHandler()
    logger = logging.getLogger("transformers")
    logger.addHandler(handler)
    yield handler.messages
    logger.removeHandler(handler)


def test_counting_a_long_text_logs_no_length_warning(
    tiny_bart_dir: Path, transformers_log: list[str]
) -> None:
    engine = load_engine(tiny_bart_dir, "transformers", max_length=2)
    long_text = " ".join(training_sentences(count=40, seed=1))
    assert engine.count_tokens(long_text) > engine.max_input_tokens
    assert len(engine.generate_tokens([long_text])[0]) <= 2
    assert not [message for message in transformers_log if "longer than the specified" in message]
    engine.tokenizer(long_text)  # the warning this guards against, to show it is caught
    assert [message for message in transformers_log if "longer than the specified" in message]
