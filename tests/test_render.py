"""Digest and article output: JSON is the dataclass, text and Markdown are safe to display."""

from __future__ import annotations

import dataclasses
import json

import pytest

from headline.errors import DigestError
from headline.records import Digest, Translation
from headline.render import ARTICLE_FORMATS, DIGEST_FORMATS, render_article, render_digest
from summarize import Article

ARTICLE = Article(
    title="Drumsticks, not *diplomacy*",
    paragraphs=["First paragraph of the story. It goes on.", "Second paragraph [with] <tags>."],
    url="https://news.example/story",
    site="Example News",
    date="2026-01-15T08:54:00",
    authors=["Sabina Mammadli"],
    language="en",
)
JSON_KEYS = {
    "url", "title", "date", "authors", "site", "language", "text", "summary", "method",
    "translations", "models", "warnings",
}  # fmt: skip


def digest() -> Digest:
    result = Digest.from_article(ARTICLE, ["First paragraph of the story.", "It goes on."], "lead")
    result.translations["ru"] = Translation("Барабаны", ("Первый абзац.",), "m")
    result.translations["hy"] = Translation("Թմբուկներ", ("Առաջին։",), "m")
    return result


def test_json_is_the_digest_dataclass() -> None:
    record = json.loads(render_digest(digest(), "json"))
    assert set(record) == JSON_KEYS
    assert record == digest().to_dict()
    assert record["text"] == "First paragraph of the story. It goes on.\n\n" + ARTICLE.paragraphs[1]
    assert record["translations"]["hy"]["title"] == "Թմբուկներ"


def test_json_keeps_non_latin_text_readable() -> None:
    assert "Барабаны" in render_digest(digest(), "json")


def test_article_json_has_metadata_and_body() -> None:
    record = json.loads(render_article(ARTICLE, "json"))
    assert record["title"] == ARTICLE.title and record["authors"] == ["Sabina Mammadli"]
    assert record["paragraphs"] == ARTICLE.paragraphs and record["text"] == ARTICLE.text


def test_text_shows_summary_and_every_translation() -> None:
    text = render_digest(digest(), "text")
    lines = text.splitlines()
    assert lines[0] == ARTICLE.title
    assert "Example News · 2026-01-15T08:54:00 · by Sabina Mammadli" in lines
    assert "  • First paragraph of the story." in lines
    assert "Russian (ru):" in lines and "Armenian (hy):" in lines
    assert "  • Առաջին։" in lines


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_warnings_and_models_are_shown(fmt: str) -> None:
    result = digest()
    result.warnings.append("the article has only 2 sentence(s); 3 were asked for")
    result.translations["hy"] = dataclasses.replace(
        result.translations["hy"], warnings=("number 137 missing from the translation",)
    )
    result.models["summarize"] = {"id": "org/model", "revision": "0123456789abcdef"}
    rendered = render_digest(result, fmt)
    assert "the article has only 2 sentence(s)" in rendered
    assert "hy: number 137 missing from the translation" in rendered
    assert "summarize org/model@0123456789ab" in rendered.replace("\\", "")
    assert "0123456789abc" not in rendered


def test_text_wraps_long_sentences_for_a_terminal() -> None:
    long = Digest.from_article(ARTICLE, ["word " * 60], "textrank")
    assert max(len(line) for line in render_digest(long, "text").splitlines()) <= 88


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_control_characters_never_reach_the_terminal(fmt: str) -> None:
    hostile = Digest.from_article(ARTICLE, ["Red \x1b[31malert\x07 now\x00."], "lead")
    rendered = render_digest(hostile, fmt)
    assert not any(char in rendered for char in "\x1b\x07\x00")
    assert "Red [31malert now." in rendered or "Red \\[31malert now." in rendered


def test_markdown_escapes_markup_in_article_text() -> None:
    markdown = render_digest(digest(), "markdown")
    assert markdown.startswith("# Drumsticks, not \\*diplomacy\\*\n")
    assert "## Summary (lead)" in markdown and "- It goes on." in markdown
    assert "## Armenian (hy)" in markdown and "**Թմբուկներ**" in markdown
    article_markdown = render_article(ARTICLE, "markdown")
    assert "Second paragraph \\[with\\] \\<tags\\>." in article_markdown


def test_empty_metadata_is_left_out_not_printed_as_none() -> None:
    bare = Article(title=None, paragraphs=["Only text."])
    for fmt in ARTICLE_FORMATS[::2]:
        assert "None" not in render_article(bare, fmt)


@pytest.mark.parametrize("fmt", DIGEST_FORMATS)
def test_every_digest_format_renders(fmt: str) -> None:
    assert "Drumsticks" in render_digest(digest(), fmt)


@pytest.mark.parametrize("fmt", ["xml", "", "JSON"])
def test_unknown_format_is_a_user_error(fmt: str) -> None:
    with pytest.raises(DigestError, match="unknown output format"):
        render_digest(digest(), fmt)
    with pytest.raises(DigestError, match="text, json, markdown"):
        render_article(ARTICLE, fmt)
