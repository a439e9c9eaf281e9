"""Seeded intervals repeat exactly; the paired test finds a known-better system."""

from __future__ import annotations

import numpy as np
import pytest

from eval.bootstrap import BootstrapOptions, intervals, paired_test
from eval.metrics import BleuMetric, RougeMetric

REFERENCES = [[f"the council approved plan number {n} for the bridge today"] for n in range(40)]
GOOD = [f"the council approved plan number {n} for the bridge" for n in range(40)]
POOR = [f"a vote on plan {n} happened somewhere" for n in range(40)]
NOISY = [text if n % 3 else POOR[n] for n, text in enumerate(GOOD)]


@pytest.mark.parametrize("metric", [RougeMetric("en"), BleuMetric()], ids=["rouge", "bleu"])
def test_same_seed_same_intervals_and_score_inside(metric: RougeMetric | BleuMetric) -> None:
    stats = metric.example_stats(NOISY, REFERENCES)
    first = intervals(metric, stats, BootstrapOptions(resamples=200, seed=7))
    again = intervals(metric, stats, BootstrapOptions(resamples=200, seed=7))
    other = intervals(metric, stats, BootstrapOptions(resamples=200, seed=8))
    assert first == again
    assert first != other
    scores = metric.score(stats)
    for key in metric.primary:
        assert first[key].low <= scores[key] <= first[key].high
        assert first[key].low < first[key].high


@pytest.mark.parametrize("metric", [RougeMetric("en"), BleuMetric()], ids=["rouge", "bleu"])
def test_known_better_system_is_significant(metric: RougeMetric | BleuMetric) -> None:
    options = BootstrapOptions(resamples=300, seed=1)
    good = metric.example_stats(GOOD, REFERENCES)
    poor = metric.example_stats(POOR, REFERENCES)
    for comparison in paired_test(metric, good, poor, options):
        assert comparison.delta > 0
        assert comparison.p_value < 0.01
    same = paired_test(metric, good, good.copy(), options)
    assert all(c.delta == 0 and c.p_value > 0.5 for c in same)


def test_paired_test_is_reproducible() -> None:
    metric = RougeMetric("en")
    options = BootstrapOptions(resamples=100, seed=3)
    noisy = metric.example_stats(NOISY, REFERENCES)
    good = metric.example_stats(GOOD, REFERENCES)
    first = paired_test(metric, good, noisy, options)
    assert first == paired_test(metric, good, noisy, options)
    assert np.isfinite([c.p_value for c in first]).all()


@pytest.mark.parametrize(("settings", "message"), [
    ({"resamples": 9}, "resamples must be 10 to 100000, got 9"),
    ({"resamples": 10**12}, "resamples must be 10 to 100000, got 1000000000000"),
    ({"seed": -1}, "the seed must be 0 or more, got -1"),
])
def test_bootstrap_settings_are_bounded_before_any_array_is_drawn(
    settings: dict[str, int], message: str
) -> None:
    from eval.errors import EvalError

    with pytest.raises(EvalError, match=message):
        BootstrapOptions(**settings)
