"""Score systems against a reference set: every metric, intervals, pairwise tests, signatures."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from eval.bootstrap import BootstrapOptions, Comparison, Interval, intervals, paired_test
from eval.meta import Correlation, system_correlations
from eval.metrics.base import Metric, Stats
from eval.references import ReferenceSet
from eval.signature import Signature


@dataclass(frozen=True)
class SystemOutputs:
    """One system's outputs in reference order, and the model behind it (if any)."""

    name: str
    texts: list[str]
    model: str | None = None
    revision: str | None = None


@dataclass
class SystemResult:
    """A system's corpus scores, their intervals, signatures and per-example scores."""

    system: SystemOutputs
    scores: dict[str, float] = field(default_factory=dict)
    intervals: dict[str, Interval] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    examples: list[dict[str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class PairResult:
    """System ``a`` against system ``b`` on one score."""

    a: str
    b: str
    comparison: Comparison


@dataclass
class EvalReport:
    """Everything one evaluation produced."""

    references: ReferenceSet
    metrics: list[Metric]
    results: list[SystemResult]
    pairs: list[PairResult]
    correlations: list[Correlation]

    def primary_keys(self) -> list[str]:
        """The headline score of every metric, in order (table columns)."""
        return [key for metric in self.metrics for key in metric.primary]


def evaluate(
    references: ReferenceSet,
    systems: Sequence[SystemOutputs],
    metrics: Sequence[Metric],
    options: BootstrapOptions,
    human: dict[str, dict[str, float]] | None = None,
) -> EvalReport:
    """Score each system with each metric; compare every pair of systems; correlate metric
    means with ``human`` means (system -> column -> mean) when given."""
    targets = [item.references for item in references.items]
    results: list[SystemResult] = []
    all_stats: dict[tuple[str, str], Stats] = {}
    for system in systems:
        result = SystemResult(system, examples=[{} for _ in targets])
        for metric in metrics:
            stats = metric.example_stats(system.texts, targets)
            all_stats[(system.name, metric.name)] = stats
            result.scores.update(metric.score(stats))
            result.intervals.update(intervals(metric, stats, options))
            for row, scores in zip(result.examples, metric.example_scores(stats), strict=True):
                row.update({key: scores[key] for key in metric.primary})
            result.signatures[metric.name] = Signature(
                metric=metric.name,
                settings=metric.settings(),
                system=system.name,
                model=system.model,
                revision=system.revision,
                references=references.name,
                split=references.split,
                count=len(targets),
                tool=metric.tool_version(),
            )
        results.append(result)
    pairs = [
        PairResult(a.name, b.name, comparison)
        for a, b in combinations(systems, 2)
        for metric in metrics
        for comparison in paired_test(
            metric, all_stats[(a.name, metric.name)], all_stats[(b.name, metric.name)], options
        )
    ]
    correlations: list[Correlation] = []
    if human:
        means = {
            result.system.name: {key: result.scores[key] for m in metrics for key in m.primary}
            for result in results
        }
        correlations = system_correlations(means, human)
    return EvalReport(references, list(metrics), results, pairs, correlations)
