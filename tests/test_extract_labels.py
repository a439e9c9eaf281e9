"""Control labels (share bars, counters, advert slots) are told from short lines of text."""

from __future__ import annotations

import pytest

from summarize.extract.labels import is_control_label


@pytest.mark.parametrize(
    "paragraph",
    [
        "Share this article",
        "Share |",
        "Tweet",
        "Comments (3)",
        "1 comment",
        "Print | E-mail",
        "Digg | Facebook | E-mail | Print",
        "Email this story to a friend",
        "Back to top",
        "[Reply] [Top]",
        "Read more »",
        "Advertisement",
        "Share this on WhatsApp",
    ],
)
def test_a_line_of_control_words_is_a_label(paragraph: str) -> None:
    assert is_control_label(paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Follow Jane Doe on Twitter",  # names someone: a credit line, not a button
        "Photo: Damian Dovarganes, AP",
        "or",  # a lone function word is a sentence split by inline markup
        "the",
        "Top",  # a heading as often as a link
        "Like this:",
        "Read more about the budget in our explainer on the council's website today.",
        "",
        "2026",
    ],
)
def test_text_and_lone_function_words_are_not_labels(paragraph: str) -> None:
    assert not is_control_label(paragraph)


def test_a_long_line_of_control_words_is_text() -> None:
    assert not is_control_label(" ".join(["share"] * 9))
