"""The extraction scorer: numbers pinned on fixed inputs, and the metrics' invariants."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eval.extraction import (
    PageScore,
    as_text_dump,
    as_text_nodes,
    bag_of_words_f1,
    hard_wrapped,
    load_jsonl_pages,
    mean_bag_of_words_f1,
    shingle_corpus_score,
    shingle_score,
    shingles,
    tokens,
)


def test_tokens_are_lowercase_unicode_words() -> None:
    assert tokens("The Cat, the cat! Кот 猫 Ара-րատ") == [
        "the",
        "cat",
        "the",
        "cat",
        "кот",
        "猫",
        "ара",
        "րատ",
    ]


@pytest.mark.parametrize(
    ("reference", "prediction", "expected"),
    [
        ("a b c d", "a b c d", 1.0),
        ("a b c d", "a b", 2 * 1.0 * 0.5 / 1.5),  # precision 1, recall 1/2
        ("a a b", "a x", 2 * 0.5 * (1 / 3) / (0.5 + 1 / 3)),  # repeats count once each
        ("a b", "", 0.0),
        ("a b", "x y", 0.0),
        ("", "", 1.0),  # a page without main content is right to give nothing
        ("", "menu", 0.0),
        ("Hello World", "hello, world.", 1.0),
    ],
)
def test_bag_of_words_f1_pinned(reference: str, prediction: str, expected: float) -> None:
    assert bag_of_words_f1(reference, prediction) == pytest.approx(expected)


def test_mean_is_over_pages() -> None:
    assert mean_bag_of_words_f1([("a b", "a b"), ("a b", ""), ("", "")]) == pytest.approx(2 / 3)
    assert mean_bag_of_words_f1([]) == 0.0


def test_shingles_count_repeats_and_keep_short_texts() -> None:
    assert shingles("a b c d e") == {"a b c d": 1, "b c d e": 1}
    assert shingles("x y x y x y x") == {"x y x y": 2, "y x y x": 2}
    assert shingles("one two") == {"one two": 1}
    assert shingles("") == {}


def test_shingle_score_pinned() -> None:
    score = shingle_score("a b c d e f", "a b c d e x")  # 2 of 3 shingles right each way
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(2 / 3)
    assert shingle_score("a b c d", "") == PageScore(precision=None, recall=0.0)


def test_shingle_corpus_averages_precision_over_pages_with_text_only() -> None:
    corpus = shingle_corpus_score([PageScore(1.0, 1.0), PageScore(None, 0.0), PageScore(0.5, 0.5)])
    assert corpus.precision == pytest.approx(0.75)
    assert corpus.recall == pytest.approx(0.5)
    assert corpus.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)
    assert corpus.pages == 3


def test_jsonl_pages_read_with_an_empty_reference_and_a_title_apart(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl.gz"
    rows = [
        {"id": 1, "url": None, "html": "<p>x</p>", "gold": None},
        {"id": "b", "url": "https://e.com", "html": "<p>y</p>", "gold": "y"},
        {"id": "c", "url": None, "html": "<p>z</p>", "gold": "z", "title": "Apart"},
    ]
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.writelines(json.dumps(row) + "\n" for row in rows)
    pages = load_jsonl_pages(path)
    assert [(page.page_id, page.url, page.reference) for page in pages] == [
        ("1", None, ""),
        ("b", "https://e.com", "y"),
        ("c", None, "z"),
    ]
    assert pages[1].scored_text("Title", "Body") == "Title\nBody"
    assert pages[1].scored_text(None, "Body") == "Body"
    # a headline annotated apart from the reference is not scored against it
    assert pages[2].scored_text("Title", "Body") == "Body"


@given(st.text(), st.text())
def test_scores_lie_in_the_unit_interval(reference: str, prediction: str) -> None:
    assert 0.0 <= bag_of_words_f1(reference, prediction) <= 1.0
    score = shingle_score(reference, prediction)
    assert 0.0 <= score.recall <= 1.0
    assert score.precision is None or 0.0 <= score.precision <= 1.0


@given(st.text())
def test_identical_text_scores_one(text: str) -> None:
    assert bag_of_words_f1(text, text) == 1.0
    assert shingle_score(text, text).recall == 1.0


def test_text_dump_drops_control_characters() -> None:
    assert as_text_dump("<p>a\x00b\x01c</p><p>next</p>") == "abc\n\nnext"


def test_hard_wrapping_cuts_lines_at_the_column_and_keeps_blank_lines() -> None:
    paragraph = " ".join(["word"] * 40)
    wrapped = hard_wrapped(f"{paragraph}\n\nMenu", width=30).split("\n")
    assert max(len(line) for line in wrapped) <= 30
    assert " ".join(wrapped[: wrapped.index("")]) == paragraph
    assert wrapped[-2:] == ["", "Menu"]


def test_text_nodes_put_each_link_on_its_own_line_and_leave_out_code() -> None:
    html = "<body><p>Said <a href='/j'>Jane</a>, the mayor.</p><script>var a = 1;</script></body>"
    assert as_text_nodes(html) == "Said\nJane\n, the mayor."
    assert as_text_nodes("") == ""
