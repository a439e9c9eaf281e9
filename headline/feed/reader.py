"""Read feed items from RSS/Atom, JSONL, CSV or plain lines, each with a stable id.

The format comes from the file extension when it names one, else from the content. XML
goes through feedparser after any entity declaration is refused, so neither an
entity-expansion bomb nor an external entity pointing at a local file can be expanded. A
malformed item in JSONL becomes an item carrying its error, so the run records it and goes on.
"""

from __future__ import annotations

import calendar
import csv
import hashlib
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import feedparser
from charset_normalizer import from_bytes

from common.io import DEFAULT_MAX_BYTES, STDIN, InputReadError, read_input
from common.jsonlines import json_problem
from headline.errors import FeedError
from headline.feed.text import clean_markup

FORMATS = ("rss", "jsonl", "csv", "lines")
_EXTENSIONS = {
    ".xml": "rss", ".rss": "rss", ".atom": "rss", ".rdf": "rss",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".txt": "lines",
}
_COLUMNS = {
    "id": ("id", "guid"),
    "title": ("title", "headline"),
    "link": ("link", "url"),
    "published": ("published", "date", "pubdate", "updated"),
    "summary": ("summary", "description"),
}
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)

FetchBytes = Callable[[str], bytes]


@dataclass(frozen=True)
class FeedItem:
    """One headline to translate; ``error`` is set when the item itself could not be read."""

    id: str
    title: str
    link: str | None = None
    published: str | None = None
    summary: str | None = None
    error: str | None = None
    feed: str | None = None

    def __post_init__(self) -> None:
        # The id as it reads back from an output file: a surrogate pair written as two JSON
        # escapes comes back as one character, so the id is kept in that form from the start
        # (lone surrogates stay as they are) and a rerun recognises every id it wrote.
        canonical = self.id.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
        object.__setattr__(self, "id", canonical)


@dataclass(frozen=True)
class Feed:
    """Items in feed order, duplicates of an earlier id already dropped (and counted);
    ``title`` is the channel's own title when the feed has one."""

    items: list[FeedItem]
    format: str
    duplicates: int = 0
    title: str | None = None


