"""The digest page: one self-contained HTML file that shows a digest (or a whole feed) in
English, Russian and Armenian with a switcher like the news site's own (EN, RU, ARM).

Digests and feed records are first turned into one view model (:class:`PageView`), so the
same Jinja2 templates render both. Everything a reader sees is escaped by the templates; the
only inline CSS and script are the two files beside the templates, allowed by their hashes in
a Content-Security-Policy that forbids every other request, so the page cannot fetch anything
even if a headline carries markup.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from headline.output import write_atomically
from headline.records import Digest, FeedRecord, Translation

DEFAULT_SOURCE_LANGUAGE = "en"
"""Assumed when a digest or feed does not say: the translation models read English."""

_LANGUAGE_CODE = re.compile(r"[a-z]{2,3}(-[a-z0-9]{2,8})*")
# C0/C1 controls other than tab, newline and carriage return: invalid in HTML text
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Lone surrogates (possible in JSON input) cannot be encoded as UTF-8
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class UiText:
    """The page's own words in one language, so each block reads wholly in its language.

    Labels carry their own punctuation: Armenian marks a label with ``՝``, since its ``:``-like
    sign is the full stop.
    """

    lang: str
    by: str
    source: str
    machine_translation: str
    missing: str
    months: tuple[str, ...]
    date_suffix: str


@dataclass(frozen=True)
class Language:
    """One switcher entry: the fragment code, the label the site uses, the native name."""

    code: str
    label: str
    name: str
    ui: UiText


ENGLISH_UI = UiText(
    lang="en",
    by="By ",
    source="Source: ",
    machine_translation="Machine translation: ",
    missing="No English text for this item.",
    months=(
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
    date_suffix="",
)

LANGUAGES: dict[str, Language] = {
    "en": Language("en", "EN", "English", ENGLISH_UI),
    "ru": Language(
        "ru",
        "RU",
        "Русский",
        UiText(
            lang="ru",
            by="Автор: ",
            source="Источник: ",
            machine_translation="Машинный перевод: ",
            missing="Перевода на русский нет.",
            months=(
                "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                "сентября", "октября", "ноября", "декабря",
            ),
            date_suffix=" г.",
        ),
    ),
    "hy": Language(
        "hy",
        "ARM",
        "Հայերեն",
        UiText(
            lang="hy",
            by="Հեղինակ՝ ",
            source="Աղբյուր՝ ",
            machine_translation="Մեքենայական թարգմանություն՝ ",
            missing="Հայերեն թարգմանություն չկա։",
            months=(
                "հունվարի", "փետրվարի", "մարտի", "ապրիլի", "մայիսի", "հունիսի", "հուլիսի",
                "օգոստոսի", "սեպտեմբերի", "հոկտեմբերի", "նոյեմբերի", "դեկտեմբերի",
            ),
            date_suffix=" թ.",
        ),
    ),
}
"""Switcher order and labels: the site's own EN, RU, ARM (fragment ``#hy`` for Armenian)."""


@dataclass(frozen=True)
class DateView:
    """A date as machines (``datetime`` attribute) and as readers of one language see it."""

    iso: str
    text: str


@dataclass(frozen=True)
class SourceLink:
    """A link to the original story; only http(s) URLs become links."""

    url: str
    host: str


@dataclass(frozen=True)
class Block:
    """One item in one language: what the switcher shows or hides as a unit."""

    code: str
    lang: str
    label: str
    ui: UiText
    source_lang: str
    title: str | None = None
    date: DateView | None = None
    authors: str | None = None
    source: SourceLink | None = None
    summary: tuple[str, ...] = ()
    summary_is_list: bool = True
    model: str | None = None
    warnings: tuple[str, ...] = ()
    missing: bool = False


