"""HTML extraction: trafilatura's body and metadata, the longer reading when it stops early."""

from __future__ import annotations

import copy

import html_text
import pytest
import trafilatura
from conftest import SHARED, needs_shared
from hypothesis import given, settings
from hypothesis import strategies as st
from local_http import ENGLISH_PARAGRAPHS, RUSSIAN_PARAGRAPHS, news_page
from readability import Document

from eval.extraction import load_zyte_pages, shingle_score
from summarize import ExtractionError, InputError, SummarizeError
from summarize.extract import extract, looks_like_html
from summarize.extract.length import word_count
from summarize.extract.readings import PageReadings, Reading, _paragraphs
from summarize.extract.select import choose_reading

DEV = SHARED / "data" / "extraction-dev"
SPLIT_STORY_PAGE = "2f42ef1d"  # wired.com: the story sits in several sibling containers


def test_body_and_metadata_from_a_news_page() -> None:
    page = news_page("Council approves budget", ENGLISH_PARAGRAPHS).replace(
        "<head>",
        '<head><meta property="article:published_time" content="2026-01-15T08:54:00Z">'
        '<meta name="author" content="Jane Doe"><meta property="og:site_name" '
        'content="Daily Example">',
    )
    article = extract(page, "https://example.com/news/budget.html")
    assert article.title == "Council approves budget"
    assert article.paragraphs == ENGLISH_PARAGRAPHS
    assert article.text == "\n\n".join(ENGLISH_PARAGRAPHS)
    assert article.date == "2026-01-15"
    assert article.authors == ["Jane Doe"]
    assert article.site == "Daily Example"
    assert article.url == "https://example.com/news/budget.html"
    assert article.language == "en"


def test_headline_without_markup_comes_from_the_rendered_reading() -> None:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in ENGLISH_PARAGRAPHS)
    page = (
        "<html><body><div>Menu</div><div>Council approves the new city budget</div>"
        f"<div>15 January 2026 08:54</div><div>{body}</div></body></html>"
    )
    article = extract(page)
    assert article.title == "Council approves the new city budget"
    assert article.paragraphs == ENGLISH_PARAGRAPHS


def test_russian_page() -> None:
    article = extract(news_page("Совет утвердил бюджет", RUSSIAN_PARAGRAPHS))
    assert article.paragraphs == RUSSIAN_PARAGRAPHS
    assert article.language == "ru"


@needs_shared
def test_story_split_into_containers_is_read_whole() -> None:
    page = next(page for page in load_zyte_pages(DEV) if page.page_id.startswith(SPLIT_STORY_PAGE))
    precise = trafilatura.extract(page.html, favor_precision=True) or ""
    alone = shingle_score(page.reference, precise)
    ours = shingle_score(page.reference, extract(page.html, page.url).text)
    assert alone.recall < 0.5
    assert ours.recall > 0.95 and (ours.precision or 0) > 0.95


def test_site_falls_back_to_the_host() -> None:
    page = news_page("Council approves budget", ENGLISH_PARAGRAPHS)
    assert extract(page, "https://news.example.org/a").site == "news.example.org"
    assert extract(page).site is None


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav><a href='/'>Home</a> <a href='/x'>World</a></nav></body></html>",
        "<!DOCTYPE html><html><head><title>x</title></head><body></body></html>",
        "<html><body><script>var a = 1;</script><style>p {}</style></body></html>",
    ],
    ids=["menu-only", "empty-body", "script-only"],
)
def test_page_without_article(page: str) -> None:
    with pytest.raises(ExtractionError, match="no article"):
        extract(page)


def test_empty_input() -> None:
    with pytest.raises(InputError, match="empty"):
        extract("  \n ")


@pytest.mark.parametrize(
    ("content", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  <html lang='en'><head></head></html>", True),
        ('<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>', True),
        ("<div><p>a</p><p>b</p><span>c</span><a href='#'>d</a><br></div>", True),
        ("Menu\nNews\nThe council met on <Tuesday> to vote.", False),
        ("Drumsticks, not diplomacy\n15 January 2026 08:54\n", False),
        ("?\n<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'><html><body><p>x</p></body>", True),
        ("&nbsp;\n<table><tr><td><b>Conference</b></td><td><a href='/'>Home</a></td></tr>", True),
        ("Site news\n<div>\n<p>One</p>\n<p>Two</p>\n<span>Three</span>\n<br>\n</div>", True),
    ],
)
def test_html_is_told_from_text_by_content(content: str, is_html: bool) -> None:
    assert looks_like_html(content) is is_html


