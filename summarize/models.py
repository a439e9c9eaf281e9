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
    languages=("en", "ru", "hy"),
    quality="XL-Sum ROUGE-1/2: en 37.6/15.2, ru 32.2/13.6",
    commercial_use=False,
)

SUMMARIZER_MODELS: tuple[SummarizerModel, ...] = (DEFAULT_SUMMARIZER, MULTILINGUAL_SUMMARIZER)