@dataclass(frozen=True)
class Card:
    """One story: a block per page language, in switcher order."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Failure:
    """A feed item that could not be processed, listed rather than dropped."""

    id: str
    title: str | None
    source: SourceLink | None
    error: str
    lang: str


@dataclass(frozen=True)
class PageView:
    """Everything the templates read; built from digests or from feed records."""

    title: str
    heading: str
    heading_level: int
    languages: tuple[Language, ...]
    cards: tuple[Card, ...]
    failures: tuple[Failure, ...] = ()


@dataclass(frozen=True)
class _Story:
    """An item before it is laid out: its texts per language and the shared metadata."""

    source_lang: str
    texts: dict[str, _StoryText]
    date: str | None
    authors: tuple[str, ...]
    url: str | None


@dataclass(frozen=True)
class _StoryText:
    title: str | None
    summary: tuple[str, ...]
    summary_is_list: bool
    model: str | None
    warnings: tuple[str, ...]


def render_digest_page(digests: Digest | Sequence[Digest]) -> str:
    """The page for one digest (``headline summarize --format html``) or several."""
    items = [digests] if isinstance(digests, Digest) else list(digests)
    stories = [_story_from_digest(digest) for digest in items]
    heading = next(filter(None, (_optional_str(digest.site) for digest in items)), "Digest")
    only = stories[0] if len(stories) == 1 else None
    title = (only.texts[only.source_lang].title if only else None) or heading
    return render_page(_page_view(stories, [], title=title, heading=heading, heading_level=1))


def render_feed_page(
    records: Iterable[FeedRecord],
    title: str = "Feed digest",
    source_language: str = DEFAULT_SOURCE_LANGUAGE,
) -> str:
    """The page for a feed run: one card per item, failed items listed with their error."""
    stories: list[_Story] = []
    failures: list[Failure] = []
    for record in records:
        if record.status == "ok":
            stories.append(_story_from_record(record, source_language))
        else:
            failures.append(_failure_from_record(record, source_language))
    name = _optional_str(title) or "Feed digest"
    return render_page(_page_view(stories, failures, title=name, heading=name, heading_level=2))


class FeedPageWriter:
    """A feed run's record sink for ``-o page.html``: keeps the run's records and, when the
    run ends without an exception, writes them as one page, atomically.

    A page is not resumable (it has no ids to skip), so :meth:`done_ids` is always empty; the
    translation cache makes a rerun cheap. Records come back in ``order`` (the feed's item
    ids), whatever order the sink received them in.
    """

    def __init__(
        self, path: str | Path, title: str, order: Sequence[str] = (),
        source_language: str = DEFAULT_SOURCE_LANGUAGE,
    ) -> None:
        self.path = Path(path)
        self.title = title
        self.source_language = source_language
        self._position = {item_id: n for n, item_id in enumerate(order)}
        self._records: list[FeedRecord] = []

    def done_ids(self) -> set[str]:
        return set()

    def failed_ids(self) -> set[str]:
        return set()

    def append(self, records: Sequence[FeedRecord]) -> None:
        self._records.extend(records)

    def records(self) -> list[FeedRecord]:
        """Records so far in feed order; ids the feed did not list come last, as received."""
        last = len(self._position)
        return sorted(self._records, key=lambda r: self._position.get(r.id, last))

    def __enter__(self) -> FeedPageWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if kind is None:
            page = render_feed_page(self.records(), self.title, self.source_language)
            write_atomically(self.path, page)


def render_page(page: PageView) -> str:
    """Render a view model; CSS and script are inlined and pinned by hash in the CSP."""
    style = _asset("page.css")
    script = _asset("switcher.js")
    csp = (
        "default-src 'none'; "
        f"style-src '{_sha256(style)}'; script-src '{_sha256(script)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    template = _environment().get_template("page.html")
    return template.render(page=page, csp=csp, style=Markup(style), script=Markup(script))


def _page_view(
    stories: Sequence[_Story],
    failures: Sequence[Failure],
    *,
    title: str,
    heading: str,
    heading_level: int,
) -> PageView:
    codes = _ordered_languages(code for story in stories for code in story.texts)
    if not codes:
        codes = [DEFAULT_SOURCE_LANGUAGE]
    languages = tuple(_language(code) for code in codes)
    cards = tuple(
        Card(tuple(_block(story, language) for language in languages)) for story in stories
    )
    return PageView(title, heading, heading_level, languages, cards, tuple(failures))


def _block(story: _Story, language: Language) -> Block:
    base = Block(
        code=language.code,
        lang=language.code,
        label=language.label,
        ui=language.ui,
        source_lang=story.source_lang,
    )
    text = story.texts.get(language.code)
    if text is None:
        return replace(base, missing=True)
    return replace(
        base,
        title=text.title,
        date=_date_view(story.date, language.ui),
        authors=", ".join(story.authors) or None,
        source=_source_link(story.url),
        summary=text.summary,
        summary_is_list=text.summary_is_list,
        model=text.model,
        warnings=text.warnings,
    )


def _story_from_digest(digest: Digest) -> _Story:
    source_lang = _language_code(digest.language) or DEFAULT_SOURCE_LANGUAGE
    original = _StoryText(
        title=_optional_str(digest.title),
        summary=_strings(digest.summary),
        summary_is_list=True,
        model=None,
        warnings=_strings(digest.warnings),
    )
    texts = {source_lang: original}
    texts.update(_translations(digest.translations, texts, summary_is_list=True))
    return _Story(
        source_lang,
        texts,
        _optional_str(digest.date),
        _strings(digest.authors),
        _optional_str(digest.url),
    )


def _story_from_record(record: FeedRecord, source_language: str) -> _Story:
    summary = _optional_str(record.summary)
    original = _StoryText(
        title=_optional_str(record.title),
        summary=(summary,) if summary else (),
        summary_is_list=False,
        model=None,
        warnings=(),
    )
    texts = {source_language: original}
    texts.update(_translations(record.translations, texts, summary_is_list=False))
    return _Story(
        source_language, texts, _optional_str(record.published), (), _optional_str(record.link)
    )


def _failure_from_record(record: FeedRecord, source_language: str) -> Failure:
    return Failure(
        id=_optional_str(record.id) or "(no id)",
        title=_optional_str(record.title),
        source=_source_link(_optional_str(record.link)),
        error=_optional_str(record.error) or "failed (no error message recorded)",
        lang=source_language,
    )


def _ordered_languages(codes: Iterable[str]) -> list[str]:
    """Switcher order: the site's EN, RU, ARM first, then any other language by code."""
    present = set(codes)
    known = [code for code in LANGUAGES if code in present]
    return known + sorted(present - set(LANGUAGES))