MARKUP = st.sampled_from(
    [
        "<html>",
        "</html>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "<!--",
        "-->",
        "<script>",
        "</script>",
        "<?xml version='1.0'?>",
        "&amp;",
        "&#0;",
        "\x00",
        "<meta charset='utf-16'>",
        "<a href='x'>",
        "The council met on Tuesday.",
        "<title>",
        "</title>",
        "<table><tr><td>",
        "<![CDATA[",
        "]]>",
    ]
)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.one_of(MARKUP, st.text(max_size=20)), max_size=40))
def test_fuzz_broken_markup_raises_only_our_errors(parts: list[str]) -> None:
    try:
        content = "<!DOCTYPE html>" + "".join(parts)
        article = extract(content)
    except SummarizeError:
        return
    words = sum(word_count(paragraph) for paragraph in article.paragraphs)
    page_words = PageReadings(content).words
    shown = max(0, page_words - word_count(article.title or ""))
    assert words >= 8 or (page_words > 0 and words >= 0.5 * shown)


def test_short_chinese_article_is_counted_in_characters() -> None:
    sentence = "北京市政府今天宣布，从下个月开始，全市公共交通将延长运营时间，以方便市民夜间出行。"
    page = (
        "<html><head><title>北京新闻</title></head><body><nav><a href='/'>首页</a></nav>"
        f"<article><h1>北京新闻</h1><p>{sentence}</p></article></body></html>"
    )
    article = extract(page)
    assert article.paragraphs == [sentence]
    assert article.language == "zh"
    assert word_count(sentence) == 19  # 37 Han characters, two to a word; one \w+ run


def test_text_dump_quoting_markup_stays_text() -> None:
    """A copied page with a line of advert code, or an article quoting tags, is not HTML."""
    prose = "The council approved the new budget on Tuesday after a long debate in the hall."
    advert = '<div><a href="http://ads.example/click"><img src="http://ads.example/view"></a></div>'
    dump = "\n".join(
        ["Council approves budget | City News", "Home", "News", advert, *[prose] * 12, advert]
    )
    assert not looks_like_html(dump)
    assert extract(dump).paragraphs == [prose] * 12
    code = ["<script src='vendor/blanket.js'></script>", "<html><head><title>x</title></head>"]
    tutorial = "How to cover your front-end code\n\n" + "\n\n".join([*[prose] * 8, *code] * 2)
    assert not looks_like_html(tutorial)


def test_text_dump_opening_with_a_line_of_advert_code_stays_text() -> None:
    prose = "The council approved the new budget on Tuesday after a long debate in the hall."
    tag = '<script type="text/javascript" src="http://ads.example/bid.js"></script> '
    dump = "\n".join([tag, "Home", "News", "Council approves budget", *[prose] * 3])
    assert not looks_like_html(dump)
    assert extract(dump).paragraphs == [prose] * 3
    assert looks_like_html(tag + "\n<div><p>" + prose + "</p></div>")
    assert looks_like_html(tag)


def test_page_opening_with_a_style_block_is_html() -> None:
    sentence = "The city council approved a new budget on Tuesday after a long debate."
    page = "<style>" + "body{margin:0}" * 800 + f"</style><div><p>{sentence}</p></div>"
    assert looks_like_html(page)
    assert extract(page).paragraphs == [sentence]


@pytest.mark.parametrize("outer", ["table", "div"])
def test_page_saved_from_its_first_block_is_read(outer: str) -> None:
    """A page that is one block without ``<html>`` around it, which trafilatura refuses."""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in ENGLISH_PARAGRAPHS)
    inner = f"<h1>Council approves budget</h1>{body}"
    story = f'<div class="story">{inner}</div>'
    block = f"<tr><td>{inner}</td></tr>" if outer == "table" else story
    page = f'<{outer} id="page">{block}</{outer}>'  # one element at the top
    assert looks_like_html(page)
    article = extract(page)
    assert article.paragraphs == ENGLISH_PARAGRAPHS
    assert article.title == "Council approves budget"


def test_fragment_gives_way_to_the_longer_reading() -> None:
    readings = PageReadings(news_page("Council approves budget", ENGLISH_PARAGRAPHS))
    short = Reading("readability", ["A caption of six words here."])
    longer = Reading("trafilatura", ENGLISH_PARAGRAPHS)
    readings.__dict__.update(readability=short, trafilatura=longer)  # cached_property slots
    assert choose_reading(readings) is longer
    readings.__dict__.update(readability=longer, trafilatura=short)
    assert choose_reading(readings) is longer


