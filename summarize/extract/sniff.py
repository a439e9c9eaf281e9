"""Tell HTML from plain text by the content itself, never by a file name or extension."""

from __future__ import annotations

import re

_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b",
    re.IGNORECASE | re.DOTALL,
)
_HTML_TAG = re.compile(
    r"<(?:html|head|body|div|p|article|section|main|span|meta|title|script|style|a\s|br|table|h[1-6])\b[^>]*>",
    re.IGNORECASE,
)
_SNIFF_CHARS = 8192
_MIN_TAGS = 5


def looks_like_html(content: str) -> bool:
    """True when ``content`` starts like an HTML document or is dense with HTML tags."""
    head = content[:_SNIFF_CHARS]
    if _HTML_START.match(head):
        return True
    return len(_HTML_TAG.findall(head)) >= _MIN_TAGS
