"""Paragraphs that are a control's label ("Share this article", "Print | E-mail", "Back to top").

An extractor keeps the text of a share bar, a comment counter or an advert's tag when it sits
inside the article's block; such a paragraph has no word a story would use outside a button.
It is recognised by being short and made only of those words, at least one of them a
control's verb or a network's name ("Tweet", "Comments (3)", "Read more »"): a line that
names anyone or anything ("Follow Jane on Twitter", "Photo: AP") is left alone, and so is a
lone function word ("or", "the"), which is a sentence split by inline markup.
"""

from __future__ import annotations

import re

_MAX_LABEL_WORDS = 8
_TOKEN = re.compile(r"[\w.'-]+")
_CONTROL_WORD_LIST = """
share shares print printer email e-mail mail reprint reprints subscribe advertisement advert
sponsored read reply comment comments tweet facebook twitter whatsapp linkedin pinterest
reddit digg del.icio.us delicious furl sms bookmark permalink follow back more pin
"""
_CONTROL_WORDS = frozenset(_CONTROL_WORD_LIST.split())
_LINKING_WORD_LIST = """
this article story page post on via friendly version send to a friend news the and or us it
like top link save copy google ad ads
"""
_LABEL_WORDS = _CONTROL_WORDS | frozenset(_LINKING_WORD_LIST.split())


def is_control_label(paragraph: str) -> bool:
    """Whether ``paragraph`` is the label of a button, counter or advert slot, not text."""
    words = [token.lower().strip(".") for token in _TOKEN.findall(paragraph)]
    words = [word for word in words if word and not word.isdigit()]  # "Comments (3)"
    if not 0 < len(words) <= _MAX_LABEL_WORDS:
        return False
    return _LABEL_WORDS.issuperset(words) and not _CONTROL_WORDS.isdisjoint(words)
