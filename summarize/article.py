"""The article an extractor pulls out of a page: the one record every later stage reads."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Article:
    """Headline, metadata and body of one news story.

    ``text`` holds the body with paragraphs separated by blank lines; ``paragraphs`` holds the
    same paragraphs as a list so that callers never have to split ``text`` again.
    """

    title: str | None
    paragraphs: list[str]
    url: str | None = None
    site: str | None = None
    date: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None

    @property
    def text(self) -> str:
        """The body, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)
