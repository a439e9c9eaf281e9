"""Lead and textrank: summary sentences are body sentences, in order, in any language."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import Article, SummarizerError
from summarize.sentences import split_sentences
from summarize.summarizers import (
    SUMMARIZERS,
    TextRankOptions,
    TextRankSummarizer,
    get_summarizer,
    summarize_article,
)

ENGLISH = [
    "The city council approved a new budget for public transport on Tuesday evening.",
    "The budget adds forty new buses and extends night service on six routes.",
    "Council members argued for hours about the cost of the transport plan.",
    "Some residents said the buses would cut traffic in the crowded centre.",
    "The weather on Tuesday was mild, with light rain in the afternoon.",
    "The transport plan will be reviewed again next spring by the council.",
]
RUSSIAN = [
    "Городской совет во вторник утвердил новый бюджет общественного транспорта.",
    "Бюджет добавляет сорок новых автобусов и продлевает ночные рейсы на шести маршрутах.",
    "Депутаты несколько часов спорили о стоимости транспортного плана.",
    "Жители говорят, что новые автобусы разгрузят центр города от пробок.",
    "Погода во вторник была мягкой, после обеда шёл небольшой дождь.",
]
ARMENIAN = [
    "Քաղաքային խորհուրդը երեքշաբթի հաստատեց հասարակական տրանսպորտի նոր բյուջեն։",
    "Բյուջեն ավելացնում է քառասուն նոր ավտոբուս և երկարացնում գիշերային երթուղիները։",
    "Խորհրդի անդամները ժամերով վիճում էին տրանսպորտային ծրագրի արժեքի մասին։",
    "Բնակիչներն ասում են, որ նոր ավտոբուսները կթեթևացնեն կենտրոնի խցանումները։",
    "Երեքշաբթի օրը եղանակը մեղմ էր, կեսօրից հետո թեթև անձրև էր գալիս։",
]


def article(sentences: list[str], language: str | None, title: str | None = None) -> Article:
    half = len(sentences) // 2
    paragraphs = [" ".join(sentences[:half]), " ".join(sentences[half:])]
    return Article(title=title, paragraphs=[p for p in paragraphs if p], language=language)


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
@pytest.mark.parametrize(
    ("sentences", "language"),
    [(ENGLISH, "en"), (RUSSIAN, "ru"), (ARMENIAN, "hy"), (RUSSIAN, None), (ARMENIAN, None)],
)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_summary_is_body_sentences_in_article_order(
    method: str, sentences: list[str], language: str | None, count: int
) -> None:
    summary = summarize_article(article(sentences, language), method, count)
    assert len(summary) == count
    positions = [sentences.index(sentence) for sentence in summary]
    assert positions == sorted(positions)


def test_lead_takes_the_first_sentences() -> None:
    assert summarize_article(article(ENGLISH, "en"), "lead", 2) == ENGLISH[:2]


def test_textrank_skips_off_topic_sentences_and_keeps_the_lead() -> None:
    summary = summarize_article(article(ENGLISH, "en", title="Council approves bus budget"))
    assert summary[0] == ENGLISH[0]
    assert ENGLISH[4] not in summary  # the weather sentence shares nothing with the story


def test_textrank_never_repeats_itself() -> None:
    doubled = [ENGLISH[0], ENGLISH[0].replace("Tuesday", "Tuesday night"), *ENGLISH[1:]]
    summary = summarize_article(article(doubled, "en"), "textrank", 2)
    assert not {doubled[0], doubled[1]} <= set(summary)


def test_a_title_raises_the_rank_of_the_sentence_it_echoes() -> None:
    # A milder position prior than the default, so that in six sentences a title can move one.
    ranker = TextRankSummarizer(TextRankOptions(position_power=1.0))
    untitled = ranker.rank(ENGLISH, None, len(ENGLISH))
    titled = ranker.rank(ENGLISH, "Residents: buses cut traffic in crowded centre", len(ENGLISH))
    assert titled.index(3) < untitled.index(3)


def test_short_fragments_are_not_picked_when_enough_full_sentences_exist() -> None:
    with_byline = ["By Staff Reporter.", "(CNN)", *ENGLISH]
    summary = summarize_article(Article(title=None, paragraphs=with_byline, language="en"))
    assert "By Staff Reporter." not in summary and "(CNN)" not in summary


@pytest.mark.parametrize(
    "boilerplate",
    [
        "PUBLISHED: 12:01 EST, 3 March 2013 | UPDATED: 12:03 EST, 3 March 2013.",
        "Scroll Down For Video Of The Council Meeting On The New Transport Budget.",
    ],
)
def test_boilerplate_is_not_picked(boilerplate: str) -> None:
    body = Article(title=None, paragraphs=[boilerplate, " ".join(ENGLISH)], language="en")
    summary = summarize_article(body, "textrank", 3)
    assert boilerplate not in summary and summary[0] == ENGLISH[0]


@pytest.mark.parametrize("dateline", ["(CNN)", "LONDON, England (Reuters) --"])
def test_a_dateline_stays_with_the_lead_sentence(dateline: str) -> None:
    body = Article(title=None, paragraphs=[f"{dateline} {' '.join(ENGLISH)}"], language="en")
    assert summarize_article(body, "textrank", 2)[0] == f"{dateline} {ENGLISH[0]}"


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Word"],
        ["🙂🙂🙂"],
        ["Short one. Short two."],
        ["Great news 🎉. The team won 🙂! Fans cheered in the square tonight."],
        ["שלום עולם. זה משפט שני ארוך יותר. مرحبا بالعالم. هذه جملة ثانية."],
        ["Control\x00 chars\x07 here. And\x1b[31m escape codes. Done now."],
    ],
)
def test_tiny_and_odd_articles(method: str, paragraphs: list[str]) -> None:
    body = Article(title=None, paragraphs=paragraphs, language=None)
    summary = summarize_article(body, method, 3)
    expected = [s for p in paragraphs for s in split_sentences(p, None)]
    assert set(summary) <= set(expected)
    assert len(summary) == min(3, len(expected))


def test_twenty_thousand_word_article() -> None:
    paragraphs = [
        f"Paragraph {i} reports that the council met again. "
        f"Item {i} on the agenda concerned buses, trams and {i} new bike lanes in the city. "
        "Residents spoke for and against the plan at length during the long evening session."
        for i in range(600)
    ]
    body = Article(title="Council plan", paragraphs=paragraphs, language="en")
    assert sum(len(p.split()) for p in paragraphs) > 20_000
    summary = summarize_article(body, "textrank", 3)
    assert len(summary) == 3 and all(any(s in p for p in paragraphs) for s in summary)


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
def test_a_huge_article_is_summarised_from_its_beginning(method: str) -> None:
    paragraphs = [
        f"Story paragraph number {i} tells what the council decided." for i in range(50_000)
    ]
    summary = summarize_article(Article(title=None, paragraphs=paragraphs), method, 3)
    assert len(summary) == 3 and all(s in paragraphs[:400] for s in summary)


def test_deterministic() -> None:
    body = article(ENGLISH, "en", title="Bus budget")
    assert summarize_article(body) == summarize_article(body)


def test_accepts_a_summarizer_instance() -> None:
    lead_like = TextRankSummarizer(TextRankOptions(position_power=50.0, redundancy=0.0))
    assert summarize_article(article(ENGLISH, "en"), lead_like, 2) == ENGLISH[:2]


def test_unknown_method_names_the_known_ones() -> None:
    with pytest.raises(SummarizerError, match=r"'bogus'.*lead, textrank"):
        get_summarizer("bogus")


@pytest.mark.parametrize("method", sorted(SUMMARIZERS))
@pytest.mark.parametrize("count", [0, -2])
def test_sentence_count_below_one_is_refused(method: str, count: int) -> None:
    with pytest.raises(SummarizerError, match="1 or more"):
        summarize_article(article(ENGLISH, "en"), method, count)


@pytest.mark.parametrize(
    "options",
    [
        {"damping": 1.0},
        {"redundancy": 1.5},
        {"max_capitalised_share": 1.2},
        {"min_words": -1},
        {"prefix_letters": 0},
        {"max_candidates": 0},
    ],
)
def test_bad_options_are_refused(options: dict[str, float]) -> None:
    with pytest.raises(SummarizerError):
        TextRankOptions(**options)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(ENGLISH + RUSSIAN + ARMENIAN + ["Ok.", "🙂", ""]), max_size=12),
    st.integers(min_value=1, max_value=5),
)
def test_textrank_summary_is_a_subsequence_of_the_body(chosen: list[str], count: int) -> None:
    body = Article(title="Bus budget", paragraphs=[" ".join(chosen)], language=None)
    candidates = split_sentences(body.text, None)
    summary = summarize_article(body, "textrank", count)
    assert len(summary) == min(count, len(candidates))
    remaining = iter(candidates)
    assert all(sentence in remaining for sentence in summary)  # a subsequence: order kept
