"""Choosing and building the summariser: ``--method`` and its fallback, in one place.

The digest, the feed's link summaries and ``headline eval`` all build their summariser here,
so ``auto`` means the same thing everywhere: the seq2seq model when it loads (and covers the
article's language), else textrank after one notice saying why.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from dataclasses import dataclass

from common.errors import HeadlineError
from seq2seq import EngineOptions
from summarize.errors import SummarizerError
from summarize.summarizers import Summarizer

SUMMARY_METHODS = ("auto", "seq2seq", "textrank", "lead")
Notice = Callable[[str], None]


def stderr_notice(message: str) -> None:
    """The default notice: one line on stderr, never on stdout where the data goes."""
    print(message, file=sys.stderr, flush=True)


@dataclass(frozen=True)
class SummaryOptions:
    """Which summariser (``method``, ``model`` for seq2seq: hub id or directory, None for the
    registry's default) and how long a summary is, in sentences."""

    method: str = "auto"
    model: str | None = None
    sentences: int = 3

    def __post_init__(self) -> None:
        if self.method not in SUMMARY_METHODS:
            raise SummarizerError(
                f"unknown summary method {self.method!r} (known: {', '.join(SUMMARY_METHODS)})"
            )
        if self.sentences < 1:
            raise SummarizerError(
                f"the number of summary sentences must be 1 or more, got {self.sentences}"
            )


def build_summarizer(
    options: SummaryOptions,
    engine: EngineOptions | None = None,
    notice: Notice = stderr_notice,
    language: str | None = None,
) -> Summarizer:
    """The summariser ``options`` ask for.

    ``seq2seq`` loads the model and fails with a clear error if it cannot; ``auto`` falls
    back to textrank instead, after one ``notice`` line saying why and how to get the model.
    Offline, a model missing from the cache is known at once from the local files, so the
    fallback never waits on a network. Given the article's ``language``, ``auto`` also takes
    textrank, without loading anything, when the registry says the model does not summarise
    that language.
    """
    from summarize.models import DEFAULT_SUMMARIZER, summarizer_languages
    from summarize.summarizers import get_summarizer

    if options.method not in ("seq2seq", "auto"):
        return get_summarizer(options.method)
    model_id = options.model or DEFAULT_SUMMARIZER.id
    known = summarizer_languages(model_id)
    code = (language or "").split("-")[0].lower()
    if options.method == "auto" and code and known and code not in known:
        notice(
            f"notice: summarising with textrank: {model_id} summarises {', '.join(known)} "
            f"only and this article is in {code}; pass --summarizer-model for a model that "
            "covers it"
        )
        return get_summarizer("textrank")
    try:
        return load_seq2seq_summarizer(model_id, engine or EngineOptions())
    except HeadlineError as exc:
        if options.method == "seq2seq":
            raise
        notice(f"notice: summarising with textrank: {exc}")
        return get_summarizer("textrank")


def load_seq2seq_summarizer(model_id: str, engine: EngineOptions) -> Summarizer:
    """A seq2seq summariser over ``model_id``: every core on its one input at a time."""
    from seq2seq import load_seq2seq
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer

    single_input = dataclasses.replace(engine, thread_layout="single")
    return Seq2SeqSummarizer(load_seq2seq(model_id, single_input))


def summarizer_model(summarizer: Summarizer) -> tuple[str | None, str | None]:
    """``(model id, revision)`` behind a summariser; ``(None, None)`` for lead and textrank."""
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer

    if isinstance(summarizer, Seq2SeqSummarizer):
        return summarizer.model_id, summarizer.revision
    return None, None
