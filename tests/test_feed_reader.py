"""Feed reader: every input format, stable ids, clean titles, and hostile XML refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from headline.errors import FeedError
from headline.feed.reader import parse_feed, read_feed
from headline.feed.text import clean_markup

RSS2 = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title>
<item><title>Markets &lt;b&gt;rally&lt;/b&gt; &amp;amp; bonds fall</title><guid>g-1</guid>
  <link>https://example.com/a</link><pubDate>Tue, 24 Nov 2026 09:00:00 GMT</pubDate>
  <description>&lt;p&gt;Stocks rose &amp;nbsp;on Tuesday.&lt;/p&gt;</description></item>
<item><title>Second story</title><link>https://example.com/b</link></item>
<item><title>Second story again</title><link>https://example.com/b</link></item>
<item><title>No id at all</title></item>
<item><link>https://example.com/untitled</link></item>
<item><title>&lt;img src="x.png"&gt;&lt;br/&gt;</title><guid>markup-only</guid></item>
</channel></rss>"""

RSS1 = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.com/"><title>News</title></channel>
<item rdf:about="https://example.com/r1"><title>RDF headline</title>
<link>https://example.com/r1</link></item>
</rdf:RDF>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
<entry><title type="html">Atom &lt;em&gt;headline&lt;/em&gt;</title><id>urn:uuid:1</id>
<link href="https://example.com/atom1"/><updated>2026-11-24T08:30:00Z</updated>
<summary>Short text</summary></entry>
</feed>"""


def test_rss2_items_ids_and_cleaning() -> None:
    feed = parse_feed(RSS2, "feed.xml")
    assert feed.format == "rss"
    assert feed.duplicates == 1
    by_title = {item.title: item for item in feed.items}
    first = by_title["Markets rally & bonds fall"]
    assert first.id == "g-1"
    assert first.published == "2026-11-24T09:00:00+00:00"
    assert first.summary == "Stocks rose on Tuesday."
    assert by_title["Second story"].id == "https://example.com/b"
    assert by_title["No id at all"].id.startswith("sha256:")
    assert [i.id for i in feed.items].count("https://example.com/b") == 1
    untitled = next(item for item in feed.items if item.link == "https://example.com/untitled")
    assert untitled.title == ""
    assert next(item for item in feed.items if item.id == "markup-only").title == ""


def test_hash_id_is_stable_across_reads() -> None:
    first = parse_feed(b"One headline\nTwo headline\n", "a.txt")
    again = parse_feed(b"Two headline\n\nOne headline\n", "b.txt")
    assert {i.title: i.id for i in first.items} == {i.title: i.id for i in again.items}


@pytest.mark.parametrize(
    ("data", "fmt", "title", "item_id"),
    [
        (RSS1, "rss", "RDF headline", "https://example.com/r1"),
        (ATOM, "rss", "Atom headline", "urn:uuid:1"),
        (b'{"guid": "j1", "headline": "JSON &amp; <i>lines</i>", "url": "https://x/1"}\n', "jsonl",
         "JSON & lines", "j1"),
        (b"id,Title,Link\nc1,CSV headline,https://x/c\n", "csv", "CSV headline", "c1"),
        ("Заголовок по-русски\n".encode(), "lines", "Заголовок по-русски", None),
        (b"\xef\xbb\xbfHeadline after a BOM\n", "lines", "Headline after a BOM", None),
    ],
)
def test_each_format_detected_from_content(
    data: bytes, fmt: str, title: str, item_id: str | None
) -> None:
    feed = parse_feed(data, "input")
    assert feed.format == fmt
    assert feed.items[0].title == title
    if item_id is not None:
        assert feed.items[0].id == item_id


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".txt", "lines"), (".csv", "csv"), (".jsonl", "jsonl")]
)
def test_extension_decides_format(tmp_path: Path, suffix: str, fmt: str) -> None:
    path = tmp_path / f"items{suffix}"
    content = {"lines": "title,x\n", "csv": "title,x\nA,b\n", "jsonl": '{"title": "A"}\n'}[fmt]
    path.write_text(content, encoding="utf-8")
    assert read_feed(str(path)).format == fmt


def test_broken_jsonl_lines_become_error_items() -> None:
    feed = parse_feed(b'{"title": "ok"}\n[1, 2]\n{broken\n', "x.jsonl", "jsonl")
    assert [(i.id, i.error is None) for i in feed.items] == [
        (feed.items[0].id, True), ("line-2", False), ("line-3", False)
    ]
    assert "line 3" in (feed.items[2].error or "")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<rss version="2.0"><channel><item><title>&lol9;</title></item></channel></rss>"""


def _xxe(target: Path) -> bytes:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [ <!ENTITY xxe SYSTEM "file://'
        + str(target)
        + '"> ]>\n<rss version="2.0"><channel><item><title>Leak &xxe;</title>'
        "<description>&xxe;</description></item></channel></rss>"
    ).encode()


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(FeedError, match="declares XML entities"):
        parse_feed(BILLION_LAUGHS, "bomb.xml")


