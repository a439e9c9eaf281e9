"""Offline language identification with py3langid (a maintained fork of langid.py).

The model (a few MB) is loaded on first use, not at import, and kept for the process.
"""

from __future__ import annotations

from functools import cache
from typing import Any

_MIN_CONFIDENCE = 0.5
_SAMPLE_CHARS = 2000  # the opening of an article names its language; the cost grows with it


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when unsure or there is no text."""
    sample = text[:_SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return None
    language, confidence = _identifier().classify(sample)
    return str(language) if confidence >= _MIN_CONFIDENCE else None