def read_feed(
    source: str, fetch_bytes: FetchBytes | None = None, fmt: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Feed:
    """Read ``source`` (http(s) URL, file path, or ``-`` for stdin) into a :class:`Feed`.

    ``fetch_bytes`` downloads a URL with the caller's safety rules (timeouts, size cap,
    schemes); the translate package has no fetcher of its own.
    """
    data = read_source(source, fetch_bytes, max_bytes)
    return parse_feed(data, source_name(source), fmt or format_of(source))


def read_source(
    source: str, fetch_bytes: FetchBytes | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> bytes:
    """The bytes of ``source``: an http(s) URL (through ``fetch_bytes``), a path, or ``-``
    (at most ``max_bytes`` of a local input)."""
    if source.startswith(("http://", "https://")):
        if fetch_bytes is None:
            raise FeedError(f"{source}: fetching feeds over the network is not enabled")
        return fetch_bytes(source)
    try:
        return read_input(source, max_bytes, "--max-bytes")
    except InputReadError as exc:
        raise FeedError(str(exc)) from None


def source_name(source: str) -> str:
    """How ``source`` is named in messages."""
    return "<stdin>" if source == STDIN else source


def format_of(source: str) -> str | None:
    """The format a local file's extension names, if any (URLs are sniffed)."""
    if source == STDIN or source.startswith(("http://", "https://")):
        return None
    return _EXTENSIONS.get(Path(source).suffix.lower())


def parse_feed(data: bytes, name: str, fmt: str | None = None) -> Feed:
    """Parse feed bytes; ``name`` (path or URL) appears in every error message."""
    if fmt is not None and fmt not in FORMATS:
        raise FeedError(f"unknown feed format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not data.strip():
        raise FeedError(f"{name} is empty: no feed items to read")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FeedError(f"{name} is binary data, not a feed")
    fmt = fmt or _sniff_format(data)
    title = None
    if fmt == "rss":
        items, title = _read_xml(data, name)
    else:
        text = _decode(data, name)
        if fmt == "jsonl":
            items = _read_jsonl(text)
        elif fmt == "csv":
            items = _read_csv(text, name)
        else:
            items = [_item_from_fields({"title": line}) for line in text.splitlines()]
            items = [item for item in items if item.title]
    return _drop_duplicates(items, fmt, title)


def _sniff_format(data: bytes) -> str:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "rss"
    if head == b"{":
        return "jsonl"
    first_line = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    if b"," in first_line and re.search(rb"(^|,)\s*\"?(title|headline)\"?\s*(,|$)", first_line):
        return "csv"
    return "lines"


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise FeedError(f"{name} is not text in any encoding recognised") from None
        return str(best)


def refuse_entities(data: bytes, name: str) -> None:
    """Refuse XML that declares entities: they can expand without bound or read local files."""
    if _ENTITY_DECLARATION.search(data):
        raise FeedError(
            f"{name}: the feed declares XML entities (<!ENTITY ...>); refused because they can "
            "expand without bound or read local files"
        )


def _read_xml(data: bytes, name: str) -> tuple[list[FeedItem], str | None]:
    if _HTML_START.match(data.lstrip(b"\xef\xbb\xbf")):
        raise FeedError(f"{name} is an HTML page, not a feed (RSS, Atom, JSONL, CSV, lines)")
    refuse_entities(data, name)
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    if parsed.get("bozo") and not parsed.entries:
        raise FeedError(f"{name}: malformed feed XML ({parsed.get('bozo_exception')})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError(f"{name} is not an RSS or Atom feed")
    title = clean_markup(_as_text(parsed.get("feed", {}).get("title"))) or None
    return [_item_from_entry(entry) for entry in parsed.entries], title


def _item_from_entry(entry: Mapping[str, Any]) -> FeedItem:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = (
        datetime.fromtimestamp(calendar.timegm(stamp), tz=timezone.utc).isoformat()
        if stamp
        else entry.get("published") or entry.get("updated")
    )
    return _item_from_fields(
        {
            "id": entry.get("id"),
            "title": entry.get("title"),
            "link": entry.get("link"),
            "published": published,
            "summary": entry.get("summary"),
        }
    )


def _read_jsonl(text: str) -> list[FeedItem]:
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            items.append(_broken_item(number, f"not valid JSON ({json_problem(exc)})"))
            continue
        if not isinstance(record, dict):
            items.append(_broken_item(number, "not a JSON object"))
            continue
        items.append(_item_from_fields(_pick_columns(record)))
    return items


def _read_csv(text: str, name: str) -> list[FeedItem]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        columns = [column.strip().lower() for column in reader.fieldnames or []]
        if not any(column in _COLUMNS["title"] for column in columns):
            raise FeedError(
                f"{name}: CSV has no 'title' or 'headline' column (found: {', '.join(columns)})"
            )
        return [
            _item_from_fields(_pick_columns({k.strip().lower(): v for k, v in row.items() if k}))
            for row in reader
        ]
    except csv.Error as exc:
        raise FeedError(f"{name}, line {reader.line_num}: malformed CSV ({exc})") from None


def _pick_columns(record: Mapping[str, Any]) -> dict[str, Any]:
    lowered = {str(key).lower(): value for key, value in record.items()}
    picked: dict[str, Any] = {}
    for field, aliases in _COLUMNS.items():
        picked[field] = next((lowered[a] for a in aliases if lowered.get(a) is not None), None)
    return picked


def _item_from_fields(fields: Mapping[str, Any]) -> FeedItem:
    title = clean_markup(_as_text(fields.get("title")))
    summary = clean_markup(_as_text(fields.get("summary"))) or None
    link = _as_text(fields.get("link")).strip() or None
    given_id = _as_text(fields.get("id")).strip()
    return FeedItem(
        id=given_id or link or _hash_id(title or summary or ""),
        title=title,
        link=link,
        published=_as_text(fields.get("published")).strip() or None,
        summary=summary,
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _hash_id(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _broken_item(number: int, problem: str) -> FeedItem:
    return FeedItem(id=f"line-{number}", title="", error=f"line {number}: {problem}")


def _drop_duplicates(items: list[FeedItem], fmt: str, title: str | None) -> Feed:
    seen: set[str] = set()
    kept = []
    for item in items:
        if item.id not in seen:
            seen.add(item.id)
            kept.append(item)
    return Feed(items=kept, format=fmt, duplicates=len(items) - len(kept), title=title)
