"""Candidate readings of one HTML page, each made on first use from one parsed tree.

No single extractor is best on every kind of page: readability-lxml finds the article block
most often, trafilatura recovers pages where readability keeps only a fragment or nothing,
and rendering the page to text (what a browser copy gives) is the only reading of pages
whose markup hides the story in generic ``<div>``s. The page is parsed once; each reading
is computed lazily, so the selector pays only for the readings its decision needs.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import html_text
import trafilatura
from lxml.html import HtmlElement
from readability import Document
from readability.cleaners import html_cleaner
from trafilatura.metadata import extract_metadata

from summarize.article import Article
from summarize.errors import SummarizeError
from summarize.extract.length import word_count
from summarize.extract.textdump import extract_text_dump

# readability-lxml logs a traceback for every page it cannot read; a page without an article
# is an answer here, not an error, so its records stop at this handler.
logging.getLogger("readability").addHandler(logging.NullHandler())

_LAYOUT_TAG = re.compile(r"<(?P<closing>/?)(?:pre|textarea)\b", re.IGNORECASE)
_WHITESPACE_RUN = re.compile(r"\s{2,}")
_HIDING_STYLE = re.compile(
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)",
    re.IGNORECASE,
)
_EMBEDDED_POST = re.compile(r"tweet|twitter|instagram|tiktok|reddit|embed", re.IGNORECASE)
_LOADER_SNIFF_CHARS = 50  # where trafilatura's load_html looks for "html"
_TEXT_CLEANER = copy.copy(html_cleaner)
_TEXT_CLEANER.javascript = False  # blanks ``javascript:`` links: attributes, never text


@dataclass(frozen=True)
class Reading:
    """One extractor's body of the page, as paragraphs, and its length in words."""

    name: str
    paragraphs: list[str]

    @cached_property
    def words(self) -> int:
        """Script-aware length (CJK characters two to a word)."""
        return sum(word_count(paragraph) for paragraph in self.paragraphs)


class PageReadings:
    """The readings of one page; each property parses nothing and runs its extractor once."""

    def __init__(self, content: str, url: str | None = None) -> None:
        self.url = url
        markup = _squeezed_markup(content)
        self.tree: HtmlElement | None = _parsed(markup)
        if self.tree is not None:
            _drop_hidden(self.tree)
            _unmark_embedded_posts(self.tree)

    @cached_property
    def metadata(self) -> Any:
        """trafilatura's metadata (title, date, authors, site); dates without the deep search."""
        if self.tree is None:
            return None
        return _quietly(lambda: extract_metadata(self.tree, self.url, extensive=False))

    @cached_property
    def readability(self) -> Reading:
        """readability-lxml's article block, rendered with layout."""
        return Reading("readability", _paragraphs(_quietly(self._readability_text)))

    @cached_property
    def trafilatura(self) -> Reading:
        """trafilatura's default cascade, comments left out (they are not the article)."""
        return Reading("trafilatura", _paragraphs(self._trafilatura()))

    @cached_property
    def trafilatura_recall(self) -> Reading:
        """trafilatura's full cascade tuned for recall, for pages the others find nothing in."""
        return Reading("trafilatura_recall", _paragraphs(self._trafilatura(favor_recall=True)))

    @cached_property
    def text(self) -> str:
        """Every visible line of the page, as a browser copy gives it."""
        if self.tree is None:
            return ""
        text = _quietly(lambda: html_text.extract_text(self.tree, guess_layout=True))
        return text if isinstance(text, str) else ""

    @cached_property
    def words(self) -> int:
        """Script-aware length of everything the page shows outside links (menus are links)."""
        tree = self.tree
        if tree is None:
            return 0
        links = _quietly(lambda: " ".join(tree.xpath("//a//text()")))
        return max(0, word_count(self.text) - word_count(links or ""))

    @cached_property
    def rendered(self) -> Article | None:
        """The page rendered to text and read by the text-dump extractor, if it finds a story."""
        if not self.text.strip():
            return None
        try:
            return extract_text_dump(self.text)
        except SummarizeError:
            return None

    def _readability_text(self) -> str | None:
        if self.tree is None:
            return None
        summary = _ArticleBlock(self.tree).summary(html_partial=True)
        return str(html_text.extract_text(summary, guess_layout=True))

    def _trafilatura(self, favor_recall: bool = False) -> str | None:
        if self.tree is None:
            return None
        text = _quietly(
            lambda: trafilatura.extract(
                self.tree,
                url=self.url,
                include_comments=False,
                include_tables=True,
                favor_recall=favor_recall,
            )
        )
        return text if isinstance(text, str) else None


