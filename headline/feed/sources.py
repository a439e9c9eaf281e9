"""Several feed sources in one run: OPML lists expanded, each feed read once, ids namespaced.

With one feed, ids and records are what a single-feed run always wrote. With several, each
item's id becomes ``FEED#ID`` and its record names its ``feed``: namespacing every id (not
only the ids two feeds happen to share) keeps an id stable when another feed later gains a
colliding item, so a rerun never translates it twice. The rule depends on how many feeds are
listed, not on how many could be read, so a feed that is down for one run changes no id.
"""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence
from dataclasses import dataclass, field

from common.errors import HeadlineError
from common.io import DEFAULT_MAX_BYTES
from headline.errors import FeedError
from headline.feed.reader import (
    Feed,
    FeedItem,
    FetchBytes,
    format_of,
    parse_feed,
    read_source,
    refuse_entities,
    source_name,
)


class Unchanged(Exception):
    """Raised by a fetcher for a feed it did not read this time (304, or backing off)."""


@dataclass(frozen=True)
class Sources:
    """The items of every feed that could be read, in the order the feeds were listed;
    ``unchanged`` maps the feeds the fetcher did not read to why."""

    items: list[FeedItem]
    feeds: list[str]
    duplicates: int = 0
    errors: list[str] = field(default_factory=list)
    title: str | None = None
    unchanged: dict[str, str] = field(default_factory=dict)


def is_opml(data: bytes) -> bool:
    """Whether ``data`` is an OPML subscription list rather than a feed."""
    return data.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower().find(b"<opml") >= 0


def opml_feeds(data: bytes, name: str) -> list[str]:
    """The ``xmlUrl`` of every outline, nested ones included, in document order."""
    refuse_entities(data, name)
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise FeedError(f"{name}: malformed OPML ({exc})") from None
    return [url for node in root.iter("outline") if (url := (node.get("xmlUrl") or "").strip())]


def read_sources(
    sources: Sequence[str],
    fetch_bytes: FetchBytes | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Sources:
    """Read every source (feeds and OPML lists); a broken feed is an error, the rest go on.

    With a single source nothing is caught: its error is the run's error, as before.
    """
    if not sources:
        raise FeedError("no feed given")
    loaded: dict[str, Feed | str | None] = {}  # a feed, why it could not be read, or unread
    unchanged: dict[str, str] = {}
    listed = list(dict.fromkeys(sources))
    for source in listed:
        try:
            data = read_source(source, fetch_bytes, max_bytes)
            urls = opml_feeds(data, source_name(source)) if is_opml(data) else None
        except Unchanged as exc:
            unchanged[source] = str(exc)
            continue
        except HeadlineError as exc:
            if len(listed) == 1:
                raise
            loaded[source] = str(exc)
            continue
        if urls is None:
            loaded[source] = _parse(data, source, len(listed) == 1)
        for url in urls or ():
            loaded.setdefault(url, None)  # read below, once however often it is listed
    read: dict[str, Feed | str] = {}
    for url, value in loaded.items():
        if value is None:
            try:
                data = read_source(url, fetch_bytes, max_bytes)
                value = parse_feed(data, source_name(url), format_of(url))
            except Unchanged as exc:
                unchanged[url] = str(exc)
                continue
            except HeadlineError as exc:
                value = str(exc)
        read[url] = value
    return _combine(read, unchanged)


def _parse(data: bytes, source: str, alone: bool) -> Feed | str:
    try:
        return parse_feed(data, source_name(source), format_of(source))
    except HeadlineError as exc:
        if alone:
            raise
        return str(exc)


def _combine(loaded: dict[str, Feed | str], unchanged: dict[str, str]) -> Sources:
    feeds = [*loaded, *(url for url in unchanged if url not in loaded)]
    several = len(feeds) > 1
    items: list[FeedItem] = []
    errors: list[str] = []
    duplicates = 0
    titles = []
    for source, feed in loaded.items():
        if isinstance(feed, str):
            errors.append(feed if feed.startswith(source) else f"{source}: {feed}")
            continue
        duplicates += feed.duplicates
        titles.append(feed.title)
        items.extend(
            dataclasses.replace(item, id=f"{source}#{item.id}", feed=source) if several else item
            for item in feed.items
        )
    title = titles[0] if len(feeds) == 1 and titles else None
    return Sources(items, feeds, duplicates, errors, title, unchanged)
