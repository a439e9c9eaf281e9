"""A counting fake Translator for feed, cache and store tests that need no model."""

from __future__ import annotations

from collections.abc import Sequence

from translate.errors import TranslateError
from translate.translator import ModelRef


class FakeTranslator:
    """Deterministic "translation" (``[ru] text``); remembers every text it was asked for.

    Texts containing ``refuse`` raise TranslateError, like a model refusing one input.
    """

    def __init__(self, languages: Sequence[str] = ("ru", "hy"), revision: str = "r1") -> None:
        self.languages = tuple(languages)
        self.revision = revision
        self.calls: list[tuple[str, list[str]]] = []

    def model_ref(self, target: str) -> ModelRef:
        return ModelRef(id=f"fake-en-{target}", revision=self.revision)

    def translate(self, texts: Sequence[str], target: str) -> list[str]:
        if target not in self.languages:
            raise TranslateError(f"no model for language {target!r}")
        if any("refuse" in text for text in texts):
            raise TranslateError("the model refused this input")
        self.calls.append((target, list(texts)))
        return [f"[{target}] {text}" for text in texts]

    @property
    def texts_seen(self) -> list[str]:
        return [text for _, texts in self.calls for text in texts]
