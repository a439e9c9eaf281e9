"""The records headline returns and writes: a digest, a feed item's record, a translation.

One translated-record shape (:class:`Translation`) serves the digest of an article, a feed
item and a translated line, so every path reports the model, its revision, number warnings
and a per-language error the same way. ``to_dict`` gives the JSON form; ``from_dict`` reads
it back (feed records cross process boundaries as JSON).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from summarize.article import Article


@dataclass(frozen=True)
class Translation:
    """A title and summary in one language, with the model that made them.

    ``summary`` holds sentences for a digest and one text for a feed item. A language that
    could not be translated keeps ``error`` and no text; the other languages are unaffected.
    """

    title: str | None
    summary: tuple[str, ...]
    model: str | None
    revision: str | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @classmethod
    def failed(cls, error: str) -> Translation:
        """The record of a language that could not be translated."""
        return cls(title=None, summary=(), model=None, error=error)

    def to_dict(self, summary_as_text: bool = False) -> dict[str, Any]:
        """The JSON object; a feed item's summary is one string (``summary_as_text``)."""
        summary: Any = " ".join(self.summary) if summary_as_text else list(self.summary)
        return {
            "title": self.title,
            "summary": summary if self.summary else (None if summary_as_text else []),
            "model": self.model,
            "revision": self.revision,
            "warnings": list(self.warnings),
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Translation:
        """Read :meth:`to_dict`'s output back (either summary form)."""
        summary = data.get("summary")
        sentences = (summary,) if isinstance(summary, str) else tuple(summary or ())
        return cls(
            title=data.get("title"),
            summary=sentences,
            model=data.get("model"),
            revision=data.get("revision"),
            warnings=tuple(data.get("warnings") or ()),
            error=data.get("error"),
        )


@dataclass
class Digest:
    """What ``headline summarize`` returns, in Python and (as :meth:`to_dict`) in JSON.

    ``translations`` maps a language code to its :class:`Translation`; ``models`` records
    every model id (and revision) that produced a part of the digest.
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
    translations: dict[str, Translation] = field(default_factory=dict)
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

    @property
    def failed_languages(self) -> list[str]:
        """Target languages whose translation failed (their error is in ``translations``)."""
        return [code for code, part in self.translations.items() if part.error]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object: plain types only, keys in a stable order."""
        return {
            "url": self.url,
            "title": self.title,
            "date": self.date,
            "authors": list(self.authors),
            "site": self.site,
            "language": self.language,
            "text": self.text,
            "summary": list(self.summary),
            "method": self.method,
            "translations": {code: part.to_dict() for code, part in self.translations.items()},
            "models": {job: dict(model) for job, model in self.models.items()},
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class FeedRecord:
    """One feed item's output: the item's own fields, its translations and its status.

    ``status`` is ``error`` when the item could not be read or summarised (``translations``
    is then empty) or when any target language failed (that language's entry carries its
    error, the others their text); ``error`` says what went wrong.
    """

    id: str
    link: str | None
    published: str | None
    title: str
    summary: str | None
    translations: dict[str, Translation]
    error: str | None = None
    feed: str | None = None

    @property
    def status(self) -> str:
        """``ok`` or ``error``: what a rerun and the exit code look at."""
        return "error" if self.error else "ok"

    def to_dict(self) -> dict[str, Any]:
        """The JSONL record; keys in the order earlier versions wrote them."""
        record: dict[str, Any] = {
            "id": self.id,
            "link": self.link,
            "published": self.published,
            "title": self.title,
        }
        if self.feed is not None:
            record["feed"] = self.feed
        if self.summary:
            record["summary"] = self.summary
        record["translations"] = {
            code: part.to_dict(summary_as_text=True) for code, part in self.translations.items()
        }
        record["status"] = self.status
        record["error"] = self.error
        return record

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> FeedRecord:
        """Read :meth:`to_dict`'s output back."""
        translations = data.get("translations") or {}
        error = data.get("error") or None
        if error is None and data.get("status") == "error":
            error = "failed (no error message recorded)"
        return cls(
            id=str(data["id"]),
            link=data.get("link"),
            published=data.get("published"),
            title=str(data.get("title") or ""),
            summary=data.get("summary"),
            translations={
                code: Translation.from_dict(part) for code, part in translations.items()
            },
            error=error,
            feed=data.get("feed"),
        )
