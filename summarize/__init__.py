"""From a news page to a summary: fetch, extract, split sentences, summarise.

The names below load their modules on first use: importing one submodule (the sentence
splitter, say) does not pull in the HTML extractor or the HTTP client. The extractor itself
is ``summarize.extract.extract`` (its package has the same name, so it is not one of them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from common.lazy import lazy_attributes

if TYPE_CHECKING:
    from summarize.article import Article
    from summarize.errors import (
        ExtractionError,
        FetchError,
        InputError,
        SummarizeError,
        SummarizerError,
    )
    from summarize.fetch_options import FetchOptions
    from summarize.sentences import detokenize_article, split_sentences
    from summarize.sources import read_article
    from summarize.summarizers import get_summarizer, summarize_article
    from summarize.summarizers.generator import TextGenerator
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer

_EXPORTS = {
    "Article": "summarize.article",
    "ExtractionError": "summarize.errors",
    "FetchError": "summarize.errors",
    "FetchOptions": "summarize.fetch_options",
    "InputError": "summarize.errors",
    "Seq2SeqSummarizer": "summarize.summarizers.seq2seq",
    "SummarizeError": "summarize.errors",
    "SummarizerError": "summarize.errors",
    "TextGenerator": "summarize.summarizers.generator",
    "detokenize_article": "summarize.sentences",
    "get_summarizer": "summarize.summarizers",
    "read_article": "summarize.sources",
    "split_sentences": "summarize.sentences",
    "summarize_article": "summarize.summarizers",
}

__all__ = [
    "Article",
    "ExtractionError",
    "FetchError",
    "FetchOptions",
    "InputError",
    "Seq2SeqSummarizer",
    "SummarizeError",
    "SummarizerError",
    "TextGenerator",
    "detokenize_article",
    "get_summarizer",
    "read_article",
    "split_sentences",
    "summarize_article",
]


__getattr__, __dir__ = lazy_attributes('summarize', _EXPORTS, globals())
