"""Tell HTML from plain text by the content itself, never by a file name or extension.

A page need not carry ``<html>``, ``<head>`` or a doctype: browsers accept fragments, and
saved or generated pages often open with ``<style>``, ``<script>`` or ``<meta>``. So a page
is HTML when it opens with any element that only markup starts with. Past that, tags alone
do not make a page: a copied page can hold a line of advert code or an article can quote
markup, and a text dump opens with its title and puts tags on a few of its many lines. So a
page that does not open with an element is HTML when it is dense with tags and either its
markup starts before the first words (a stray BOM, ``&nbsp;`` or ``?`` ahead of the tags) or
a good share of its lines carry tags. The script, style and comment blocks a page opens with
do not decide alone: a copied page can open with an advert's script tag shown as text, so
when such blocks are followed by anything, what follows is judged.
"""

from __future__ import annotations

import re

_ELEMENTS = (
    r"!doctype\s+html|html|head|body|title|meta|link|style|script|base|noscript|template|"
    r"div|p|article|section|main|header|footer|nav|aside|span|a\s|br|hr|img|table|ul|ol|li|"
    r"form|iframe|svg|h[1-6]|tr|td|th|b|i|em|strong|font|center"
)
_HTML_START = re.compile(
    rf"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:{_ELEMENTS})\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rf"</?(?:{_ELEMENTS})\b[^<>]*>", re.IGNORECASE)
_FIRST_MARKUP = re.compile(r"<[a-zA-Z!/?]")
_CODE_BLOCK = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)|<!--.*?(?:-->|\Z)", re.IGNORECASE | re.DOTALL
)
_SPACED_CODE_BLOCK = re.compile(rf"\ufeff?\s*(?:{_CODE_BLOCK.pattern})", _CODE_BLOCK.flags)
_WHITESPACE = re.compile(r"\s+")
_SNIFF_CHARS = 8192
_MIN_TAGS = 5
_MAX_CHARS_BEFORE_MARKUP = 16
_MIN_TAGGED_LINE_SHARE = 0.25


def looks_like_html(content: str) -> bool:
    """True when ``content`` opens with an HTML element or reads as markup past a stray prefix."""
    head = _past_leading_code(content[:_SNIFF_CHARS])
    if _HTML_START.match(head):
        return True
    if len(_HTML_TAG.findall(head)) < _MIN_TAGS:
        return False
    return (
        _chars_before_markup(head) <= _MAX_CHARS_BEFORE_MARKUP
        or _tagged_line_share(head) >= _MIN_TAGGED_LINE_SHARE
    )


def _past_leading_code(head: str) -> str:
    """``head`` without the whole script, style and comment blocks it opens with, unless
    nothing follows them (a page of one script, or of one left open, is markup)."""
    end = 0
    while block := _SPACED_CODE_BLOCK.match(head, end):
        end = block.end()
    rest = head[end:]
    return rest if end and rest.strip() else head


def _chars_before_markup(head: str) -> int:
    """Visible characters ahead of the first tag, comment or declaration."""
    found = _FIRST_MARKUP.search(head)
    return len(_WHITESPACE.sub("", head[: found.start()] if found else head))


def _tagged_line_share(head: str) -> float:
    """The share of non-blank lines carrying a tag; a script or style block counts as one."""
    collapsed = _CODE_BLOCK.sub("<script></script>", head)
    lines = [line for line in collapsed.splitlines() if line.strip()]
    return sum(bool(_HTML_TAG.search(line)) for line in lines) / len(lines) if lines else 0.0
