"""The lead baseline: news puts the essentials first, so the first sentences summarise."""

from __future__ import annotations

from summarize.article import Article
from summarize.summarizers.base import article_sentences, check_sentence_count


class LeadSummarizer:
    """The first ``sentences`` sentences of the body."""

    name = "lead"

    def summarize(self, article: Article, sentences: int) -> list[str]:
        """The article's first ``sentences`` sentences, as written."""
        check_sentence_count(sentences)
        return article_sentences(article, limit=sentences)
