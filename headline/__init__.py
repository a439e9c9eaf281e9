"""headline: turn a news page into a short multilingual digest, as a Python library.

    >>> import headline
    >>> d = headline.digest("page.html", to=("ru", "hy"), method="textrank")
    >>> d.title, d.summary, d.translations["ru"].title

The names below load their modules on first use, so ``import headline`` costs nothing and
the command line's ``--help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.lazy import lazy_attributes

if TYPE_CHECKING:
    from common.errors import HeadlineError, OutputError
    from headline.digests import DigestOptions, digest, digest_article
    from headline.errors import DigestError, FeedError
    from headline.evaluation import EvalRequest, evaluate_summaries, evaluate_translations
    from headline.feed import FeedRunOptions, FeedRunResult, run_feed
    from headline.models import fetch_models, known_models
    from headline.records import Digest, FeedRecord, Translation
    from headline.render import render_article, render_digest
    from headline.summarizing import SummaryOptions, build_summarizer
    from headline.translating import TranslationOptions, translate_texts
    from seq2seq import EngineOptions
    from summarize.article import Article
    from summarize.fetch_options import FetchOptions
    from summarize.sources import read_article

_EXPORTS = {
    "Article": "summarize.article",
    "Digest": "headline.records",
    "DigestError": "headline.errors",
    "DigestOptions": "headline.digests",
    "EngineOptions": "seq2seq",
    "EvalRequest": "headline.evaluation",
    "FeedError": "headline.errors",
    "FeedRecord": "headline.records",
    "FeedRunOptions": "headline.feed",
    "FeedRunResult": "headline.feed",
    "FetchOptions": "summarize.fetch_options",
    "HeadlineError": "common.errors",
    "OutputError": "common.errors",
    "SummaryOptions": "headline.summarizing",
    "Translation": "headline.records",
    "TranslationOptions": "headline.translating",
    "build_summarizer": "headline.summarizing",
    "digest": "headline.digests",
    "digest_article": "headline.digests",
    "evaluate_summaries": "headline.evaluation",
    "evaluate_translations": "headline.evaluation",
    "fetch_models": "headline.models",
    "known_models": "headline.models",
    "read_article": "summarize.sources",
    "render_article": "headline.render",
    "render_digest": "headline.render",
    "run_feed": "headline.feed",
    "translate_texts": "headline.translating",
}

__all__ = [
    "Article",
    "Digest",
    "DigestError",
    "DigestOptions",
    "EngineOptions",
    "EvalRequest",
    "FeedError",
    "FeedRecord",
    "FeedRunOptions",
    "FeedRunResult",
    "FetchOptions",
    "HeadlineError",
    "OutputError",
    "SummaryOptions",
    "Translation",
    "TranslationOptions",
    "build_summarizer",
    "digest",
    "digest_article",
    "evaluate_summaries",
    "evaluate_translations",
    "fetch_models",
    "known_models",
    "read_article",
    "render_article",
    "render_digest",
    "run_feed",
    "translate_texts",
]


__getattr__, __dir__ = lazy_attributes('headline', _EXPORTS, globals())
