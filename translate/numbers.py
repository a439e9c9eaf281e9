"""Numbers, dates and amounts in a source text must survive translation.

A number is a run of digits with single separators inside (``1,200.50``, ``1 200,50``,
``12.05.2024``, ``10:30``); it is compared by its digits alone, so the thousands and decimal
conventions of Russian and English agree. A source number whose digits are missing from the
translation becomes a warning: shown to the reader, never silently dropped.
"""

from __future__ import annotations

import re
from collections import Counter

_NUMBER = re.compile(r"\d+(?:[.,:/'\u00a0\u202f\u2009 ]\d+)*")


def numbers_in(text: str) -> list[str]:
    """The numbers of ``text`` as written, in order."""
    return [match.group().strip() for match in _NUMBER.finditer(text)]


def digits_of(number: str) -> str:
    """``"1,200.50"`` and ``"1 200,50"`` both give ``"120050"``."""
    return "".join(character for character in number if character.isdigit())


def number_warnings(source: str, translation: str) -> list[str]:
    """One warning per source number whose digits the translation lacks.

    Numbers are matched one to one; a source number left over may still be found inside a
    translation number left over (``May 12, 2024`` -> ``12.05.2024``), each digit used once.
    """
    unmatched = Counter(digits_of(number) for number in numbers_in(translation))
    leftovers = []
    for number in numbers_in(source):
        digits = digits_of(number)
        if unmatched[digits] > 0:
            unmatched[digits] -= 1
        else:
            leftovers.append(number)
    spare = " ".join(unmatched.elements())
    warnings = []
    for number in leftovers:
        digits = digits_of(number)
        if digits in spare:
            spare = spare.replace(digits, " ", 1)
        else:
            warnings.append(f"number {number!r} of the source is missing from the translation")
    return warnings
