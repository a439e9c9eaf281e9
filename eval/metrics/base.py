"""The one base every metric stands on: per-example statistics, then a corpus score from any
subset of them.

Keeping statistics per example (rather than only a corpus number) lets the bootstrap resample
examples and recompute the score without scoring a text twice, for ROUGE (a mean of example
scores) and for BLEU/chrF (a score from summed n-gram counts) alike.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

Stats = npt.NDArray[np.float64]


class Metric(ABC):
    """A named metric with one or more score columns (``keys``); ``primary`` is the headline
    one. Scores are on a 0-100 scale."""

    name: str
    keys: tuple[str, ...]
    primary: tuple[str, ...]

    @abstractmethod
    def example_stats(self, predictions: Sequence[str], references: Sequence[list[str]]) -> Stats:
        """One row of statistics per example (shape ``(n, width)``)."""

    @abstractmethod
    def score(self, stats: Stats) -> dict[str, float]:
        """Every key's corpus score from the rows of ``stats`` (any subset or resample)."""

    @abstractmethod
    def settings(self) -> str:
        """Short description of the settings that change the numbers (tokenizer, stemming...)."""

    def tool_version(self) -> str:
        """Name and version of the library that computes the metric."""
        return ""

    def example_scores(self, stats: Stats) -> list[dict[str, float]]:
        """Each example's own scores (for per-example reports)."""
        return [self.score(stats[index : index + 1]) for index in range(len(stats))]