class _ArticleBlock(Document):  # type: ignore[misc]  # untyped library
    """readability-lxml's article finder, cleaning the page without rewriting its links.

    Its cleaner walks every link and style of the page to blank ``javascript:`` URLs, a
    third of its time on a news page, and a page's ``<base>`` has them rewritten again; no
    text depends on a link's target. This one cleans a copy of the tree with the same
    settings less that pass; the hidden elements it would drop first are gone already
    (:func:`_drop_hidden`). tests/test_extract_html.py checks the text against the
    stock Document's.
    """

    def _parse(self, input: HtmlElement) -> HtmlElement:
        return _TEXT_CLEANER.clean_html(input)


def _drop_hidden(tree: HtmlElement) -> None:
    """Remove what a browser does not show (``hidden``, ``display: none``), for every
    reading: as readability-lxml drops them, once, before any extractor runs."""
    for element in tree.xpath("//*[@hidden]"):
        element.drop_tree()
    for element in tree.xpath("//*[@style]"):
        if _HIDING_STYLE.search(element.get("style", "")):
            element.drop_tree()


def _unmark_embedded_posts(tree: HtmlElement) -> None:
    """Let a post the story quotes (an embedded tweet or Instagram post) read as the quote it is.

    Such a post is a ``<blockquote>`` whose class names its network; readability-lxml drops
    any block whose class says "tweet" or "twitter" as unlikely to be the article before it
    scores anything, and with it the statement a news story is about. The class goes; the
    quotation stays a quotation.
    """
    for quote in tree.xpath("//blockquote[@class or @id]"):
        if _EMBEDDED_POST.search(f"{quote.get('class', '')} {quote.get('id', '')}"):
            quote.attrib.pop("class", None)
            quote.attrib.pop("id", None)


def _quietly(call: Callable[[], Any]) -> Any:
    """Run a third-party parser; a crash on a malformed page means "nothing found"."""
    try:
        return call()
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None


def _parsed(markup: str) -> HtmlElement | None:
    """The page's tree, also when the page is a fragment without its ``<html>`` element.

    trafilatura refuses markup that does not say "html" in its first 50 characters and
    parses to a single block (a page saved from its first ``<table>`` or ``<div>``, the
    rest of the document left off), which sniffing has already found to be HTML; such a
    page is read as the body of a document.
    """
    tree = _quietly(lambda: trafilatura.load_html(markup))
    if tree is None and "html" not in markup[:_LOADER_SNIFF_CHARS].lower():
        tree = _quietly(lambda: trafilatura.load_html("<html>" + markup))
    return tree


def _squeezed_markup(content: str) -> str:
    """``content`` with its whitespace runs collapsed, as the extractors read them anyway.

    Indented markup puts long runs of spaces and newlines in text nodes; readability-lxml
    normalises each element's text with regular expressions that slow down on such runs,
    for every candidate block, and spends much of its time there. A run holding a newline
    becomes one newline and a run of spaces and tabs one space, what its own cleaning makes
    of them. ``<pre>`` and ``<textarea>`` keep their layout (an unclosed one, the rest of
    the page, as a browser shows it). One linear pass over the markup, before parsing.
    """
    parts, done, depth = [], 0, 0
    for tag in _LAYOUT_TAG.finditer(content):
        if not tag.group("closing"):
            if not depth:
                parts.append(_WHITESPACE_RUN.sub(_one_space, content[done : tag.start()]))
                done = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if not depth:
                parts.append(content[done : tag.end()])
                done = tag.end()
    rest = content[done:]
    parts.append(rest if depth else _WHITESPACE_RUN.sub(_one_space, rest))
    return "".join(parts)


def _one_space(run: re.Match[str]) -> str:
    text = run.group()
    if "\n" in text:
        return "\n"
    return " " if not text.strip(" \t") else text


def _paragraphs(text: str | None) -> list[str]:
    if not text:
        return []
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]
