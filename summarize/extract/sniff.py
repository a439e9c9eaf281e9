"""Tell HTML from plain text by the content itself, never by a file name or extension.

A page need not carry ``<html>``, ``<head>`` or a doctype: browsers accept fragments, and
saved or generated pages often open with ``<style>``, ``<script>`` or ``<meta>``. So a page
is HTML when it opens with any element that only markup starts with, or when its first
kilobytes are dense with such tags; plain text that mentions a tag or two stays text.
"""

from __future__ import annotations

import re

_ELEMENTS = (
    r"!doctype\s+html|html|head|body|title|meta|link|style|script|base|noscript|template|"
    r"div|p|article|section|main|header|footer|nav|aside|span|a\s|br|hr|img|table|ul|ol|li|"
    r"form|iframe|svg|h[1-6]"
)
_HTML_START = re.compile(
    rf"^\ufeff?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:{_ELEMENTS})\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(rf"</?(?:{_ELEMENTS})\b[^<>]*>", re.IGNORECASE)
_SNIFF_CHARS = 8192
_MIN_TAGS = 5


def looks_like_html(content: str) -> bool:
    """True when ``content`` opens with an HTML element or is dense with HTML tags."""
    head = content[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= _MIN_TAGS
