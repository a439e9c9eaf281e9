"""Read an article from where the user points: an http(s) URL, a file path, or ``-`` (stdin).

Whether the content is HTML or a text dump is decided from the content, never from a file
name. Every failure is one SummarizeError naming the source and the problem.
"""

from __future__ import annotations

import re

from common.io import STDIN, InputReadError, read_input
from summarize.article import Article
from summarize.decoding import decode_bytes
from summarize.errors import ExtractionError, InputError
from summarize.extract import extract
from summarize.fetch_options import FetchOptions

__all__ = ["STDIN", "read_article"]

_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_LOOKS_LIKE_HOST = re.compile(r"^(?:www\.[^/]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.I)


def read_article(source: str, options: FetchOptions | None = None) -> Article:
    """Fetch or read ``source`` and extract its article."""
    options = options or FetchOptions()
    if _URL_SCHEME.match(source):
        from summarize.fetch import fetch  # the HTTP client loads only for URLs

        page = fetch(source, options)  # refuses schemes other than http(s)
        text = decode_bytes(page.body, page.url, page.content_type)
        return _extract(text, source, page.url)
    data = _read_local(source, options.max_bytes)
    name = "stdin" if source == STDIN else source
    return _extract(decode_bytes(data, name), name, None)


def _extract(text: str, source: str, url: str | None) -> Article:
    try:
        return extract(text, url)
    except ExtractionError as exc:
        raise ExtractionError(f"{source}: {exc}") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def _read_local(source: str, max_bytes: int) -> bytes:
    """The bytes of a file or stdin; errors name the source as the user typed it."""
    try:
        data = read_input(source, max_bytes, "--max-bytes")
    except InputReadError as exc:
        hint = ""
        if str(exc).endswith("no such file") and _LOOKS_LIKE_HOST.match(source):
            hint = " (for a URL, start it with https://)"
        raise InputError(f"{exc}{hint}") from None
    if not data.strip():
        raise InputError(f"{'stdin' if source == STDIN else source}: the input is empty")
    return data
