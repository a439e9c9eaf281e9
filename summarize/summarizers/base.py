"""What every summariser is, and the sentence list the extractive ones choose from."""

from __future__ import annotations

from typing import Protocol

from summarize.article import Article
from summarize.errors import SummarizerError
from summarize.sentences import looks_tokenized, split_sentences


class Summarizer(Protocol):
    """Turns an article into at most ``sentences`` summary sentences."""

    name: str

    def summarize(self, article: Article, sentences: int) -> list[str]:
        """The summary of ``article``: at most ``sentences`` sentences."""
        ...


def check_sentence_count(sentences: int) -> None:
    """Refuse a summary length below one, with a message a user can act on."""
    if sentences < 1:
        raise SummarizerError(f"the number of summary sentences must be 1 or more, got {sentences}")


def article_sentences(article: Article, limit: int | None = None) -> list[str]:
    """The body's sentences in article order; no sentence spans two paragraphs.

    Whether the body is pre-tokenised (``team 's win .``) is decided once for the whole
    article, so every paragraph is read alike and the sentences are those of its detokenised
    form, whichever way it came in. With ``limit``, paragraphs stop being split once that
    many sentences are known, so a huge page costs no more than its beginning.
    """
    tokenized = looks_tokenized(" ".join(article.paragraphs[:20]))
    sentences: list[str] = []
    for paragraph in article.paragraphs:
        if limit is not None and len(sentences) >= limit:
            break
        sentences.extend(split_sentences(paragraph, article.language, tokenized))
    return sentences[:limit]
