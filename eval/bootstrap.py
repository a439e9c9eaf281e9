"""Seeded bootstrap: 95% intervals per score and a paired test between two systems.

rouge-score's own bootstrap is unseeded, so its intervals move from run to run; here the same
``seed`` always gives the same resamples, hence the same intervals and p-values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from eval.errors import EvalError
from eval.metrics.base import Metric, Stats

DEFAULT_RESAMPLES = 1000
MIN_RESAMPLES = 10
MAX_RESAMPLES = 100_000
"""Resamples are drawn as one index array per metric; past this it would not fit in memory
for a reference set of a few thousand items."""


@dataclass(frozen=True)
class BootstrapOptions:
    """Number of resamples, the seed, and the interval's coverage."""

    resamples: int = DEFAULT_RESAMPLES
    seed: int = 0
    confidence: float = 0.95

    def __post_init__(self) -> None:
        if not MIN_RESAMPLES <= self.resamples <= MAX_RESAMPLES:
            raise EvalError(f"resamples must be {MIN_RESAMPLES} to {MAX_RESAMPLES}, "
                            f"got {self.resamples}")
        if self.seed < 0:
            raise EvalError(f"the seed must be 0 or more, got {self.seed}")


@dataclass(frozen=True)
class Interval:
    """A percentile bootstrap interval."""

    low: float
    high: float


@dataclass(frozen=True)
class Comparison:
    """System A minus system B on one score, with the paired-bootstrap p-value of no
    difference (two-sided)."""

    key: str
    delta: float
    p_value: float


def _resamples(count: int, options: BootstrapOptions) -> np.ndarray:
    rng = np.random.default_rng(options.seed)
    return rng.integers(0, count, size=(options.resamples, count))


def intervals(metric: Metric, stats: Stats, options: BootstrapOptions) -> dict[str, Interval]:
    """Interval of every key of ``metric`` from resampled examples."""
    samples = [metric.score(stats[rows]) for rows in _resamples(len(stats), options)]
    tail = (1.0 - options.confidence) / 2.0 * 100.0
    out = {}
    for key in metric.keys:
        values = np.array([sample[key] for sample in samples])
        low, high = np.percentile(values, [tail, 100.0 - tail])
        out[key] = Interval(float(low), float(high))
    return out


def paired_test(
    metric: Metric, stats_a: Stats, stats_b: Stats, options: BootstrapOptions
) -> list[Comparison]:
    """Paired bootstrap on the same resampled items for both systems (Koehn 2004, with the
    shifted null of sacrebleu's ``paired_bs``): p is the share of resampled differences at
    least as far from their mean as the observed difference is from zero."""
    if stats_a.shape[0] != stats_b.shape[0]:
        raise ValueError("paired systems must be scored on the same items")
    observed_a, observed_b = metric.score(stats_a), metric.score(stats_b)
    deltas: dict[str, list[float]] = {key: [] for key in metric.primary}
    for rows in _resamples(len(stats_a), options):
        sample_a, sample_b = metric.score(stats_a[rows]), metric.score(stats_b[rows])
        for key in metric.primary:
            deltas[key].append(sample_a[key] - sample_b[key])
    comparisons = []
    for key in metric.primary:
        observed = observed_a[key] - observed_b[key]
        values = np.array(deltas[key])
        extreme = np.abs(values - values.mean()) >= abs(observed) - 1e-12
        p_value = (int(extreme.sum()) + 1) / (options.resamples + 1)
        comparisons.append(Comparison(key, observed, p_value))
    return comparisons
