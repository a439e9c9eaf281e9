"""Sentence splitting by language: razdel for Russian, pysbd for English, Armenian and others.

Every splitter here returns character spans of the input, so a split always rejoins to the text
it came from: the sentences are the text between the spans' bounds, and only whitespace lies
between them. Three guards apply to every language: a sentence never runs across a blank
line; a boundary with no whitespace after it is not a boundary (this keeps ``10:30``, ``3.5``
and ``U.S.`` whole, which pysbd's Armenian rules split at the colon); and a quote that ends in
``?`` or ``!`` keeps its attribution (``“Why?” he asked.``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

import pysbd
import razdel
from pysbd.languages import LANGUAGE_CODES

Span = tuple[int, int]

PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_PYSBD_LANGUAGES = frozenset(LANGUAGE_CODES)
# A quote closed right after "?" or "!" (the speaker may follow); and how long a clause after
# it can be and still be read as its attribution ("Mr. Lee said at one point.").
_QUOTE_END = re.compile(r"[?!…][\"'”’»]+$")
ATTRIBUTION_WORDS = 6
_SCRIPT_LANGUAGES = {"CYRILLIC": "ru", "ARMENIAN": "hy"}
# pysbd's time grows with the square of its input: longer paragraphs are cut into pieces of
# about this many characters first, only after a full stop that ends a word of four or more
# letters (so never after "Mr." or "U.S.") and before a capital letter.
PYSBD_CHUNK_CHARS = 2000
_SAFE_CUT = re.compile(r"(?<=[^\W\d_]{4}[.!?։])\s+(?=[\"'«“]?[^\W\d_])")


def split_sentences(text: str, language: str | None) -> list[str]:
    """Split ``text`` into sentences, each stripped, in order, none empty.

    ``language`` is an ISO 639-1 code; None guesses Russian or Armenian from the script and
    takes English rules otherwise. Unknown codes take English rules too.
    """
    return [text[start:end] for start, end in sentence_spans(text, language)]


def sentence_spans(text: str, language: str | None) -> list[Span]:
    """The ``(start, end)`` offsets of each sentence of ``text`` (see :func:`split_sentences`)."""
    code = (language or guess_script_language(text)).lower().split("-")[0].split("_")[0]
    splitter = _splitter_for(code)
    spans: list[Span] = []
    for para_start, para_end in _paragraph_spans(text):
        paragraph = text[para_start:para_end]
        for start, end in _merge_false_ends(paragraph, splitter(paragraph)):
            spans.append((para_start + start, para_start + end))
    return spans


def guess_script_language(text: str) -> str:
    """'ru' or 'hy' when most letters are Cyrillic or Armenian, else 'en' (rules, not a claim)."""
    counts: dict[str, int] = {}
    letters = 0
    for char in text[:2000]:
        if char.isalpha():
            letters += 1
            script = unicodedata.name(char, "").split(" ", 1)[0]
            counts[script] = counts.get(script, 0) + 1
    for script, code in _SCRIPT_LANGUAGES.items():
        if letters and counts.get(script, 0) * 2 > letters:
            return code
    return "en"


def _paragraph_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    start = 0
    for match in PARAGRAPH_BREAK.finditer(text):
        spans.extend(_strip_span(text, start, match.start()))
        start = match.end()
    spans.extend(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> list[Span]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


def _merge_false_ends(text: str, spans: list[Span]) -> list[Span]:
    """Join a span to the previous one where the boundary is not a sentence end: no whitespace
    between them (``10:30``, ``3.5``), or a quote that ends in ``?``/``!`` followed by its
    attribution (``“Why?” he asked.``, ``“No!” Ms. Lee replied.``: lower case, or a short clause
    of at most :data:`ATTRIBUTION_WORDS` words)."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and (merged[-1][1] == start or _is_attribution(text, merged[-1], (start, end))):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _is_attribution(text: str, previous: Span, span: Span) -> bool:
    if not _QUOTE_END.search(text, previous[0], previous[1]):
        return False
    following = text[span[0] : span[1]]
    return following[0].islower() or len(following.split()) <= ATTRIBUTION_WORDS


Splitter = Callable[[str], list[Span]]


def _splitter_for(code: str) -> Splitter:
    if code == "ru":
        return _razdel_spans
    return _pysbd_splitter(code if code in _PYSBD_LANGUAGES else "en")


def _razdel_spans(text: str) -> list[Span]:
    spans: list[Span] = []
    for part in razdel.sentenize(text):
        spans.extend(_strip_span(text, part.start, part.stop))
    return spans


@cache
def _pysbd_splitter(code: str) -> Splitter:
    segmenter = pysbd.Segmenter(language=code, clean=False)

    def split(text: str) -> list[Span]:
        spans: list[Span] = []
        for start, end in _chunks(text):
            chunk = text[start:end]
            spans.extend((start + a, start + b) for a, b in _align(chunk, segmenter.segment(chunk)))
        return spans

    return split


def _chunks(text: str) -> list[Span]:
    """Cut ``text`` at safe sentence ends into pieces of about :data:`PYSBD_CHUNK_CHARS`."""
    chunks: list[Span] = []
    start = 0
    for match in _SAFE_CUT.finditer(text):
        if match.start() - start >= PYSBD_CHUNK_CHARS:
            chunks.append((start, match.start()))
            start = match.end()
    chunks.append((start, len(text)))
    return chunks


def _align(text: str, segments: list[str]) -> list[Span]:
    """Map pysbd's segments back onto ``text`` by counting non-space characters.

    pysbd may change whitespace inside a segment, never the other characters, so the n-th
    non-space character of the segments is the n-th of the text. Anything pysbd dropped ends
    up in the last span, so the spans always cover the text.
    """
    positions = [index for index, char in enumerate(text) if not char.isspace()]
    spans: list[Span] = []
    taken = 0
    for segment in segments:
        size = sum(1 for char in segment if not char.isspace())
        if size == 0 or taken >= len(positions):
            continue
        last = min(taken + size, len(positions)) - 1
        spans.append((positions[taken], positions[last] + 1))
        taken = last + 1
    if taken < len(positions):
        if spans:
            spans[-1] = (spans[-1][0], positions[-1] + 1)
        else:
            spans.append((positions[0], positions[-1] + 1))
    return spans
