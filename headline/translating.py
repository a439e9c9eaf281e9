"""Translation as the digest, the feed and ``headline translate`` all do it: one path.

Texts go to the translator in one batch per language; if the batch fails, part by part, so
one bad input fails alone. Every output is checked for the numbers of its source, and each
language ends as one :class:`~headline.records.Translation`: its text, the model and
revision, number warnings, or the error that stopped that language (the other languages
are unaffected).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from common.errors import HeadlineError
from headline.records import Translation
from seq2seq import EngineOptions
from translate.errors import TranslateError
from translate.numbers import number_warnings
from translate.translator import Translator, TranslatorOptions, normalize_language

DEFAULT_TARGETS = ("ru", "hy")
PLAIN_TEXT_SOURCE = "en"
"""The source language of plain lines and feed items when ``--from`` is not given."""


@dataclass(frozen=True)
class TranslationOptions:
    """Target languages, the source language, and how to build the translator.

    ``source`` None means: the article's detected language for a digest, English for plain
    lines and feed items. A frozen record of plain values, so Ray workers can be handed it
    and build their own translator (:meth:`translator`).
    """

    targets: tuple[str, ...] = DEFAULT_TARGETS
    source: str | None = None
    profile: str = "default"
    overrides: Mapping[str, str] = field(default_factory=dict)
    engine: EngineOptions = field(default_factory=EngineOptions)
    use_cache: bool = True
    cache_path: str | None = None

    def __post_init__(self) -> None:
        targets = tuple(dict.fromkeys(normalize_language(code) for code in self.targets))
        if not targets:
            raise TranslateError("no target language given (e.g. ru,hy)")
        object.__setattr__(self, "targets", targets)
        if self.source is not None:
            object.__setattr__(self, "source", normalize_language(self.source))

    def source_for(self, detected: str | None = None) -> str:
        """The language texts are read as: ``source`` if given, else ``detected``, else en."""
        return self.source or (detected or PLAIN_TEXT_SOURCE).split("-")[0].lower()

    def translator(self, detected: str | None = None) -> Translator:
        """The translator from :meth:`source_for` (``detected``), cache included."""
        from translate.cache import CachedTranslator, TranslationCache
        from translate.translator import build_translator

        translator = build_translator(
            TranslatorOptions(
                profile=self.profile,
                source=self.source_for(detected),
                overrides=dict(self.overrides),
                engine=self.engine,
            )
        )
        if not self.use_cache:
            return translator
        return CachedTranslator(translator, TranslationCache(self.cache_path))

    def for_engine(self, engine: EngineOptions) -> TranslationOptions:
        """The same translation with other engine settings."""
        return dataclasses.replace(self, engine=engine)


@dataclass(frozen=True)
class TextParts:
    """What one record translates: a title (or None) and summary segments (maybe none)."""

    title: str | None
    summary: tuple[str, ...] = ()

    def segments(self) -> list[str]:
        """Title first, then the summary, each one segment for the model."""
        return ([self.title] if self.title else []) + list(self.summary)


def translate_parts(
    translator: Translator, parts: Sequence[TextParts], target: str
) -> list[Translation]:
    """One :class:`Translation` per part, in order, all parts in one batch when they can be.

    A language whose model cannot be had fails every part with that one error; an input the
    model refuses fails only its own part.
    """
    try:
        ref = translator.model_ref(target)
    except HeadlineError as exc:
        return [Translation.failed(str(exc)) for _ in parts]
    try:
        outputs = _translate_all(translator, parts, target)
    except HeadlineError:
        outputs = [_translate_alone(translator, part, target) for part in parts]
    return [
        _translation(part, translated, ref.id, ref.revision)
        if not isinstance(translated, str)
        else Translation.failed(translated)
        for part, translated in zip(parts, outputs, strict=True)
    ]


def _translate_all(
    translator: Translator, parts: Sequence[TextParts], target: str
) -> list[list[str] | str]:
    segments = [part.segments() for part in parts]
    flat = translator.translate([text for texts in segments for text in texts], target)
    cursor = iter(flat)
    return [[next(cursor) for _ in texts] for texts in segments]


def _translate_alone(translator: Translator, part: TextParts, target: str) -> list[str] | str:
    """The part's translated segments, or its error message."""
    try:
        return translator.translate(part.segments(), target)
    except HeadlineError as exc:
        return str(exc)


def _translation(
    part: TextParts, translated: list[str], model: str, revision: str | None
) -> Translation:
    outputs = [" ".join(text.split()) for text in translated]
    warnings = tuple(
        warning
        for source, output in zip(part.segments(), outputs, strict=True)
        for warning in number_warnings(source, output)
    )
    title = outputs[0] if part.title else None
    summary = tuple(outputs[1:] if part.title else outputs)
    return Translation(title, summary, model, revision, warnings)


def translate_texts(
    texts: Sequence[str], options: TranslationOptions | None = None
) -> dict[str, list[Translation]]:
    """Each text translated into every target: ``{lang: [Translation per text]}``.

    The translation of a text is its ``title``; a language that fails has ``error`` set on
    each of its records.
    """
    options = options or TranslationOptions()
    return translate_lines(options.translator(), texts, options.targets)


def translate_lines(
    translator: Translator, texts: Sequence[str], targets: Sequence[str]
) -> dict[str, list[Translation]]:
    """:func:`translate_texts` with a translator already built, so a stream of texts can be
    translated part by part with one translator."""
    parts = [TextParts(text) for text in texts]
    return {target: translate_parts(translator, parts, target) for target in targets}


TRANSLATE_CHUNK_LINES = 64
"""Lines of a stream handed to the translator at once: big enough to batch, small enough
that output follows input closely."""


@dataclass(frozen=True)
class TranslatedChunk:
    """One part of a stream of lines and its translations into every target.

    ``first`` is the number of its first line (from 1); ``failed`` names the languages that
    failed on every line of the first part (a missing or refused model) with their error:
    those are not asked again, and each of their records carries that error.
    """

    first: int
    lines: list[str]
    results: dict[str, list[Translation]]
    failed: Mapping[str, str | None]


def translate_stream(
    chunks: Iterable[Sequence[str]], translator: Translator, targets: Sequence[str]
) -> Iterator[TranslatedChunk]:
    """Translate a stream of lines part by part with one translator, in order; each line's
    whitespace is collapsed (one line in, one line out)."""
    failed: dict[str, str | None] = {}
    first = 1
    for chunk in chunks:
        lines = [" ".join(line.split()) for line in chunk]
        asked = translate_lines(translator, lines, [code for code in targets if code not in failed])
        if first == 1:
            failed = {code: parts[0].error for code, parts in asked.items()
                      if parts and all(part.error for part in parts)}
        results = {
            code: asked[code] if code in asked
            else [Translation.failed(str(failed[code])) for _ in lines]
            for code in targets
        }
        yield TranslatedChunk(first, lines, results, dict(failed))
        first += len(lines)
