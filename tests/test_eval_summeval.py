"""Stored SummEval outputs scored against the original highlights give the published
ROUGE figures; system-level meta-evaluation against the expert scores is finite."""

from __future__ import annotations

import math

import pytest
from conftest import SHARED, needs_shared

from eval.bootstrap import BootstrapOptions
from eval.metrics import RougeMetric
from eval.predictions import Predictions, load_predictions
from eval.references import ReferenceOptions, ReferenceSet, load_references
from eval.scoring import SystemOutputs, evaluate

REFSETS = SHARED / "data" / "refsets"
pytestmark = needs_shared
Loaded = tuple[ReferenceSet, Predictions]
PUBLISHED = {"M0": (41.99, 19.36), "M22": (46.03, 23.00), "M23": (47.55, 24.16)}


@pytest.fixture(scope="module")
def summeval() -> Loaded:
    source = str(REFSETS / "summeval_cnndm_test100.jsonl")
    references = load_references(ReferenceOptions(source, reference_column="reference"))
    predictions = load_predictions(str(REFSETS / "summeval_system_outputs.jsonl"), references.ids())
    return references, predictions


def test_published_rouge_is_reproduced(summeval: Loaded) -> None:
    references, predictions = summeval
    metric = RougeMetric("en")
    targets = [item.references for item in references.items]
    for system, (rouge1, rouge2) in PUBLISHED.items():
        outputs = predictions.outputs[system]
        texts = [outputs[item_id] for item_id in references.ids()]
        scores = metric.score(metric.example_stats(texts, targets))
        assert round(scores["rouge1"], 2) == pytest.approx(rouge1, abs=0.01)
        assert round(scores["rouge2"], 2) == pytest.approx(rouge2, abs=0.01)


def test_meta_evaluation_is_finite_over_all_systems(summeval: Loaded) -> None:
    references, predictions = summeval
    ids = references.ids()
    systems = [
        SystemOutputs(name, [outputs[item_id] for item_id in ids])
        for name, outputs in predictions.outputs.items()
    ]
    report = evaluate(
        references,
        systems,
        [RougeMetric("en")],
        BootstrapOptions(resamples=10),
        predictions.human,
    )
    assert len(systems) == 16
    humans = {c.human for c in report.correlations}
    assert humans == {"coherence", "consistency", "fluency", "relevance"}
    assert len(report.correlations) == 16
    for correlation in report.correlations:
        assert correlation.systems == 16
        assert math.isfinite(correlation.kendall_tau) and -1 <= correlation.kendall_tau <= 1
        assert math.isfinite(correlation.pearson) and -1 <= correlation.pearson <= 1
    relevance = {c.metric: c for c in report.correlations if c.human == "relevance"}
    assert relevance["rouge1"].pearson > 0.3  # ROUGE tracks relevance on SummEval