def _language(code: str) -> Language:
    """A known language, or one labelled by its code with English page words."""
    return LANGUAGES.get(code) or Language(code, code.upper(), code, ENGLISH_UI)


def _date_view(value: str | None, ui: UiText) -> DateView | None:
    """Parse ISO 8601 or RFC 822 (feeds); a date that parses neither way is shown as given."""
    if not value:
        return None
    moment = _parse_date(value)
    if moment is None:
        return DateView(value, value)
    text = f"{moment.day} {ui.months[moment.month - 1]} {moment.year}{ui.date_suffix}"
    has_time = ":" in value
    if has_time:
        text += f", {moment:%H:%M}"
    return DateView(moment.isoformat() if has_time else moment.date().isoformat(), text)


def _parse_date(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _source_link(url: str | None) -> SourceLink | None:
    """Only an absolute http(s) URL becomes a link: never ``javascript:`` or a local path."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return SourceLink(url, host.removeprefix("www."))


def _translations(
    translations: Mapping[str, Translation],
    present: Mapping[str, _StoryText],
    summary_is_list: bool,
) -> dict[str, _StoryText]:
    """Texts per valid language code; the original wins over a same-language translation,
    and a language that failed shows as missing."""
    texts = {}
    for code, part in translations.items():
        lang = _language_code(code)
        if lang and lang not in present and part.error is None:
            texts[lang] = _StoryText(
                title=_optional_str(part.title),
                summary=_strings(part.summary),
                summary_is_list=summary_is_list,
                model=_optional_str(part.model),
                warnings=_strings(part.warnings),
            )
    return texts


def _language_code(value: Any) -> str | None:
    """A BCP 47-looking code, lower-cased; anything else is not trusted into attributes."""
    code = str(value or "").strip().lower()
    return code if _LANGUAGE_CODE.fullmatch(code) else None


def _strings(values: Any) -> tuple[str, ...]:
    """The non-empty cleaned strings of a list (or nothing, for anything not a list)."""
    if not isinstance(values, (list, tuple)):
        return ()
    return tuple(text for text in map(_optional_str, values) if text)


def _optional_str(value: Any) -> str | None:
    """Cleaned text, or None when empty: controls dropped, lone surrogates replaced, so the
    page is valid HTML and always encodes to UTF-8."""
    if value is None:
        return None
    text = _SURROGATE.sub("\ufffd", _CONTROL.sub("", str(value))).strip()
    return text or None


def _sha256(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


@cache
def _asset(name: str) -> str:
    return (resources.files("headline") / "templates" / name).read_text(encoding="utf-8")


@cache
def _environment() -> Environment:
    """Built on first render, not at import; autoescaping on for every template."""
    return Environment(
        loader=PackageLoader("headline", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