def test_reading_with_a_small_share_of_the_page_gives_way_to_a_longer_one() -> None:
    readings = PageReadings(news_page("Council approves budget", ENGLISH_PARAGRAPHS * 4))
    block = Reading("readability", ENGLISH_PARAGRAPHS[:2])
    whole = Reading("trafilatura", ENGLISH_PARAGRAPHS * 4)
    assert block.words >= 20 and block.words < 0.2 * readings.words
    readings.__dict__.update(readability=block, trafilatura=whole)
    assert choose_reading(readings) is whole
    most = Reading("readability", ENGLISH_PARAGRAPHS * 2)
    readings.__dict__.update(readability=most)
    assert choose_reading(readings) is most  # half the page: not a fragment, kept


def test_one_short_line_under_its_headline_is_the_whole_page() -> None:
    page = (
        "<html><head><title>Results of the council vote</title></head><body>"
        "<h1>Results of the council vote</h1><p>Approved, seven votes to two.</p></body></html>"
    )
    article = extract(page)
    assert article.title == "Results of the council vote"
    assert article.paragraphs == ["Approved, seven votes to two."]


def test_whitespace_is_squeezed_outside_preformatted_text() -> None:
    page = (
        "<html><body><p>One\n        two   three\t four</p>"
        "<pre>keep   this\n    layout</pre>  \n  tail</body></html>"
    )
    tree = PageReadings(page).tree
    assert tree is not None
    assert tree.findtext(".//p") == "One\ntwo three four"
    pre = tree.find(".//pre")
    assert pre is not None and pre.text == "keep   this\n    layout"
    assert pre.tail == "\ntail"


def test_an_unclosed_pre_keeps_the_layout_of_the_rest_of_the_page() -> None:
    tree = PageReadings("<p>a   b</p><pre>x   y\n   z<p>c   d</p>").tree
    assert tree is not None
    assert [p.text for p in tree.iter("p")] == ["a b", "c   d"]


def _stock_readability(readings: PageReadings) -> list[str]:
    """readability-lxml's own Document over a copy of the tree the readings prepared."""
    summary = Document(copy.deepcopy(readings.tree)).summary(html_partial=True)
    return _paragraphs(html_text.extract_text(summary, guess_layout=True))


def _page_with_links_and_hidden_blocks() -> str:
    story = "".join(
        f'<p onclick="track()">{paragraph} <a href="javascript:void(0)">More</a> '
        f'<a href="/story/{index}">link</a></p>'
        for index, paragraph in enumerate(ENGLISH_PARAGRAPHS)
    )
    return (
        '<html><head><base href="https://example.org/news/"><style>p { margin: 0 }</style>'
        "</head><body><script>var tracking = 'script text is no article';</script>"
        '<div hidden><p>Hidden offer: subscribe now for one euro a week, cancel any time.</p></div>'
        f'<article style="color: red">{story}</article>'
        '<div style="display:none"><p>Cookie notice that never shows on screen at all.</p></div>'
        "</body></html>"
    )


def test_article_block_reads_as_stock_readability() -> None:
    readings = PageReadings(_page_with_links_and_hidden_blocks())
    ours = readings.readability.paragraphs
    assert ours and ours == _stock_readability(readings)


@needs_shared
def test_article_block_reads_the_dev_pages_as_stock_readability() -> None:
    for page in load_zyte_pages(DEV)[:10]:
        readings = PageReadings(page.html, page.url)
        assert readings.readability.paragraphs == _stock_readability(readings), page.page_id


def test_no_reading_sees_what_the_page_hides() -> None:
    readings = PageReadings(_page_with_links_and_hidden_blocks())
    readings_shown = [*readings.trafilatura.paragraphs, *readings.readability.paragraphs]
    for shown in (readings.text, *readings_shown):
        assert "Hidden offer" not in shown and "Cookie notice" not in shown
    assert ENGLISH_PARAGRAPHS[0] in readings.text


def test_an_embedded_post_the_story_quotes_stays_in_it() -> None:
    post = "Observe a minute of silence in honour of the departed, the Senate resolved today."
    paragraphs = [*ENGLISH_PARAGRAPHS[:2], "", *ENGLISH_PARAGRAPHS[2:]]
    page = news_page("Senate mourns former speaker", paragraphs).replace(
        "<p></p>",
        f'<blockquote class="twitter-tweet"><p lang="en">{post}</p>'
        '<a href="https://twitter.com/senate/status/1">October 9, 2018</a></blockquote>',
    )
    assert post in extract(page).paragraphs


def test_share_bars_and_counters_inside_the_story_block_are_left_out() -> None:
    labels = ["Share this article", "Tweet | Facebook | E-mail", "Comments (3)", "Back to top"]
    credit = "Follow Jane Doe on Twitter"
    paragraphs = [ENGLISH_PARAGRAPHS[0], *labels[:2], *ENGLISH_PARAGRAPHS[1:], credit, *labels[2:]]
    article = extract(news_page("Council approves budget", paragraphs))
    assert article.paragraphs == [*ENGLISH_PARAGRAPHS, credit]
