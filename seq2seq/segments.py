"""Cut a text too long for a model's input into pieces that fit, at sentence ends first.

Translation models read at most a few hundred tokens; a longer text is translated piece by
piece and rejoined rather than cut off. Pieces break after sentence-ending punctuation
(including the Armenian full stop U+0589), then between words, and a single word longer than
the limit is split by characters, so every character of the input lands in some piece.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_SENTENCE_END = re.compile(r"(?<=[.!?…։。])\s+")


def fit_segments(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """``[text]`` when it fits in ``limit`` tokens, else consecutive pieces that each fit."""
    if count_tokens(text) <= limit:
        return [text]
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        if count_tokens(sentence) <= limit:
            pieces.append(sentence)
        else:
            pieces.extend(_split_words(sentence, count_tokens, limit))
    return _pack(pieces, count_tokens, limit)


def _split_words(sentence: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    pieces: list[str] = []
    for word in sentence.split():
        if count_tokens(word) <= limit:
            pieces.append(word)
            continue
        size = max(1, len(word) * limit // (2 * count_tokens(word)))
        pieces.extend(word[start : start + size] for start in range(0, len(word), size))
    return _pack(pieces, count_tokens, limit)


def _pack(pieces: list[str], count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """Join neighbouring pieces with spaces while the result still fits."""
    packed: list[str] = []
    for piece in pieces:
        if packed and count_tokens(f"{packed[-1]} {piece}") <= limit:
            packed[-1] = f"{packed[-1]} {piece}"
        else:
            packed.append(piece)
    return packed
