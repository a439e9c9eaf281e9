"""From a news page to a summary: fetch, extract, split sentences, summarise."""

from summarize.article import Article
from summarize.errors import (
    ExtractionError,
    FetchError,
    InputError,
    SummarizeError,
    SummarizerError,
)
from summarize.extract import extract
from summarize.fetch import FetchOptions
from summarize.sentences import detokenize_article, split_sentences
from summarize.sources import read_article
from summarize.summarizers import get_summarizer, summarize_article
from summarize.summarizers.generator import TextGenerator
from summarize.summarizers.seq2seq import Seq2SeqSummarizer

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
    "extract",
    "get_summarizer",
    "read_article",
    "split_sentences",
    "summarize_article",
]
