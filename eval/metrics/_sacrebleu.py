"""Shared plumbing for metrics computed by sacrebleu: its per-segment statistics, summed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from eval.metrics.base import Metric, Stats


class SacrebleuMetric(Metric):
    """A sacrebleu metric object (``_metric``) behind our base: the same statistics and the
    same score function sacrebleu's own significance tests use."""

    _metric: Any

    def example_stats(self, predictions: Sequence[str], references: Sequence[list[str]]) -> Stats:
        width = max((len(refs) for refs in references), default=1)
        streams: list[list[str | None]] = [
            [refs[index] if index < len(refs) else None for refs in references]
            for index in range(width)
        ]
        stats = self._metric._extract_corpus_statistics(list(predictions), streams)
        return np.asarray(stats, dtype=np.float64).reshape(len(predictions), -1)

    def score(self, stats: Stats) -> dict[str, float]:
        total = stats.sum(axis=0)
        result = self._metric._compute_score_from_stats(total.tolist())
        return {self.keys[0]: float(result.score)}

    def settings(self) -> str:
        return str(self._metric.get_signature().format(short=True))

    def tool_version(self) -> str:
        import sacrebleu

        return f"sacrebleu {sacrebleu.__version__}"
