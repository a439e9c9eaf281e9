"""Plain text out of feed fields that may carry HTML markup, entities and control bytes."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_INVISIBLE_CONTENT = frozenset({"script", "style", "template", "noscript"})
_SPACES = re.compile(r"\s+")


class _TextCollector(HTMLParser):
    """Keeps character data (entities already decoded), skipping script and style bodies."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _INVISIBLE_CONTENT:
            self._hidden_depth += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE_CONTENT and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            self.parts.append(data)


def clean_markup(text: str) -> str:
    """Markup and entities removed, control characters dropped, whitespace collapsed.

    Headlines go to a translation model and into one CSV cell, so the result is one line.
    """
    if "<" in text or "&" in text:
        collector = _TextCollector()
        collector.feed(text)
        collector.close()
        text = "".join(collector.parts)
    text = "".join(
        " " if char.isspace() else char
        for char in text
        if char.isspace() or unicodedata.category(char) not in ("Cc", "Cs")
    )
    return _SPACES.sub(" ", text).strip()
