"""Digests and articles as text (for a terminal), JSON or Markdown; HTML through the page module.

JSON is the record itself (``Digest.to_dict``), so Python callers and the CLI see the same
object. Text wraps to a terminal width and keeps the summary as a bulleted list; Markdown
escapes characters that would turn article text into markup.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict
from typing import Any

from headline.errors import DigestError
from headline.records import Digest, Translation
from summarize.article import Article

TEXT_WIDTH = 88
DIGEST_FORMATS = ("text", "json", "markdown", "html")
ARTICLE_FORMATS = ("text", "json", "markdown")
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "hy": "Armenian"}
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
# C0/C1 controls (escape sequences from a hostile page could drive the terminal), bar tab/newline
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def render_digest(digest: Digest, fmt: str) -> str:
    """``digest`` in ``fmt``: one of :data:`DIGEST_FORMATS`."""
    return _renderer(_DIGEST_RENDERERS, fmt)(digest)


def render_article(article: Article, fmt: str) -> str:
    """``article`` alone (no summary) in ``fmt``: one of :data:`ARTICLE_FORMATS`."""
    return _renderer(_ARTICLE_RENDERERS, fmt)(article)


def _renderer(table: dict[str, Callable[[Any], str]], fmt: str) -> Callable[[Any], str]:
    renderer = table.get(fmt)
    if renderer is None:
        raise DigestError(f"unknown output format {fmt!r} (known: {', '.join(table)})")
    return renderer


def _to_json(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False, indent=2)


def _article_record(article: Article) -> dict[str, Any]:
    return {**asdict(article), "text": article.text}


def _byline(site: str | None, date: str | None, authors: Sequence[str]) -> str:
    parts = [site, date, ("by " + ", ".join(authors)) if authors else None]
    return " · ".join(part for part in parts if part)


def _wrap(text: str, indent: str = "", bullet: str = "") -> str:
    return textwrap.fill(
        _CONTROL.sub("", text),
        width=TEXT_WIDTH,
        initial_indent=indent + bullet,
        subsequent_indent=indent + " " * len(bullet),
        break_long_words=False,
        break_on_hyphens=False,
    )


def _language_name(code: str) -> str:
    name = LANGUAGE_NAMES.get(code.split("-")[0].lower())
    return f"{name} ({code})" if name else code


def _digest_text(digest: Digest) -> str:
    lines = [_wrap(digest.title or "(untitled)")]
    byline = _byline(digest.site, digest.date, digest.authors)
    lines += [_wrap(line) for line in (byline, digest.url) if line]
    lines += ["", f"Summary ({digest.method}):"]
    lines += [_wrap(sentence, "  ", "• ") for sentence in digest.summary] or ["  (empty)"]
    for code, part in digest.translations.items():
        lines += ["", f"{_language_name(code)}:"]
        if part.error:
            lines.append(_wrap(f"(not translated: {part.error})", "  "))
        if part.title:
            lines.append(_wrap(part.title, "  "))
        lines += [_wrap(sentence, "  ", "• ") for sentence in part.summary]
    warnings = _all_warnings(digest)
    if warnings:
        lines += ["", "Warnings:", *(_wrap(warning, "  ", "- ") for warning in warnings)]
    if digest.models:
        lines += ["", _wrap(f"Models: {_models_line(digest)}")]
    return "\n".join(lines)


def _all_warnings(digest: Digest) -> list[str]:
    """The digest's warnings, then each translation's, prefixed with its language code."""
    return digest.warnings + [
        f"{code}: {warning}"
        for code, part in digest.translations.items()
        for warning in part.warnings
    ]


def _models_line(digest: Digest) -> str:
    """``job id@revision`` for every model behind the digest (revision cut to 12 chars)."""
    return "; ".join(
        f"{job} {model.get('id')}"
        + (f"@{str(model['revision'])[:12]}" if model.get("revision") else "")
        for job, model in digest.models.items()
    )


def _article_text(article: Article) -> str:
    lines = [_wrap(article.title or "(untitled)")]
    byline = _byline(article.site, article.date, article.authors)
    lines += [_wrap(line) for line in (byline, article.url) if line]
    for paragraph in article.paragraphs:
        lines += ["", _wrap(paragraph)]
    return "\n".join(lines)


def _escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(_CONTROL.sub("", text).split()))


def _markdown_head(
    title: str | None, site: str | None, date: str | None, authors: list[str], url: str | None
) -> list[str]:
    lines = [f"# {_escape(title or '(untitled)')}", ""]
    byline = _byline(site, date, authors)
    if byline:
        lines += [f"*{_escape(byline)}*", ""]
    if url:
        lines += [f"<{url}>", ""]
    return lines


def _digest_markdown(digest: Digest) -> str:
    lines = _markdown_head(digest.title, digest.site, digest.date, digest.authors, digest.url)
    lines += [f"## Summary ({digest.method})", ""]
    lines += [f"- {_escape(sentence)}" for sentence in digest.summary]
    for code, part in digest.translations.items():
        lines += ["", f"## {_language_name(code)}", ""]
        if part.error:
            lines += [f"*Not translated: {_escape(part.error)}*", ""]
        if part.title:
            lines += [f"**{_escape(part.title)}**", ""]
        lines += [f"- {_escape(sentence)}" for sentence in part.summary]
    warnings = _all_warnings(digest)
    if warnings:
        lines += ["", "## Warnings", "", *(f"- {_escape(warning)}" for warning in warnings)]
    if digest.models:
        lines += ["", f"*Models: {_escape(_models_line(digest))}*"]
    return "\n".join(lines).rstrip()


def _article_markdown(article: Article) -> str:
    lines = _markdown_head(article.title, article.site, article.date, article.authors, article.url)
    for paragraph in article.paragraphs:
        lines += [_escape(paragraph), ""]
    return "\n".join(lines).rstrip()


def _digest_html(digest: Digest) -> str:
    from headline.page import render_digest_page

    return render_digest_page(digest)


_DIGEST_RENDERERS: dict[str, Callable[[Any], str]] = {
    "text": _digest_text,
    "json": lambda digest: _to_json(digest.to_dict()),
    "markdown": _digest_markdown,
    "html": _digest_html,
}
_ARTICLE_RENDERERS: dict[str, Callable[[Any], str]] = {
    "text": _article_text,
    "json": lambda article: _to_json(_article_record(article)),
    "markdown": _article_markdown,
}


TRANSLATION_FORMATS = ("text", "jsonl")


def render_translated_lines(
    lines: Sequence[str], results: Mapping[str, Sequence[Translation]], fmt: str,
    left_out: Collection[str] | None = None,
) -> str:
    """``headline translate``'s output: one line per input line and language that worked.

    text: the translation alone for one language, ``LANG<TAB>translation`` for several
    (empty for a line that failed alone);
    jsonl: ``{"source", LANG: text or null, "warnings": {LANG: [...]}, "errors": {...}}``
    per input line, every language included.

    ``left_out`` names the languages the text format leaves out; by default those whose
    every line failed (the caller names them). A stream rendered part by part passes the
    languages that failed in its first part, so every part has the same languages.
    """
    if fmt not in TRANSLATION_FORMATS:
        raise DigestError(f"unknown output format {fmt!r} (known: text, jsonl)")
    if fmt == "jsonl":
        return "\n".join(
            json.dumps(_line_record(line, number, results), ensure_ascii=False)
            for number, line in enumerate(lines)
        )
    # a line that failed alone stays as an empty line, so the output keeps one line per
    # input line
    if left_out is None:
        left_out = [code for code, parts in results.items() if all(p.error for p in parts)]
    ok = [code for code in results if code not in left_out]
    prefix = len(results) > 1
    return "\n".join(
        (f"{code}\t" if prefix else "") + " ".join((results[code][number].title or "").split())
        for number in range(len(lines))
        for code in ok
    )


def _line_record(
    line: str, number: int, results: Mapping[str, Sequence[Translation]]
) -> dict[str, Any]:
    record: dict[str, Any] = {"source": line}
    warnings: dict[str, list[str]] = {}
    errors: dict[str, str] = {}
    for code, parts in results.items():
        part = parts[number]
        record[code] = part.title if part.error is None else None
        if part.warnings:
            warnings[code] = list(part.warnings)
        if part.error:
            errors[code] = part.error
    record["warnings"] = warnings
    if errors:
        record["errors"] = errors
    return record


def render_table(rows: Sequence[Sequence[str]]) -> str:
    """Rows as left-aligned columns two spaces apart (``headline models``)."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
