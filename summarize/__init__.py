"""From a news page to a summary: fetch, extract, split sentences, summarise."""

from summarize.article import Article
from summarize.digest import Digest
from summarize.errors import (
    ExtractionError,
    FetchError,
    InputError,
    SummarizeError,
    SummarizerError,
)

__all__ = [
    "Article",
    "Digest",
    "ExtractionError",
    "FetchError",
    "InputError",
    "SummarizeError",
    "SummarizerError",
]
