"""Translation of headlines and summaries: model families, backends, batching, cache, feeds."""

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
