"""Read an article from where the user points: an http(s) URL, a file path, or ``-`` (stdin).

Whether the content is HTML or a text dump is decided from the content, never from a file
name. Every failure is one SummarizeError naming the source and the problem.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import BinaryIO

from summarize.article import Article
from summarize.decoding import decode_bytes
from summarize.errors import ExtractionError, InputError
from summarize.extract import extract
from summarize.fetch import FetchOptions, fetch

STDIN = "-"
_URL_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_LOOKS_LIKE_HOST = re.compile(r"^(?:www\.[^/]+|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/)", re.I)


def read_article(source: str, options: FetchOptions | None = None) -> Article:
    """Fetch or read ``source`` and extract its article."""
    options = options or FetchOptions()
    if _URL_SCHEME.match(source):
        page = fetch(source, options)  # refuses schemes other than http(s)
        text = decode_bytes(page.body, page.url, page.content_type)
        return _extract(text, source, page.url)
    if source == STDIN:
        data = _read_limited(sys.stdin.buffer, "stdin", options.max_bytes)
        return _extract(decode_bytes(data, "stdin"), "stdin", None)
    data = _read_file(source, options.max_bytes)
    return _extract(decode_bytes(data, source), source, None)


def _extract(text: str, source: str, url: str | None) -> Article:
    try:
        return extract(text, url)
    except ExtractionError as exc:
        raise ExtractionError(f"{source}: {exc}") from None
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None


def _read_file(name: str, max_bytes: int) -> bytes:
    """The bytes of file ``name``; errors name the file as the user typed it."""
    path = Path(name)
    try:
        if path.is_dir():
            raise InputError(f"{name}: is a directory, not a file")
        with path.open("rb") as handle:
            return _read_limited(handle, name, max_bytes)
    except FileNotFoundError:
        hint = " (for a URL, start it with https://)" if _LOOKS_LIKE_HOST.match(name) else ""
        raise InputError(f"{name}: no such file{hint}") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from None


def _read_limited(handle: BinaryIO, name: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes``; one byte more means the input is over the limit."""
    data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than the limit of {max_bytes} bytes (see --max-bytes)")
    if not data.strip():
        raise InputError(f"{name}: the input is empty")
    return data
