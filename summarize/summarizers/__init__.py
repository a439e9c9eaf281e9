"""Summarisers: a protocol, the registry of weight-free ones, and one call to run any of them.

``lead`` and ``textrank`` need no model and work in any language. The seq2seq summariser
(:mod:`summarize.summarizers.seq2seq`) needs a loaded model, so callers build it themselves
and pass the instance wherever a method name is accepted.
"""

from __future__ import annotations

from collections.abc import Callable

from summarize.article import Article
from summarize.errors import SummarizerError
from summarize.summarizers.base import Summarizer, check_sentence_count
from summarize.summarizers.lead import LeadSummarizer
from summarize.summarizers.textrank import TextRankOptions, TextRankSummarizer

SUMMARIZERS: dict[str, Callable[[], Summarizer]] = {
    "lead": LeadSummarizer,
    "textrank": TextRankSummarizer,
}


def get_summarizer(name: str) -> Summarizer:
    """The weight-free summariser called ``name``; the error lists the known names."""
    factory = SUMMARIZERS.get(name)
    if factory is None:
        known = ", ".join(sorted(SUMMARIZERS))
        raise SummarizerError(f"unknown summary method {name!r} (known: {known})")
    return factory()


def summarize_article(
    article: Article, method: str | Summarizer = "textrank", sentences: int = 3
) -> list[str]:
    """Summarise ``article`` with a method name or a ready summariser instance."""
    check_sentence_count(sentences)
    summarizer = get_summarizer(method) if isinstance(method, str) else method
    return summarizer.summarize(article, sentences)


__all__ = [
    "SUMMARIZERS",
    "LeadSummarizer",
    "Summarizer",
    "TextRankOptions",
    "TextRankSummarizer",
    "get_summarizer",
    "summarize_article",
]
