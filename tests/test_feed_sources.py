"""Several feeds in one run: OPML expansion, one read per feed, namespaced ids, broken feeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from headline.errors import FeedError
from headline.feed.sources import opml_feeds, read_sources


def _rss(title: str, guids: list[str]) -> str:
    items = "".join(f"<item><title>Story {g}</title><guid>{g}</guid></item>" for g in guids)
    return f'<rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_one_feed_keeps_its_ids_and_channel_title(tmp_path: Path) -> None:
    feed = _write(tmp_path / "a.xml", _rss("Daily News", ["x", "y"]))
    sources = read_sources([feed])
    assert [(item.id, item.feed) for item in sources.items] == [("x", None), ("y", None)]
    assert (sources.title, sources.feeds, sources.errors) == ("Daily News", [feed], [])


def test_several_feeds_namespace_ids_and_read_a_repeated_feed_once(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.xml", _rss("A", ["x", "y"]))
    b = _write(tmp_path / "b.xml", _rss("B", ["x"]))
    sources = read_sources([a, b, a])
    assert [(item.id, item.feed) for item in sources.items] == [
        (f"{a}#x", a), (f"{a}#y", a), (f"{b}#x", b),
    ]
    assert sources.title is None and sources.feeds == [a, b]


def test_opml_nested_outlines_are_read_once_each(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.xml", _rss("A", ["x"]))
    b = _write(tmp_path / "b.xml", _rss("B", ["x"]))
    opml = _write(
        tmp_path / "subs.opml",
        f'<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
        f'<outline text="A" xmlUrl="{a}"/><outline text="Tech"><outline xmlUrl="{b}"/>'
        f'</outline></outline><outline xmlUrl="{a}"/></body></opml>',
    )
    sources = read_sources([opml])
    assert sources.feeds == [a, b]
    assert [item.id for item in sources.items] == [f"{a}#x", f"{b}#x"]


def test_opml_with_entities_is_refused() -> None:
    data = b'<!DOCTYPE o [<!ENTITY e "x">]><opml><body><outline xmlUrl="&e;"/></body></opml>'
    with pytest.raises(FeedError, match="declares XML entities"):
        opml_feeds(data, "subs.opml")


def test_a_broken_feed_is_reported_and_the_others_go_on(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.xml", _rss("A", ["x"]))
    missing = str(tmp_path / "gone.xml")
    empty = _write(tmp_path / "empty.xml", "")
    sources = read_sources([missing, a, empty])
    assert [item.id for item in sources.items] == [f"{a}#x"]
    assert sources.errors == [
        f"{missing}: no such file", f"{empty} is empty: no feed items to read",
    ]
    assert sources.feeds == [missing, a, empty]


def test_a_single_broken_feed_is_the_run_error(tmp_path: Path) -> None:
    with pytest.raises(FeedError, match="no such file"):
        read_sources([str(tmp_path / "gone.xml")])


def test_a_malformed_opml_list_is_reported_with_the_other_feeds_read(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.xml", _rss("A", ["x"]))
    broken = _write(tmp_path / "subs.opml", "<opml><body><outline xmlUrl=")
    sources = read_sources([broken, a, a])
    assert [item.id for item in sources.items] == [f"{a}#x"]
    assert len(sources.errors) == 1 and sources.errors[0].startswith(f"{broken}: malformed OPML")
