"""Meta-evaluation: how well each metric ranks systems the way human judges do.

System level, as in SummEval: average each metric and each human score over a system's items,
then Kendall tau (tau-b) and Pearson r between the two lists of system averages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

HUMAN_COLUMNS = ("coherence", "consistency", "fluency", "relevance")


@dataclass(frozen=True)
class Correlation:
    """Correlation of one metric with one human score over ``systems`` systems."""

    metric: str
    human: str
    kendall_tau: float
    pearson: float
    systems: int


def _finite_or_nan(value: float) -> float:
    return float(value) if math.isfinite(value) else math.nan


def system_correlations(
    metric_means: Mapping[str, Mapping[str, float]],
    human_means: Mapping[str, Mapping[str, float]],
) -> list[Correlation]:
    """``metric_means`` and ``human_means`` map system -> {name: mean}; systems present in
    both are compared. Needs at least three systems to mean anything: with fewer, none."""
    from scipy.stats import kendalltau, pearsonr

    systems = sorted(set(metric_means) & set(human_means))
    if len(systems) < 3:
        return []
    metric_names = list(next(iter(metric_means.values())))
    human_names = list(next(iter(human_means.values())))
    out = []
    for metric in metric_names:
        x = np.array([metric_means[system][metric] for system in systems])
        for human in human_names:
            y = np.array([human_means[system][human] for system in systems])
            if np.ptp(x) == 0 or np.ptp(y) == 0:
                tau, r = math.nan, math.nan
            else:
                tau = kendalltau(x, y).statistic
                r = pearsonr(x, y).statistic
            out.append(
                Correlation(metric, human, _finite_or_nan(tau), _finite_or_nan(r), len(systems))
            )
    return out
