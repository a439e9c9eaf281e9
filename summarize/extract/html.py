"""The article in an HTML page: the best of several readings, with trafilatura's metadata.

The page is parsed once (summarize/extract/readings.py); the selector
(summarize/extract/select.py) picks the reading that holds the story. The headline, date,
authors and site come from the page's metadata; a page whose markup names no headline gets
the one the text-dump extractor finds in the rendered page. A body shorter than a few words
(counted per script: characters for Chinese and Japanese) is no article, unless it is most
of what the page shows: a tagline on a page full of links is not a story, the one line of a
page that holds nothing else is.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from summarize.article import Article
from summarize.errors import ExtractionError
from summarize.extract.labels import is_control_label
from summarize.extract.length import word_count
from summarize.extract.metadata import is_date_line, parse_byline
from summarize.extract.readings import PageReadings
from summarize.extract.select import SelectorOptions, choose_reading

MIN_ARTICLE_WORDS = 8
_HEADLINE_WITHIN = 4
_WHOLE_PAGE_SHARE = 0.5


def extract_html(
    content: str, url: str | None = None, options: SelectorOptions | None = None
) -> Article:
    """The article of an HTML page; raises ExtractionError when there is none."""
    readings = PageReadings(content, url)
    return article_from_readings(readings, choose_reading(readings, options).paragraphs)


def article_from_readings(readings: PageReadings, body: list[str]) -> Article:
    """The article made of ``body`` (one reading's paragraphs, less the labels of its
    share bars and counters) and the page's metadata."""
    document = readings.metadata
    title = _clean(getattr(document, "title", None))
    if title is None and readings.rendered is not None:
        title = readings.rendered.title
    text = [paragraph for paragraph in body if not is_control_label(paragraph)]
    paragraphs = _without_heading(text, title)
    words = sum(word_count(paragraph) for paragraph in paragraphs)
    if words < MIN_ARTICLE_WORDS and not _is_the_whole_page(words, title, readings):
        raise ExtractionError("no article found in the page (no paragraph of text)")
    url = readings.url
    return Article(
        title=title,
        paragraphs=paragraphs,
        url=url or _clean(getattr(document, "url", None)),
        site=_clean(getattr(document, "sitename", None)) or _host(url),
        date=_clean(getattr(document, "date", None)),
        authors=_authors(getattr(document, "author", None)),
    )


def _is_the_whole_page(words: int, title: str | None, readings: PageReadings) -> bool:
    """True when a short body is most of what the page shows outside its links and its
    headline (the headline is not part of the body, so it does not count against it)."""
    if words <= 0 or readings.words <= 0:
        return False
    shown = max(0, readings.words - (word_count(title) if title else 0))
    return words >= _WHOLE_PAGE_SHARE * shown


def _without_heading(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop the headline, byline and date lines that open the body: they are metadata.

    A reading that starts a few lines above the headline has kept a menu or breadcrumbs:
    the story starts after its headline, so those lines go too.
    """
    opening = paragraphs[:_HEADLINE_WITHIN]
    start = opening.index(title) + 1 if title in opening else 0
    while start < len(paragraphs) and (
        paragraphs[start] == title
        or is_date_line(paragraphs[start])
        or parse_byline(paragraphs[start])
    ):
        start += 1
    return paragraphs[start:]


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _authors(value: Any) -> list[str]:
    if not isinstance(value, str):
        return []
    return [name.strip() for name in value.split(";") if name.strip()]


def _host(url: str | None) -> str | None:
    return urlsplit(url).hostname if url else None