def test_external_entity_never_reads_the_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENTS", encoding="utf-8")
    feed_path = tmp_path / "xxe.xml"
    feed_path.write_bytes(_xxe(secret))
    with pytest.raises(FeedError) as caught:
        read_feed(str(feed_path))
    assert "TOP-SECRET" not in str(caught.value)


def test_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.dtd"
    secret.write_text('<!ENTITY leak "TOP-SECRET-CONTENTS">', encoding="utf-8")
    data = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "file://{secret}">'
        '<rss version="2.0"><channel><item><title>Safe &leak; title</title>'
        "<guid>x</guid></item></channel></rss>"
    ).encode()
    try:
        feed = parse_feed(data, "dtd.xml")
    except FeedError as exc:
        assert "TOP-SECRET" not in str(exc)
        return
    assert all("TOP-SECRET" not in repr(item) for item in feed.items)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"<!DOCTYPE html><html><head><title>x</title></head><body>hi</body></html>", "HTML page"),
        (b"\n<html lang='en'><body><p>hi</p></body></html>", "HTML page"),
        (b"<rss><channel><<<<", "malformed feed XML"),
        (b"<note><to>x</to></note>", "not an RSS or Atom feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"id,name\n1,x\n", None),
    ],
)
def test_bad_feeds_get_a_clear_error(data: bytes, message: str | None) -> None:
    if message is None:  # a CSV-looking file without a title column reads as lines
        assert parse_feed(data, "bad").format == "lines"
        with pytest.raises(FeedError, match="no 'title'"):
            parse_feed(data, "bad.csv", "csv")
        return
    with pytest.raises(FeedError, match=message):
        parse_feed(data, "bad")


def test_malformed_xml_with_readable_items_is_read_leniently() -> None:
    data = b'<rss version="2.0"><channel><item><title>a &amp b</title></item></chan'
    feed = parse_feed(data, "m")
    assert [item.title for item in feed.items] == ["a & b"]


def test_empty_but_valid_feed_has_no_items() -> None:
    feed = parse_feed(b'<rss version="2.0"><channel><title>t</title></channel></rss>', "e.xml")
    assert feed.items == []


@pytest.mark.parametrize(
    ("source", "message"),
    [("missing.xml", "no such file"), (".", "is a directory")],
)
def test_file_problems_are_named(source: str, message: str) -> None:
    with pytest.raises(FeedError, match=message):
        read_feed(source)


def test_url_without_fetcher_is_refused() -> None:
    with pytest.raises(FeedError, match="not enabled"):
        read_feed("https://example.com/rss.xml")


def test_url_goes_through_the_given_fetcher() -> None:
    seen: list[str] = []

    def fetch(url: str) -> bytes:
        seen.append(url)
        return ATOM

    assert read_feed("https://example.com/atom", fetch).items[0].id == "urn:uuid:1"
    assert seen == ["https://example.com/atom"]


def test_hundred_thousand_items_read_quickly_enough_to_test() -> None:
    lines = "\n".join(json.dumps({"id": f"n{i}", "title": f"Headline {i}"}) for i in range(100_000))
    feed = parse_feed(lines.encode(), "big.jsonl")
    assert len(feed.items) == 100_000
    assert len({item.id for item in feed.items}) == 100_000


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<b>Bold</b> &amp; <i>it</i>", "Bold & it"),
        ("<script>alert(1)</script>Real", "Real"),
        ("Tab\tand\nnew  line\x00\x07", "Tab and new line"),
        ("Эмодзи 🚀 and עברית", "Эмодзи 🚀 and עברית"),
        ("&lt;not a tag&gt;", "<not a tag>"),
        ("", ""),
    ],
)
def test_clean_markup(raw: str, clean: str) -> None:
    assert clean_markup(raw) == clean


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.text(max_size=300).map(str.encode),
        st.builds(
            lambda head, body: head + body.encode(),
            st.sampled_from([b"<rss version='2.0'><channel><item><title>", b"{\"title\": ",
                             b"<feed xmlns='http://www.w3.org/2005/Atom'><entry><title>",
                             b"title,link\n", b"<?xml version='1.0'?><!DOCTYPE x ["]),
            st.text(max_size=200),
        ),
    ),
    fmt=st.sampled_from([None, "rss", "jsonl", "csv", "lines"]),
)
def test_reader_fuzz_raises_only_translate_error(data: bytes, fmt: str | None) -> None:
    try:
        feed = parse_feed(data, "fuzz", fmt)
    except FeedError:
        return
    assert len({item.id for item in feed.items}) == len(feed.items)
    for item in feed.items:
        assert "\n" not in item.title
        assert item.id
