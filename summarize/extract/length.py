"""How long a text is, counted the way its script is written.

Chinese and Japanese are written without spaces, so ``\\w+`` finds one "word" per clause
and a whole article can look like ten words. Han, Hiragana and Katakana characters are
counted instead, two to a word (a common average for Chinese words); other scripts count
their words (runs of word characters with a letter in them).
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u31f0-\u31ff]")
_WORD = re.compile(r"\w*[^\W\d_]\w*")  # a word has a letter: "0:0{0" is no text
CJK_CHARS_PER_WORD = 2


def word_count(text: str) -> int:
    """Words in ``text``: runs of word characters with a letter outside CJK, CJK characters
    two to a word."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return len(_WORD.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + -(-cjk // CJK_CHARS_PER_WORD)


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds Han, Hiragana or Katakana, whose words :func:`word_count` counts
    by characters."""
    return _CJK.search(text) is not None
