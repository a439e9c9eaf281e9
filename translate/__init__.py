"""Translation of headlines and summaries: profiles, the translator, the cache, number checks."""

from seq2seq import EngineOptions
from translate.errors import TranslateError
from translate.translator import (
    ModelRef,
    Translator,
    TranslatorOptions,
    build_translator,
)

__all__ = [
    "EngineOptions",
    "ModelRef",
    "TranslateError",
    "Translator",
    "TranslatorOptions",
    "build_translator",
]
