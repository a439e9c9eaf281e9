"""Article extraction from HTML pages and from plain-text copies of whole pages."""

from __future__ import annotations

from summarize.article import Article
from summarize.errors import InputError
from summarize.extract.language import detect_language
from summarize.extract.sniff import looks_like_html
from summarize.extract.textdump import extract_text_dump

__all__ = ["detect_language", "extract", "looks_like_html"]


def extract(content: str, url: str | None = None) -> Article:
    """The article in ``content``: an HTML page or a text dump, told apart by the content.

    Raises InputError for empty input and ExtractionError when no article is found. The
    language is detected from the body when the page does not say it.
    """
    if not content.strip():
        raise InputError("the input is empty (no text to extract an article from)")
    if looks_like_html(content):
        from summarize.extract.html import extract_html  # trafilatura: only for HTML

        article = extract_html(content, url)
    else:
        article = extract_text_dump(content, url)
    article.language = detect_language(article.text)
    return article
