"""Sentence splitting by language: razdel for Russian, pysbd for English, Armenian and others.

Every splitter here returns character spans of the input (:func:`sentence_spans`), so a split
always rejoins to the text it came from: the sentences are the text between the spans' bounds,
and only whitespace lies between them. Guards that apply to every language: a sentence never
runs across a blank line or into a list item (``• ...``, ``- ...``); a boundary with no
whitespace after it is not a boundary (this keeps ``10:30``, ``3.5`` and ``U.S.`` whole, which
pysbd's Armenian rules split at the colon); a quote that ends in ``?`` or ``!`` keeps its
attribution (``“Why?” he asked.``); a piece with no letter or digit (a stray ``'``) joins the
sentence before it; and a short piece with no full stop, such as a dateline (``(CNN)``,
``LONDON, England (Reuters) --``) or a caption label, joins the sentence after it.

pysbd never ends a sentence inside quotes, so a quoted passage of several sentences (``He
said: 'We won. It was hard.'``) would come back whole; it is cut again where an unaccented
Latin word that pysbd does not list as an abbreviation ends with a full stop and a capitalised
word follows (on the CNN/DailyMail benchmark this alone is worth +0.4 ROUGE-1 to textrank); in
text with no capital letter at all (lower-cased corpora) any word may follow, which gives
lower-cased CNN/DailyMail articles the same lead-3 score as the cased ones.

:func:`detokenize_article` turns pre-tokenised text (the Penn Treebank style of news corpora
such as CNN/DailyMail: ``team 's``, ``word .``, ````` `` `````) back into running text, so that
the splitter sees ``word.`` and quotes attached to their words. :func:`split_sentences` does
this by itself when :func:`looks_tokenized` recognises such text (all 100 tokenised SummEval
articles; of the 2,972 reference texts of the extraction benchmarks under ``shared/data``, only
a MathML formula laid out one token a line), so no caller has to say which form a text is in.
Summarisation models trained on such corpora copy the style, so the seq2seq summariser cleans
its output with it too.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import cache

import pysbd
import razdel
from pysbd.languages import LANGUAGE_CODES

Span = tuple[int, int]

# A blank line, or a line break before a list item (``• Prices rose``, ``- Wages fell``,
# ``2) Rates``), ends a sentence: list items seldom end in a full stop.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*|\n[^\S\n]*(?=(?:[•●▪‣◦*–—-]|\d{1,2}[.)])\s)")
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
# What ends a sentence (closing quotes and brackets may follow), and the pieces that are no
# sentence of their own: nothing but punctuation or symbols, or a short lead-in with no full
# stop (a dateline, a caption label).
_SENTENCE_END = re.compile(r"[.!?…։。！？؟।][\"'”’»)\]]*$")
_WORD_CHARACTER = re.compile(r"[^\W_]")
LEAD_IN_WORDS = 4
# pysbd ends a sentence after a dotted abbreviation before a capital ("at 11:30 a.m. Thursday
# in Miami."); a piece of at most this many words after one is taken as its continuation.
_DOTTED_ABBREVIATION_END = re.compile(r"\b(?:[^\W\d_]\.){2,}$")
CONTINUATION_WORDS = 3
# A sentence end that pysbd leaves, mostly inside quotes: a word of two or more letters (perhaps
# bracketed) and a full stop, then a capital that starts a word, not an acronym or initial,
# optionally behind quotes. Group 1 is the word, group 2 the gap.
_QUOTED_SENTENCE_END = re.compile(
    r"\b([A-Za-z][a-z]+)[)\]]?[.!?][\"'”’]?(\s+)(?=[\"'“‘]?[A-Z](?![A-Z.]))"
)
# The same in text with no capital letter at all (lower-cased corpora): any word follows.
_UNCASED_SENTENCE_END = re.compile(r"\b([a-z]{2,})[)\]]?[.!?][\"'”’]?(\s+)(?=[\"'“‘]?[a-z])")
_CAPITAL = re.compile(r"[A-Z]")


def split_sentences(text: str, language: str | None, tokenized: bool | None = None) -> list[str]:
    """Split ``text`` into sentences, each stripped, in order, none empty.

    ``language`` is an ISO 639-1 code; None guesses Russian or Armenian from the script and
    takes English rules otherwise. Unknown codes take English rules too. Pre-tokenised text
    (``tokenized``; None asks :func:`looks_tokenized`) is split as its running text
    (:func:`running_text`), so it gives the sentences its detokenised form gives.
    """
    if tokenized is None:
        tokenized = looks_tokenized(text)
    if tokenized:
        text = running_text(text)
    return [text[start:end] for start, end in sentence_spans(text, language)]


def sentence_spans(text: str, language: str | None) -> list[Span]:
    """The ``(start, end)`` offsets of each sentence of ``text`` (see :func:`split_sentences`)."""
    code = (language or guess_script_language(text)).lower().split("-")[0].split("_")[0]
    splitter = _splitter_for(code)
    spans: list[Span] = []
    for para_start, para_end in _paragraph_spans(text):
        paragraph = text[para_start:para_end]
        for start, end in _merge_fragments(paragraph, splitter(paragraph)):
            spans.append((para_start + start, para_start + end))
    return spans


def letter_scripts(text: str) -> Counter[str]:
    """How many letters of ``text`` each writing system has (LATIN, CYRILLIC, CJK, ...).

    Japanese writes one sentence in kanji and kana together, so its kana count as CJK. Each
    distinct character is looked up once: a page's text repeats a few dozen of them, and
    most of its lines are plain ASCII, whose letters are all Latin.
    """
    if text.isascii():
        latin = len(_ASCII_LETTER.findall(text))
        return Counter({"LATIN": latin}) if latin else Counter()
    scripts: Counter[str] = Counter()
    for char, count in Counter(text).items():
        if char.isalpha():
            scripts[_letter_script(char)] += count
    return scripts


@cache
def _letter_script(char: str) -> str:
    name = unicodedata.name(char, "").split(" ", 1)[0]
    return _KANA_AS_CJK.get(name, name)


_KANA_AS_CJK = {"HIRAGANA": "CJK", "KATAKANA": "CJK"}
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def guess_script_language(text: str) -> str:
    """'ru' or 'hy' when most letters are Cyrillic or Armenian, else 'en' (rules, not a claim)."""
    counts = letter_scripts(text[:2000])
    letters = counts.total()
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


def _merge_fragments(text: str, spans: list[Span]) -> list[Span]:
    """Join a span to the previous one where the boundary is not a sentence end: no whitespace
    between them (``10:30``, ``3.5``); a quote that ends in ``?``/``!`` followed by its
    attribution (``“Why?” he asked.``, ``“No!” Ms. Lee replied.``: lower case, or a short clause
    of at most :data:`ATTRIBUTION_WORDS` words); a span with no letter or digit (a stray quote
    mark); a previous span that only leads in (see :func:`_is_lead_in`); or a short span after
    a dotted abbreviation (``a.m. Thursday.``)."""
    merged: list[Span] = []
    for start, end in spans:
        if merged and (
            merged[-1][1] == start
            or not _WORD_CHARACTER.search(text, start, end)
            or _is_lead_in(text[merged[-1][0] : merged[-1][1]])
            or _continues_abbreviation(text, merged[-1], (start, end))
            or _is_attribution(text, merged[-1], (start, end))
        ):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _continues_abbreviation(text: str, previous: Span, span: Span) -> bool:
    return bool(_DOTTED_ABBREVIATION_END.search(text, previous[0], previous[1])) and (
        len(text[span[0] : span[1]].split()) <= CONTINUATION_WORDS
    )


def _is_lead_in(sentence: str) -> bool:
    """A dateline, label or lone symbol: at most :data:`LEAD_IN_WORDS` words, no full stop."""
    return not _SENTENCE_END.search(sentence) and len(sentence.split()) <= LEAD_IN_WORDS


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
    abbreviations = frozenset(segmenter.language_module.Abbreviation.ABBREVIATIONS)

    def split(text: str) -> list[Span]:
        ends = _QUOTED_SENTENCE_END if _CAPITAL.search(text) else _UNCASED_SENTENCE_END
        spans: list[Span] = []
        for start, end in _chunks(text):
            chunk = text[start:end]
            for a, b in _align(chunk, segmenter.segment(chunk)):
                spans.extend(_split_quoted(text, (start + a, start + b), ends, abbreviations))
        return spans

    return split


def _split_quoted(
    text: str, span: Span, ends: re.Pattern[str], abbreviations: frozenset[str]
) -> list[Span]:
    """Cut a pysbd sentence at the sentence ends it left inside quotes (see the module doc);
    a word pysbd lists as an abbreviation (``etc.``, ``vs.``) does not end a sentence."""
    start, end = span
    spans: list[Span] = []
    for match in ends.finditer(text, start, end):
        if match.group(1).lower() not in abbreviations:
            spans.append((start, match.start(2)))
            start = match.end(2)
    spans.append((start, end))
    return spans


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


# Penn Treebank tokens of pre-tokenised news text: brackets, clitics and quotes; what only
# such text has standing alone, and the attached punctuation that ordinary text has instead.
SNIFF_CHARS = 5000
_TOKENIZED_ALONE = re.compile(
    r"[.,]|``|''|-[lr][rsc]b-|(?:'(?:s|m|d|re|ve|ll)|n't)", re.IGNORECASE
)
_PUNCTUATION_ATTACHED = re.compile(r"[^\W_][.,]$|[^\W_]['’](?:s|m|d|re|ve|ll)$|[^\W_]n['’]t$", re.I)
_PTB_BRACKETS = {"-lrb-": "(", "-rrb-": ")", "-lsb-": "[", "-rsb-": "]", "-lcb-": "{", "-rcb-": "}"}
_PTB_BRACKET = re.compile("|".join(map(re.escape, _PTB_BRACKETS)), re.IGNORECASE)
_CLITIC = re.compile(r"(?:'(?:s|m|d|re|ve|ll)|n't)", re.IGNORECASE)
_SPACED_CURLY_CLITIC = re.compile(r" ’ (?=(?:s|m|d|t|re|ve|ll)\b)", re.IGNORECASE)
_ATTACHES_LEFT = frozenset({".", ",", ";", ":", "!", "?", "%", ")", "]", "}", "...", "''", "’"})
_ATTACHES_RIGHT = frozenset({"(", "[", "{", "$", "``", "‘"})
_EMPTY_SENTENCE_AFTER = (":", "|", ".")


def looks_tokenized(text: str) -> bool:
    """True for Penn Treebank-style text (``team 's``, ``word , word .``, ``-lrb-``).

    Looks at the first :data:`SNIFF_CHARS` characters: tokens that only tokenised text has
    alone (a full stop or comma, a clitic, PTB quotes and brackets) must be at least two and
    outnumber the words that carry such punctuation attached (``word.``, ``team's``), which
    tokenised text keeps only in abbreviations (``Mr.``, ``U.S.``).
    """
    tokens = text[:SNIFF_CHARS].split()
    spaced = sum(1 for token in tokens if _TOKENIZED_ALONE.fullmatch(token))
    attached = sum(1 for token in tokens if _PUNCTUATION_ATTACHED.search(token))
    return spaced >= 2 and spaced > attached


def running_text(text: str) -> str:
    """:func:`detokenize_article` applied to each paragraph, blank lines between them kept."""
    return "\n\n".join(
        detokenize_article(text[start:end]) for start, end in _paragraph_spans(text)
    )


def detokenize_article(text: str) -> str:
    """Running text from pre-tokenised news text: ``team 's win . ' Next`` -> ``team's win.'
    Next``; ``` `` We won '' ``` -> ``"We won"``; ``( CNN )`` -> ``(CNN)``; an empty sentence
    left by joined lines (``PUBLISHED: .``) is dropped.

    A straight ``'`` standing alone is a closing quote while a quote is open, a plural
    possessive after a word in ``s`` (``fans ' club``), and an opening quote otherwise or
    before ``I`` (``said : ' I was``). Paragraph breaks are not restored: the input has none.
    Bracket tokens are replaced even when glued to a word (``-lrb-CNN-rrb-``), as models
    write them.
    """
    text = _PTB_BRACKET.sub(lambda match: f" {_PTB_BRACKETS[match.group(0).lower()]} ", text)
    tokens = _SPACED_CURLY_CLITIC.sub("’", text).split()
    words: list[str] = []
    attach_next = False
    quote_open = False
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ""
        after_s = bool(words) and words[-1][-1:].lower() == "s"
        if token == "." and words and words[-1].endswith(_EMPTY_SENTENCE_AFTER):
            continue
        if token == "'":
            opens = following[:1].isalnum() and (following == "I" or not (quote_open or after_s))
            if not opens and quote_open:
                quote_open = after_s and following[:1].islower()
            quote_open = quote_open or opens
            attach_left, attach_right = not opens, opens
        else:
            is_clitic = bool(_CLITIC.fullmatch(token))
            if token[:1] == "'" and token[1:2].isalpha() and not is_clitic:
                quote_open = True
            attach_left = token in _ATTACHES_LEFT or is_clitic
            attach_right = token in _ATTACHES_RIGHT
            token = '"' if token in ("``", "''") else token
        if words and (attach_left or attach_next):
            words[-1] += token
        else:
            words.append(token)
        attach_next = attach_right
    return " ".join(words)
