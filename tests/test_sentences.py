"""Sentence splitting in English, Russian and Armenian; splits always rejoin to the input."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.sentences import (
    detokenize_article,
    guess_script_language,
    letter_scripts,
    sentence_spans,
    split_sentences,
)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "en",
            "Dr. Smith met J. K. Rowling in the U.S. on Monday. It cost $3.5 million.",
            ["Dr. Smith met J. K. Rowling in the U.S. on Monday.", "It cost $3.5 million."],
        ),
        (
            "en",
            'Mr. Lee said "We were off beat." Then he left! Did it work? Yes.',
            ['Mr. Lee said "We were off beat."', "Then he left!", "Did it work?", "Yes."],
        ),
        ("en", "The meeting began at 10:30 a.m. sharp. It ended.", None),
        (
            "en",
            "“It’s hard, isn’t it?” Mr. Lee said at one point. “No, no!” Ms. Takaichi replied. "
            "“Why?” he asked. “You did it well!” The performance was designed to show warmth.",
            [
                "“It’s hard, isn’t it?” Mr. Lee said at one point.",
                "“No, no!” Ms. Takaichi replied.",
                "“Why?” he asked.",
                "“You did it well!”",
                "The performance was designed to show warmth.",
            ],
        ),
        (
            "ru",
            "Т. е. это пример. Он пришёл в 10:30. «Привет!» — сказал он. Курс 3,5 руб.",
            ["Т. е. это пример.", "Он пришёл в 10:30.", "«Привет!» — сказал он.", "Курс 3,5 руб."],
        ),
        (
            "ru",
            "А. С. Пушкин родился в Москве. Это было давно.",
            ["А. С. Пушкин родился в Москве.", "Это было давно."],
        ),
        (
            "hy",
            "Ժամը 10:30-ին նա եկավ։ Հետո գնաց։ Նա ասաց «Բարև»։ Վերջ",
            ["Ժամը 10:30-ին նա եկավ։", "Հետո գնաց։", "Նա ասաց «Բարև»։", "Վերջ"],
        ),
        ("hy", "Գինը 3.5 դրամ է։ Ժամը 18:45 է։", ["Գինը 3.5 դրամ է։", "Ժամը 18:45 է։"]),
    ],
)
def test_known_splits(language: str, text: str, expected: list[str] | None) -> None:
    sentences = split_sentences(text, language)
    if expected is None:
        assert len(sentences) == 2 and "10:30 a.m." in sentences[0]
    else:
        assert sentences == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "(CNN) One of the biggest TV events is being remade. It airs in 2016.",
            ["(CNN) One of the biggest TV events is being remade.", "It airs in 2016."],
        ),
        (
            "LONDON, England (Reuters) -- Prices rose sharply on Monday. Traders were surprised.",
            [
                "LONDON, England (Reuters) -- Prices rose sharply on Monday.",
                "Traders were surprised.",
            ],
        ),
        (
            "Police said the toilets were for sitting on. '",
            ["Police said the toilets were for sitting on. '"],
        ),
        (
            "He said: 'We won the cup. It was hard.' Then he left.",
            ["He said: 'We won the cup.", "It was hard.'", "Then he left."],
        ),
        (
            "Ogane said: 'Chelsea sent us an offer for Muto. 'It is a formal offer.' He left.",
            [
                "Ogane said: 'Chelsea sent us an offer for Muto.",
                "'It is a formal offer.'",
                "He left.",
            ],
        ),
        (
            'He said: "We beat Chelsea vs. Arsenal. I was there." Then he left.',
            ['He said: "We beat Chelsea vs. Arsenal.', 'I was there."', "Then he left."],
        ),
        (
            "Two guests were found dead at 11:30 a.m. Thursday. The cabin was sealed.",
            ["Two guests were found dead at 11:30 a.m. Thursday.", "The cabin was sealed."],
        ),
    ],
)
def test_fragments_join_a_sentence_and_quoted_sentences_split(
    text: str, expected: list[str]
) -> None:
    assert split_sentences(text, "en") == expected
    assert_rejoins(text, "en")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        (
            "Merson said : ' I 'm genuinely pleased . ' Fans ' club did n't go .",
            "Merson said: 'I'm genuinely pleased.' Fans' club didn't go.",
        ),
        (
            "`` Roots , '' the series -lrb- 1977 -rrb- cost $ 5 million , or 5 % more .",
            '"Roots," the series (1977) cost $5 million, or 5% more.',
        ),
        (
            "The Queen ’ s guard doesn ’ t say : ‘ Mind that locker . ’ Then he left .",
            "The Queen’s guard doesn’t say: ‘Mind that locker.’ Then he left.",
        ),
        (
            "'It 's a goal , ' he said . 'When I 'm wrong , I say so . ' Then Dennis ' mark fell .",
            "'It's a goal,' he said. 'When I'm wrong, I say so.' Then Dennis' mark fell.",
        ),
        (
            "By . Daily Mail Reporter . PUBLISHED : . 12:01 EST , 3 March 2013 . | . UPDATED : . "
            "12:03 EST , 3 March 2013 . ( CNN ) Prices rose .",
            "By. Daily Mail Reporter. PUBLISHED: 12:01 EST, 3 March 2013. | UPDATED: "
            "12:03 EST, 3 March 2013. (CNN) Prices rose.",
        ),
        ("Already clean text, isn't it? Yes.", "Already clean text, isn't it? Yes."),
        ("", ""),
    ],
)
def test_detokenize_article_restores_running_text(raw: str, clean: str) -> None:
    assert detokenize_article(raw) == clean


PTB_TOKENS = st.sampled_from(
    [
        *["word", "Name", "I", "'s", "n't", "'m", "'", "'Quote", "``", "''", ".", ",", ":"],
        *["(", ")", "$", "%", "|", "‘", "’", "-lrb-", "-rrb-", "3.5", "ж", "։"],
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(PTB_TOKENS, max_size=40))
def test_detokenize_article_keeps_every_word(tokens: list[str]) -> None:
    text = " ".join(tokens)
    clean = detokenize_article(text)
    words = re.sub(r"-[lr]rb-", "", text, flags=re.IGNORECASE)
    assert re.sub(r"\W", "", clean) == re.sub(r"\W", "", words)
    assert not re.search(r"\s[.,:;%)]", clean)


def test_paragraph_break_always_ends_a_sentence() -> None:
    text = "A heading without a stop\n\nThe body starts here. It goes on."
    assert split_sentences(text, "en") == [
        "A heading without a stop",
        "The body starts here.",
        "It goes on.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Он пришёл домой. Всё хорошо.", "ru"),
        ("Նա եկավ տուն։ Ամեն ինչ լավ է։", "hy"),
        ("He came home. All is well.", "en"),
        ("", "en"),
        ("🙂 123 !!!", "en"),
    ],
)
def test_script_guess_picks_rules_when_language_is_unknown(text: str, expected: str) -> None:
    assert guess_script_language(text) == expected


MIXED_SCRIPTS = "aZ9 .,é\u0416\u0436\u0531\u0561\u4e2d\u3042\u30a2\u00aa\u02b0"


@given(st.text(alphabet=MIXED_SCRIPTS, max_size=60))
def test_letter_scripts_counts_each_letter_by_its_unicode_name(text: str) -> None:
    """Counted per distinct character, and ASCII text without a lookup: the same counts as
    naming every letter; kana counted with the kanji."""
    names = [unicodedata.name(char).split(" ", 1)[0] for char in text if char.isalpha()]
    expected = Counter({"HIRAGANA": "CJK", "KATAKANA": "CJK"}.get(name, name) for name in names)
    assert letter_scripts(text) == expected
    assert list(letter_scripts(text)) == list(expected)  # the first script seen comes first


def test_unknown_language_code_uses_default_rules() -> None:
    assert split_sentences("One here. Two there.", "xx") == ["One here.", "Two there."]
    assert split_sentences("One here. Two there.", "en-US") == ["One here.", "Two there."]


@pytest.mark.parametrize("text", ["", " ", "\n\n\t", "\u3000\n"])
@pytest.mark.parametrize("language", ["en", "ru", "hy"])
def test_blank_input_gives_no_sentences(text: str, language: str) -> None:
    assert split_sentences(text, language) == []


@pytest.mark.parametrize(
    "text",
    [
        "Great news 🎉🎉. The team won 🙂! Fans cheered.",
        "שלום עולם. זה משפט שני. مرحبا بالعالم. هذه جملة ثانية.",
        "Control\x00 chars\x07 here. And\x1b[31m escape codes. Done.",
        "word",
    ],
)
@pytest.mark.parametrize("language", ["en", "ru", "hy", None])
def test_hostile_text_splits_and_rejoins(text: str, language: str | None) -> None:
    assert_rejoins(text, language)


def test_long_article_is_split_quickly_enough_to_finish() -> None:
    sentence = "Officials said on Monday that the plan, e.g. Mr. Brown's, costs 3.5 percent more."
    text = " ".join([sentence] * 1500)  # about 20,000 words in one paragraph
    sentences = split_sentences(text, "en")
    assert sentences == [sentence] * 1500


def assert_rejoins(text: str, language: str | None) -> None:
    """Sentences are stripped, non-empty, in order, and only whitespace lies between them."""
    spans = sentence_spans(text, language)
    cursor = 0
    for start, end in spans:
        assert cursor <= start < end <= len(text)
        assert text[cursor:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        cursor = end
    assert text[cursor:].strip() == ""
    assert split_sentences(text, language, tokenized=False) == [text[a:b] for a, b in spans]
    assert re.sub(r"\s+", "", "".join(text[a:b] for a, b in spans)) == re.sub(r"\s+", "", text)


SENTENCE_ALPHABET = st.sampled_from(
    [
        *"abc XYZ.!?:;,'\"«»—-0123456789\n\t ",
        "Mr.",
        "U.S.",
        "10:30",
        "3.5",
        "։",
        "Դ",
        "ж",
        "🙂",
        "\u200f",
        "\x00",
        " . ",
    ],
)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(SENTENCE_ALPHABET, max_size=60).map("".join), st.sampled_from(["en", "ru", "hy", None])
)
def test_splitters_never_raise_and_always_rejoin(text: str, language: str | None) -> None:
    assert_rejoins(text, language)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["en", "ru", "hy", None]))
def test_any_unicode_text_rejoins(text: str, language: str | None) -> None:
    assert_rejoins(text, language)
