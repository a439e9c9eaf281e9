"""The Translator interface and the profile-based translator behind ``headline translate``.

One model per target language, loaded on first use; source == target returns the input
unchanged; ``--translator LANG=ID_OR_DIR`` replaces a profile's model for one language. A text
longer than the model's input is translated in sentence-sized pieces and rejoined, never cut.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from seq2seq import (
    EngineOptions,
    LanguagePair,
    ModelSource,
    Seq2SeqEngine,
    resolve_model,
)
from seq2seq.segments import fit_segments
from translate.direction import check_direction
from translate.errors import TranslateError
from translate.profiles import check_profile, model_for

# Input tokens kept free for a family's language tag (MADLAD's ``<2ru>``).
_TAG_ROOM = 4


@dataclass(frozen=True)
class ModelRef:
    """The model behind a translation: hub id (or local path), revision, and ``settings``.

    ``settings`` names what else changes the output (backend, compute type, beam size,
    output length, source language), so a cache keyed by a ModelRef never serves a
    translation made otherwise.
    """

    id: str
    revision: str | None
    settings: str = ""


IDENTITY = ModelRef("identity", None)


@runtime_checkable
class Translator(Protocol):
    """Translate texts into one language, keeping order and count."""

    def translate(self, texts: Sequence[str], target: str) -> list[str]:
        """One translation per input text, in input order."""
        ...

    def model_ref(self, target: str) -> ModelRef:
        """The model used for ``target`` (``IDENTITY`` when no model is needed)."""
        ...


@dataclass(frozen=True)
class TranslatorOptions:
    """Profile, source language, per-language model overrides and engine settings."""

    profile: str = "default"
    source: str = "en"
    overrides: Mapping[str, str] = field(default_factory=dict)
    engine: EngineOptions = field(default_factory=EngineOptions)


def parse_overrides(values: Iterable[str]) -> dict[str, str]:
    """``["ru=./my-model"]`` -> ``{"ru": "./my-model"}``; a malformed value is named."""
    overrides: dict[str, str] = {}
    for value in values:
        language, separator, model = value.partition("=")
        if not separator or not language.strip() or not model.strip():
            raise TranslateError(f"--translator takes LANG=MODEL_ID_OR_DIR, got {value!r}")
        overrides[normalize_language(language)] = model.strip()
    return overrides


def normalize_language(code: str) -> str:
    """Lower-case ISO code without surrounding space; empty codes are refused."""
    language = code.strip().lower()
    if not language or not language.replace("-", "").replace("_", "").isalnum():
        raise TranslateError(f"not a language code: {code!r}")
    return language


class ProfileTranslator:
    """Translator over the profile registry: one lazily loaded engine per model."""

    def __init__(self, options: TranslatorOptions) -> None:
        check_profile(options.profile)
        self.options = options
        self.source = normalize_language(options.source)
        self._sources: dict[str, ModelSource] = {}
        self._engines: dict[str, Seq2SeqEngine] = {}
        self._loading = threading.Lock()  # feed workers share one translator

    def model_name(self, target: str) -> str:
        """The hub id or directory that translates into ``target``."""
        target = normalize_language(target)
        override = self.options.overrides.get(target)
        if override is not None:
            return override
        return model_for(self.options.profile, self.source, target).model_id

    def translate(self, texts: Sequence[str], target: str) -> list[str]:
        target = normalize_language(target)
        if target == self.source or not texts:
            return list(texts)
        engine = self._engine(target)
        limit = engine.max_input_tokens - _TAG_ROOM
        pieces = [fit_segments(text, engine.count_tokens, limit) for text in texts]
        flat = [piece for text_pieces in pieces for piece in text_pieces]
        translated = iter(engine.generate(flat, LanguagePair(self.source, target)))
        return [" ".join(next(translated) for _ in text_pieces) for text_pieces in pieces]

    def model_ref(self, target: str) -> ModelRef:
        target = normalize_language(target)
        if target == self.source:
            return IDENTITY
        source = self._model_source(target)
        settings = f"{self.options.engine.output_settings()}/from={self.source}"
        return ModelRef(source.model_id, source.revision, settings)

    def _model_source(self, target: str) -> ModelSource:
        name = self.model_name(target)
        if name not in self._sources:
            source = resolve_model(name, offline=self.options.engine.is_offline())
            check_direction(source.model_id, source.path, self.source, target)
            self._sources[name] = source
        return self._sources[name]

    def _engine(self, target: str) -> Seq2SeqEngine:
        from seq2seq import load_from_source

        with self._loading:
            source = self._model_source(target)
            key = str(source.path)
            if key not in self._engines:
                self._engines[key] = load_from_source(source, self.options.engine)
            return self._engines[key]


def build_translator(options: TranslatorOptions | None = None) -> Translator:
    """The profile-based multi-language translator (models load on first use)."""
    return ProfileTranslator(options or TranslatorOptions())
