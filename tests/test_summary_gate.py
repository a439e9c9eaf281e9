"""Evaluation gate: textrank must keep beating lead-3 on 100 CNN/DailyMail test articles.

Scores come from ``benchmarks/summary_quality.py`` (rouge-score, stemming, Lsum over
newline-joined sentences), with our sentence splitter (what users get) and with the dataset's
own sentences. Floors are the figures measured when the gate was set, less a margin of 0.1
ROUGE points (the scores are deterministic: only a change of code moves them); and textrank on
our splitter's sentences must match the published lead-3 figure.
"""

from __future__ import annotations

import importlib.util
from types import ModuleType

import pytest
from conftest import REPO, SHARED

REFSET = SHARED / "data/refsets/summeval_cnndm_test100.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")
MARGIN = 0.1
MEASURED = {  # (segmentation, method) -> scores when the gate was set
    ("splitter", "lead"): (42.25, 19.62, 38.44),
    ("splitter", "textrank"): (42.45, 19.81, 38.58),
    ("dataset", "lead"): (42.18, 19.63, 38.37),
    ("dataset", "textrank"): (42.44, 19.82, 38.56),
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
def summary_benchmark() -> ModuleType:
    return load_benchmark()


@pytest.fixture(scope="module")
def scores(summary_benchmark: ModuleType) -> dict[tuple[str, str], tuple[float, ...]]:
    score_methods = summary_benchmark.score_methods
    results = {}
    for segmentation in summary_benchmark.SEGMENTATIONS:
        pairs = summary_benchmark.load_refset(REFSET, segmentation)
        for method, by_metric in score_methods(pairs, ("lead", "textrank"), 3).items():
            results[segmentation, method] = tuple(by_metric[metric] for metric in METRICS)
    return results


@pytest.mark.parametrize("key", sorted(MEASURED))
def test_scores_stay_above_floors(
    scores: dict[tuple[str, str], tuple[float, ...]], key: tuple[str, str]
) -> None:
    floors = tuple(round(value - MARGIN, 2) for value in MEASURED[key])
    assert all(got >= floor for got, floor in zip(scores[key], floors, strict=True)), (
        scores[key],
        floors,
    )


@pytest.mark.parametrize("segmentation", ["splitter", "dataset"])
def test_textrank_beats_lead(
    scores: dict[tuple[str, str], tuple[float, ...]], segmentation: str
) -> None:
    textrank, lead = scores[segmentation, "textrank"], scores[segmentation, "lead"]
    assert all(t > b for t, b in zip(textrank, lead, strict=True)), (textrank, lead)


@pytest.mark.parametrize("segmentation", ["splitter", "dataset"])
def test_textrank_matches_the_published_lead3(
    summary_benchmark: ModuleType,
    scores: dict[tuple[str, str], tuple[float, ...]],
    segmentation: str,
) -> None:
    published = tuple(summary_benchmark.PUBLISHED_LEAD3[metric] for metric in METRICS)
    textrank = scores[segmentation, "textrank"]
    assert all(t >= b for t, b in zip(textrank, published, strict=True)), (textrank, published)
