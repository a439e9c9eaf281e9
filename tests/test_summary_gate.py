"""Evaluation gate: textrank must keep beating lead-3 on 100 CNN/DailyMail test articles.

Scores come from ``benchmarks/summary_quality.py`` (rouge-score, stemming, Lsum over
newline-joined sentences). Floors are the figures measured when the gate was set, less a
margin of 0.3 ROUGE points for harmless changes (a splitter upgrade, float noise).
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from conftest import REPO, SHARED

from summarize.summarizers import summarize_article

REFSET = SHARED / "data/refsets/summeval_cnndm_test100.jsonl"
MARGIN = 0.3
MEASURED = {
    "lead": {"rouge1": 40.94, "rouge2": 18.85, "rougeLsum": 37.03},
    "textrank": {"rouge1": 42.00, "rouge2": 19.51, "rougeLsum": 38.03},
}


def load_benchmark() -> ModuleType:
    """The benchmark script by path: a ``benchmarks`` package elsewhere may shadow ours."""
    spec = importlib.util.spec_from_file_location(
        "summary_quality", REPO / "benchmarks" / "summary_quality.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    benchmark = load_benchmark()
    pairs = benchmark.load_refset(REFSET)
    references = [reference for _, reference in pairs]
    return {
        method: benchmark.mean_rouge(
            [summarize_article(article, method, 3) for article, _ in pairs], references
        )
        for method in MEASURED
    }


@pytest.mark.parametrize("method", sorted(MEASURED))
@pytest.mark.parametrize("metric", ["rouge1", "rouge2", "rougeLsum"])
def test_scores_stay_above_floors(
    scores: dict[str, dict[str, float]], method: str, metric: str
) -> None:
    assert scores[method][metric] >= MEASURED[method][metric] - MARGIN


@pytest.mark.parametrize("metric", ["rouge1", "rouge2", "rougeLsum"])
def test_textrank_beats_lead(scores: dict[str, dict[str, float]], metric: str) -> None:
    assert scores["textrank"][metric] > scores["lead"][metric]
