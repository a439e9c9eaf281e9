"""The digest page as markup: escaping, lang attributes, self-containment, no-script reading."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from click.testing import CliRunner
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st
from tiny_models import session_model

import cli
from common.errors import OutputError
from headline.page import FeedPageWriter, render_digest_page, render_feed_page
from headline.records import Digest, FeedRecord, Translation

SOURCE_URL = "https://news.example.com/world/drums"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp; "quoted"'
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "header", "p", "h1", "h2", "div",
    "button", "span", "main", "article", "section", "time", "a", "ul", "li", "script",
}


def make_digest(title: str = "Leaders play drums at summit", **changes: Any) -> Digest:
    digest = Digest(
        url=SOURCE_URL,
        title=title,
        date="2026-01-15T08:54",
        authors=["Sabina Mammadli"],
        site="Example News",
        language="en",
        text="Body.",
        summary=["The leaders played drums.", "Aides applauded."],
        method="textrank",
        translations={
            "ru": Translation(
                "Лидеры играют на барабанах",
                ("Лидеры играли на барабанах.", "Помощники аплодировали."),
                "Helsinki-NLP/opus-mt-en-ru",
            ),
            "hy": Translation(
                "Առաջնորդները թմբուկ են նվագում",
                ("Առաջնորդները թմբուկ նվագեցին։",),
                "Helsinki-NLP/opus-mt-en-hy",
                warnings=("number 13 missing in the translation",),
            ),
        },
    )
    for name, value in changes.items():
        setattr(digest, name, value)
    return digest


def feed_records() -> list[FeedRecord]:
    return [FeedRecord.from_dict(record) for record in feed_dicts()]


def feed_dicts() -> list[dict[str, Any]]:
    return [
        {
            "id": "a1",
            "link": "https://news.example.com/a1",
            "published": "Thu, 15 Jan 2026 08:54:00 +0000",
            "title": "First story",
            "summary": "A short description.",
            "translations": {
                "ru": {"title": "Первая история", "summary": "Короткое описание."},
                "hy": {"title": "Առաջին պատմություն", "summary": "Կարճ նկարագրություն։"},
            },
            "status": "ok",
            "error": None,
        },
        {
            "id": "a2",
            "link": "https://news.example.com/a2",
            "published": None,
            "title": "Second story",
            "translations": {"ru": {"title": "Вторая история"}},
            "status": "ok",
            "error": None,
        },
        {
            "id": "bad",
            "link": "https://news.example.com/bad",
            "published": None,
            "title": "Broken <b>story</b>",
            "translations": {},
            "status": "error",
            "error": "fetch failed: HTTP 404 for https://news.example.com/bad <oops>",
        },
    ]


def parse(page: str | bytes) -> Any:
    return lxml.html.document_fromstring(page)


def blocks(tree: Any) -> list[Any]:
    return list(tree.xpath("//section[@data-for]"))


def sha256(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


@pytest.fixture(params=["digest", "feed"])
def page(request: pytest.FixtureRequest) -> str:
    if request.param == "digest":
        return render_digest_page(make_digest())
    return render_feed_page(feed_records(), title="Example feed")


@pytest.mark.parametrize("field", ["title", "summary", "authors", "error"])
def test_markup_in_any_field_stays_text(field: str) -> None:
    if field == "error":
        records = feed_dicts()
        records[2]["error"] = HOSTILE
        page = render_feed_page(map(FeedRecord.from_dict, records))
    else:
        value: Any = HOSTILE if field == "title" else [HOSTILE]
        page = render_digest_page(make_digest(**{field: value}))
    tree = parse(page)
    assert len(tree.xpath("//script")) == 1
    assert not tree.xpath("//img")
    assert not tree.xpath("//@onerror")
    assert HOSTILE in tree.text_content()
    assert "<script>alert" not in page


PRINTABLE = st.text(
    st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=80
).filter(lambda text: text.strip() == text != "")


@settings(max_examples=60, deadline=None)
@given(title=PRINTABLE)
def test_any_headline_is_shown_verbatim_and_adds_no_elements(title: str) -> None:
    tree = parse(render_digest_page(make_digest(title=title)))
    assert {element.tag for element in tree.iter() if isinstance(element.tag, str)} <= ALLOWED_TAGS
    assert tree.xpath("//section[@data-for='en']//h1")[0].text_content() == title
    assert tree.findtext(".//title") == title


@settings(max_examples=60, deadline=None)
@given(
    title=st.one_of(st.none(), st.text()),
    summary=st.one_of(st.text(), st.lists(st.one_of(st.text(), st.integers(), st.none()))),
    language=st.one_of(st.none(), st.text(max_size=6)),
    published=st.one_of(st.none(), st.text(max_size=40)),
    link=st.one_of(st.none(), st.text(max_size=40)),
)
def test_any_digest_or_feed_record_renders_to_valid_utf8(
    title: Any, summary: Any, language: Any, published: Any, link: Any
) -> None:
    record = {
        "id": "x",
        "title": title or "",
        "summary": summary if isinstance(summary, str) else None,
        "published": published,
        "link": link,
        "translations": {language or "ru": {"title": title, "summary": summary}},
        "status": "ok",
    }
    digest = make_digest(title=title, summary=summary, language=language, date=published, url=link)
    assert len(parse(render_digest_page(digest).encode("utf-8")).xpath("//article")) == 1
    failed = {**record, "status": "error", "error": title}
    page = render_feed_page([FeedRecord.from_dict(record), FeedRecord.from_dict(failed)])
    tree = parse(page.encode("utf-8"))
    assert {element.tag for element in tree.iter() if isinstance(element.tag, str)} <= ALLOWED_TAGS
    assert len(tree.xpath("//article")) == 1
    assert len(tree.xpath("//section[@class='failures']//li")) == 1
    for code in tree.xpath("//@lang"):
        assert re.fullmatch(r"[a-z]{2,3}(-[a-z0-9]{2,8})*", code)


def test_each_language_block_carries_its_lang(page: str) -> None:
    tree = parse(page)
    assert tree.get("lang") == "en"
    found = [(block.get("data-for"), block.get("lang")) for block in blocks(tree)]
    assert found
    assert all(code == lang for code, lang in found)
    assert {lang for _, lang in found} == {"en", "ru", "hy"}
    labels = [" ".join(b.text_content().split()) for b in tree.xpath("//button")]
    assert labels == ["EN English", "RU Русский", "ARM Հայերեն"]
    names = tree.xpath("//button/span")
    assert [span.get("lang") for span in names] == ["en", "ru", "hy"]


def test_no_external_resources_of_any_kind(page: str) -> None:
    tree = parse(page)
    urls = tree.xpath("//@src | //@href | //@action | //@srcset | //@poster | //@data")
    external = [url for url in urls if not url.startswith("data:")]
    assert external
    assert all(url.startswith("https://news.example.com/") for url in external)
    assert set(tree.xpath("//a/@href")) == set(external)
    assert not tree.xpath("//script[@src] | //link[@rel='stylesheet'] | //iframe | //img")
    style = tree.findtext(".//style")
    for forbidden in ("@import", "url(", "@font-face", "http:", "https:"):
        assert forbidden not in style
    assert "http" not in tree.xpath("//script")[0].text


def test_csp_forbids_everything_but_the_hashed_inline_assets(page: str) -> None:
    tree = parse(page)
    csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["style-src"] == f"'{sha256(tree.findtext('.//style'))}'"
    assert directives["script-src"] == f"'{sha256(tree.xpath('//script')[0].text)}'"


def test_inline_css_follows_the_system_colour_scheme(page: str) -> None:
    tree = parse(page)
    style = tree.findtext(".//style")
    assert "@media (prefers-color-scheme: dark)" in style
    assert "color-scheme: light dark" in style
    assert tree.xpath("//meta[@name='color-scheme']/@content") == ["light dark"]
    assert "system-ui" in style
    assert ":focus-visible" in style


def test_inline_script_is_a_few_lines() -> None:
    tree = parse(render_digest_page(make_digest()))
    lines = [line for line in tree.xpath("//script")[0].text.splitlines() if line.strip()]
    assert len(lines) <= 15


def test_without_scripts_every_language_is_visible_one_under_another(page: str) -> None:
    tree = parse(page)
    switcher = tree.xpath("//div[@data-switcher]")[0]
    assert switcher.get("hidden") is not None
    assert not tree.xpath("//section[@data-for][@hidden]")
    for card in tree.xpath("//article"):
        assert [block.get("lang") for block in card.xpath("section")] == ["en", "ru", "hy"]
    assert not tree.xpath("//*[@aria-pressed='true']")


def test_digest_blocks_read_wholly_in_their_language() -> None:
    tree = parse(render_digest_page(make_digest()))
    en, ru, hy = blocks(tree)
    assert "15 January 2026, 08:54" in en.text_content()
    assert "15 января 2026 г., 08:54" in ru.text_content()
    assert "15 հունվարի 2026 թ., 08:54" in hy.text_content()
    assert "Источник: news.example.com" in " ".join(ru.text_content().split())
    assert [li.text for li in ru.xpath(".//li")] == [
        "Лидеры играли на барабанах.",
        "Помощники аплодировали.",
    ]
    assert "Helsinki-NLP/opus-mt-en-hy" in hy.text_content()
    assert not en.xpath(".//p[@role='note']")
    note = hy.xpath(".//p[@role='note']")[0]
    assert (note.get("lang"), note.text) == ("en", "number 13 missing in the translation")
    for block in (en, ru, hy):
        assert block.xpath(".//time/@datetime") == ["2026-01-15T08:54:00"]


@pytest.mark.parametrize(
    ("date", "expected_text", "expected_iso"),
    [
        ("2026-01-15", "15 January 2026", "2026-01-15"),
        ("2026-03-02T23:05:00+04:00", "2 March 2026, 23:05", "2026-03-02T23:05:00+04:00"),
        ("Mon, 02 Mar 2026 23:05:00 GMT", "2 March 2026, 23:05", "2026-03-02T23:05:00+00:00"),
        ("yesterday evening", "yesterday evening", "yesterday evening"),
    ],
)
def test_dates_are_localised_or_shown_as_given(
    date: str, expected_text: str, expected_iso: str
) -> None:
    en = blocks(parse(render_digest_page(make_digest(date=date))))[0]
    time = en.xpath(".//time")[0]
    assert (time.text, time.get("datetime")) == (expected_text, expected_iso)


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "file:///etc/passwd", "/relative/path", "data:text/html,x"]
)
def test_only_http_source_urls_become_links(url: str) -> None:
    tree = parse(render_digest_page(make_digest(url=url)))
    assert not tree.xpath("//a")
    assert url not in tree.text_content()


def test_digest_warnings_are_shown_with_the_original() -> None:
    warning = "the article has only 2 sentence(s); 3 were asked for"
    en, ru, _ = blocks(parse(render_digest_page(make_digest(warnings=[warning]))))
    assert [note.text for note in en.xpath(".//p[@role='note']")] == [warning]
    assert not ru.xpath(".//p[@role='note']")


def test_a_missing_translation_says_so_in_that_language() -> None:
    digest = make_digest()
    del digest.translations["hy"]
    digest.translations["de"] = Translation("Führer trommeln", ("Sie trommelten.",), None)
    tree = parse(render_digest_page([digest, make_digest()]))
    first, second = tree.xpath("//article")
    assert [b.get("data-for") for b in first.xpath("section")] == ["en", "ru", "hy", "de"]
    hy = first.xpath("section[@data-for='hy']")[0]
    assert hy.text_content().strip().endswith("Հայերեն թարգմանություն չկա։")
    assert not hy.xpath(".//h1")
    assert second.xpath("section[@data-for='de']")[0].xpath(".//p[@class='note']")
    assert tree.xpath("//button[@value='de']")[0].text_content().startswith("DE")


def test_feed_page_has_one_card_per_item_and_lists_failures_with_their_error() -> None:
    tree = parse(render_feed_page(feed_records(), title="Example feed"))
    assert tree.findtext(".//h1") == "Example feed"
    cards = tree.xpath("//article")
    assert [card.xpath(".//h2")[0].text for card in cards] == ["First story", "Second story"]
    assert len(tree.xpath("//div[@data-switcher]")) == 1
    first_ru = cards[0].xpath("section[@data-for='ru']")[0]
    assert first_ru.xpath(".//p[@class='summary']")[0].text == "Короткое описание."
    assert "15 января 2026 г., 08:54" in first_ru.text_content()
    second_hy = cards[1].xpath("section[@data-for='hy']")[0]
    assert second_hy.xpath(".//p[@class='note']")
    failures = tree.xpath("//section[@class='failures']")[0]
    assert failures.findtext(".//h2") == "Failed items (1)"
    item = failures.xpath(".//li")[0]
    assert "Broken <b>story</b>" in item.text_content()
    assert item.xpath(".//span[@class='error']")[0].text == feed_records()[2].error
    assert item.xpath(".//a/@href") == ["https://news.example.com/bad"]


def test_empty_feed_renders_a_page_that_says_so() -> None:
    tree = parse(render_feed_page([]))
    assert "No items." in tree.text_content()
    assert not tree.xpath("//button") and not tree.xpath("//script")


def test_feed_page_writer_restores_feed_order_and_writes_only_a_finished_run(
    tmp_path: Path,
) -> None:
    records = feed_records()
    target = tmp_path / "digest.html"
    with FeedPageWriter(target, "Example feed", order=["a1", "bad", "a2"]) as writer:
        assert writer.done_ids() == set()
        writer.append([records[1], dataclasses.replace(records[0], id="unlisted")])
        writer.append([records[2], records[0]])
        assert not target.exists()
    tree = parse(target.read_text(encoding="utf-8"))
    titles = [card.xpath(".//h2")[0].text for card in tree.xpath("//article")]
    assert titles == ["First story", "Second story", "First story"]
    assert tree.xpath("//section[@class='failures']//li")
    assert [path.name for path in tmp_path.iterdir()] == ["digest.html"]


def test_feed_page_writer_keeps_the_old_page_when_the_run_fails(tmp_path: Path) -> None:
    target = tmp_path / "digest.html"
    target.write_text("previous page", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), FeedPageWriter(target, "Feed") as writer:
        writer.append(feed_records())
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "previous page"
    assert [path.name for path in tmp_path.iterdir()] == ["digest.html"]


def test_feed_page_writer_names_a_path_it_cannot_write(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "digest.html"
    expected = f"cannot write {re.escape(str(target))}: No such file"
    with pytest.raises(OutputError, match=expected), FeedPageWriter(target, "Feed") as writer:
        writer.append(feed_records())


@pytest.mark.slow
def test_feed_command_writes_one_page_in_feed_order(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    marian = session_model("marian", tmp_path_factory)
    items = [
        {"id": "b", "title": "Bridge opens in May", "link": "https://news.example.com/b"},
        {"id": "empty", "title": "<i></i>"},
        {"id": "a", "title": "Council <b>approves</b> budget", "published": "2026-01-15"},
    ]
    source = tmp_path / "items.jsonl"
    source.write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    page = tmp_path / "digest.html"
    result = CliRunner().invoke(
        cli.main,
        ["feed", str(source), "-o", str(page), "--translator", f"ru={marian}",
         "--translator", f"hy={marian}", "--max-length", "4", "--no-cache", "--quiet"],
    )
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert sorted(path.name for path in tmp_path.iterdir()) == ["digest.html", "items.jsonl"]
    tree = parse(page.read_text(encoding="utf-8"))
    assert tree.findtext(".//h1") == f"{source} — digest"
    cards = tree.xpath("//article")
    titles = [card.xpath("section[@data-for='en']//h2")[0].text for card in cards]
    assert titles == ["Bridge opens in May", "Council approves budget"]
    for card in cards:
        assert [block.get("lang") for block in card.xpath("section")] == ["en", "ru", "hy"]
        assert card.xpath("section[@data-for='ru']//h2")[0].text
    failure = tree.xpath("//section[@class='failures']//li")
    assert len(failure) == 1
    assert "empty title" in failure[0].text_content()


@pytest.mark.slow
def test_summarize_command_writes_the_page(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    marian = session_model("marian", tmp_path_factory)
    page = tmp_path / "digest.html"
    seed = REPO / "examples" / "caliber-drumsticks-page.txt"
    result = CliRunner().invoke(
        cli.main,
        ["summarize", str(seed), "--method", "lead", "--format", "html", "-o", str(page),
         "--translator", f"ru={marian}", "--translator", f"hy={marian}", "--max-length", "4"],
    )
    assert result.exit_code == 0, result.output
    tree = parse(page.read_text(encoding="utf-8"))
    english, russian, armenian = blocks(tree)
    assert english.findtext(".//h1") == (
        "Drumsticks, not diplomacy, steal show at Japan–South Korea summit"
    )
    parts = english.xpath(".//p[@class='meta']/*")
    meta = [" ".join(part.text_content().split()) for part in parts]
    assert meta == ["15 January 2026, 08:54", "By Sabina Mammadli"]
    summary = english.xpath(".//li")
    assert len(summary) == 3
    assert summary[0].text.startswith("After a day of intense discussions")
    for block, date in [(russian, "15 января 2026 г., 08:54"), (armenian, "15 հունվարի 2026 թ.")]:
        assert block.findtext(".//h1")
        assert len(block.xpath(".//li")) == 3
        assert block.findtext(".//time").startswith(date)
        assert block.xpath(".//p[@class='provenance']")


def test_a_digest_without_translations_has_no_switcher() -> None:
    tree = parse(render_digest_page(make_digest(translations={})))
    assert not tree.xpath("//div[@data-switcher]") and not tree.xpath("//script")
    assert [b.get("data-for") for b in blocks(tree)] == ["en"]
    assert not tree.xpath("//section[@data-for='en']")[0].get("hidden")
