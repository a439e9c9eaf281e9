"""Our metrics give the reference tools' own numbers, and ROUGE reads every script."""

from __future__ import annotations

import pytest
import sacrebleu
from hypothesis import given, settings
from hypothesis import strategies as st
from rouge_score import rouge_scorer

from eval.metrics import BleuMetric, ChrfMetric, RougeMetric

PREDICTIONS = [
    "The cats were sitting on the mats.\nThey looked happy.",
    "Police arrested two men after the robbery on Friday.",
    "Markets fell sharply in early trading",
]
REFERENCES = [
    ["A cat sat on the mat.\nIt was happy."],
    ["Two men were arrested by police after Friday's robbery.", "Police held two men."],
    ["Stock markets dropped in early trade on Monday."],
]


def test_rouge_equals_rouge_score_with_stemming() -> None:
    metric = RougeMetric("en")
    scores = metric.score(metric.example_stats(PREDICTIONS, REFERENCES))
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL", "rougeLsum"], use_stemmer=True)
    pairs = zip(PREDICTIONS, REFERENCES, strict=True)
    expected = [scorer.score_multi(refs, pred) for pred, refs in pairs]
    for rouge in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        for part, key in (("fmeasure", rouge), ("precision", f"{rouge}_precision"),
                          ("recall", f"{rouge}_recall")):
            mean = 100 * sum(getattr(e[rouge], part) for e in expected) / len(expected)
            assert scores[key] == pytest.approx(mean, abs=1e-6)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("hy", "Ուելսյան Ասամբլեայի անդամները անհանգստացած էին, որ կդիտվեն որպես «խամաճիկներ»։"),
        ("ru", "Депутаты Уэльса обеспокоены тем, что будут «выглядеть как марионетки»."),
    ],
)
def test_identical_non_latin_text_scores_one(language: str, text: str) -> None:
    metric = RougeMetric(language)
    scores = metric.score(metric.example_stats([text], [[text]]))
    for rouge in ("rouge1", "rouge2", "rougeL", "rougeLsum"):
        assert scores[rouge] == pytest.approx(100.0)
    default = rouge_scorer.RougeScorer(["rouge1"]).score(text, text)["rouge1"].fmeasure
    assert default == 0.0  # the trap our tokenizer avoids


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(alphabet="աբգдежabc ", min_size=1, max_size=30), min_size=1, max_size=4))
def test_rouge_scores_stay_in_range_and_self_is_perfect(texts: list[str]) -> None:
    metric = RougeMetric("hy")
    shifted = texts[1:] + texts[:1]
    scores = metric.score(metric.example_stats(texts, [[t] for t in shifted]))
    assert all(0.0 <= value <= 100.0 + 1e-9 for value in scores.values())
    worded = [t for t in texts if t.strip()]
    if worded:
        own = metric.score(metric.example_stats(worded, [[t] for t in worded]))
        assert own["rouge1"] == pytest.approx(100.0)


def _reference_streams() -> list[list[str | None]]:
    return [[refs[0] for refs in REFERENCES], [refs[1] if len(refs) > 1 else None
                                               for refs in REFERENCES]]


@pytest.mark.parametrize(
    ("metric", "tool"),
    [
        (BleuMetric(), sacrebleu.BLEU()),
        (BleuMetric("intl"), sacrebleu.BLEU(tokenize="intl")),
        (ChrfMetric(0), sacrebleu.CHRF()),
        (ChrfMetric(2), sacrebleu.CHRF(word_order=2)),
    ],
    ids=["bleu", "bleu-intl", "chrf", "chrf++"],
)
def test_sacrebleu_metrics_equal_sacrebleu(metric: BleuMetric | ChrfMetric, tool: object) -> None:
    scores = metric.score(metric.example_stats(PREDICTIONS, REFERENCES))
    expected = tool.corpus_score(PREDICTIONS, _reference_streams())  # type: ignore[attr-defined]
    assert scores[metric.name] == pytest.approx(expected.score, abs=1e-9)
    assert f"v:{sacrebleu.__version__}" in metric.settings()
