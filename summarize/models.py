"""The summariser models we know about, as data: ``headline models`` lists them.

Any hub id or local directory works with ``--summarizer-model``; these entries only record
the defaults, their licences and their published quality so users can choose knowingly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SummarizerModel:
    """One known summariser checkpoint and what we know about it."""

    id: str
    role: str
    family: str
    licence: str
    size: str
    languages: tuple[str, ...]
    quality: str
    commercial_use: bool = True


# The languages of XL-Sum's BBC editions (ISO 639-1 where one exists); Armenian is not one.
XLSUM_LANGUAGES = (
    "am", "ar", "az", "bn", "cy", "en", "es", "fa", "fr", "gd", "gu", "ha", "hi", "id", "ig",
    "ja", "ko", "ky", "mr", "my", "ne", "om", "pa", "pcm", "ps", "pt", "rn", "ru", "si", "so",
    "sr", "sw", "ta", "te", "th", "ti", "tr", "uk", "ur", "uz", "vi", "yo", "zh",
)  # fmt: skip

DEFAULT_SUMMARIZER = SummarizerModel(
    id="sshleifer/distilbart-cnn-12-6",
    role="default",
    family="bart",
    licence="Apache-2.0",
    size="306M",
    languages=("en",),
    quality="CNN/DM test ROUGE-1/2/Lsum 44.24/21.27/41.21",
)

MULTILINGUAL_SUMMARIZER = SummarizerModel(
    id="csebuetnlp/mT5_multilingual_XLSum",
    role="multilingual",
    family="mt5",
    licence="CC-BY-NC-SA-4.0 (non-commercial)",
    size="580M",
    languages=XLSUM_LANGUAGES,
    quality="XL-Sum ROUGE-1/2: en 37.6/15.2, ru 32.2/13.6 (no Armenian in XL-Sum)",
    commercial_use=False,
)

SUMMARIZER_MODELS: tuple[SummarizerModel, ...] = (DEFAULT_SUMMARIZER, MULTILINGUAL_SUMMARIZER)


def summarizer_languages(model_id: str) -> tuple[str, ...]:
    """Languages a known model summarises; empty for a model we know nothing about."""
    for model in SUMMARIZER_MODELS:
        if model.id == model_id:
            return model.languages
    return ()
