"""The article in an HTML page: trafilatura, checked against our own text-dump extractor.

trafilatura with ``favor_precision`` is the best single extractor on the dev pages, but it
keeps only one container when a site splits the story into several (around adverts, say).
The page is therefore also rendered to plain text (html-text, with layout) and read by the
text-dump extractor; when that reading holds nearly all of trafilatura's text and much more,
trafilatura stopped early and the longer reading is taken. Metadata comes from trafilatura.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import html_text
import trafilatura

from summarize.article import Article
from summarize.errors import ExtractionError, SummarizeError
from summarize.extract.metadata import is_date_line, parse_byline
from summarize.extract.quality import shingles
from summarize.extract.textdump import extract_text_dump

_CONTAINED_SHARE = 0.95
_LONGER_FACTOR = 1.5
_MIN_ARTICLE_WORDS = 8


def extract_html(content: str, url: str | None = None) -> Article:
    """The article of an HTML page; raises ExtractionError when there is none."""
    document = _trafilatura_document(content, url)
    paragraphs = _paragraphs(document.text if document is not None else None)
    reading = _rendered_reading(content)
    rendered = reading.paragraphs if reading is not None else []
    if paragraphs and rendered and _stopped_early(paragraphs, rendered):
        paragraphs = rendered
    elif not paragraphs:
        paragraphs = _paragraphs(_trafilatura_text(content, url)) or rendered
    title = _clean(getattr(document, "title", None)) or (reading.title if reading else None)
    paragraphs = _without_heading(paragraphs, title)
    if sum(len(paragraph.split()) for paragraph in paragraphs) < _MIN_ARTICLE_WORDS:
        raise ExtractionError("no article found in the page (no paragraph of text)")
    return Article(
        title=title,
        paragraphs=paragraphs,
        url=url or _clean(getattr(document, "url", None)),
        site=_clean(getattr(document, "sitename", None)) or _host(url),
        date=_clean(getattr(document, "date", None)),
        authors=_authors(getattr(document, "author", None)),
    )


def _without_heading(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the headline, byline and date lines that open the body: they are metadata."""
    start = 0
    while start < len(paragraphs) and (
        paragraphs[start] == title
        or is_date_line(paragraphs[start])
        or parse_byline(paragraphs[start])
    ):
        start += 1
    return paragraphs[start:]


def _trafilatura_document(content: str, url: str | None) -> Any:
    return _quietly(
        lambda: trafilatura.bare_extraction(
            content,
            url=url,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
            with_metadata=True,
        )
    )


def _trafilatura_text(content: str, url: str | None) -> str | None:
    """Plain trafilatura (recall-oriented defaults), for pages the precise mode empties."""
    text = _quietly(lambda: trafilatura.extract(content, url=url, include_comments=False))
    return text if isinstance(text, str) else None


def _rendered_reading(content: str) -> Article | None:
    """The page rendered to text and read by the text-dump extractor, if it finds a story."""
    text = _quietly(lambda: html_text.extract_text(content, guess_layout=True))
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        return extract_text_dump(text)
    except SummarizeError:
        return None


def _stopped_early(primary: list[str], rendered: list[str]) -> bool:
    """True when ``rendered`` holds nearly all of ``primary`` and is much longer."""
    ours, theirs = shingles("\n".join(primary)), shingles("\n".join(rendered))
    total = sum(ours.values())
    contained = sum((ours & theirs).values()) / total if total else 0.0
    return contained >= _CONTAINED_SHARE and sum(theirs.values()) >= _LONGER_FACTOR * total


def _quietly(call: Callable[[], Any]) -> Any:
    """Run a third-party parser; a crash on a malformed page means "nothing found"."""
    try:
        return call()
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _authors(value: object) -> list[str]:
    if not isinstance(value, str):
        return []
    return [name.strip() for name in value.split(";") if name.strip()]


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
