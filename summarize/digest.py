"""The digest: an article's summary plus its translations, as the CLI prints it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from summarize.article import Article


@dataclass
class Digest:
    """What ``headline summarize`` returns, in Python and (as :meth:`to_dict`) in JSON.

    ``translations`` maps a language code to ``{"title", "summary", "model", ...}``;
    ``models`` records every model id (and revision) that produced a part of the digest.
    """

    url: str | None
    title: str | None
    date: str | None
    authors: list[str]
    site: str | None
    language: str | None
    text: str
    summary: list[str]
    method: str
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)
    models: dict[str, dict[str, str | None]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @classmethod
    def from_article(cls, article: Article, summary: list[str], method: str) -> Digest:
        """Build the digest of ``article`` before any translation is added."""
        return cls(
            url=article.url,
            title=article.title,
            date=article.date,
            authors=list(article.authors),
            site=article.site,
            language=article.language,
            text=article.text,
            summary=list(summary),
            method=method,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: plain types only, keys in a stable order."""
        return asdict(self)
