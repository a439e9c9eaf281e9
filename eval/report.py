"""An evaluation as a terminal table, JSON, CSV, or per-example CSV."""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

from eval.scoring import EvalReport

REPORT_FORMATS = ("table", "json", "csv")
TABLE_PAIR_SYSTEMS = 5


def _cell(report: EvalReport, index: int, key: str) -> str:
    result = report.results[index]
    interval = result.intervals[key]
    return f"{result.scores[key]:.2f} [{interval.low:.2f}, {interval.high:.2f}]"


def render_table(report: EvalReport) -> str:
    """Systems x metrics with 95% intervals, then pairwise tests and meta-evaluation."""
    keys = report.primary_keys()
    header = ["system", *keys]
    rows = [
        [result.system.name, *(_cell(report, index, key) for key in keys)]
        for index, result in enumerate(report.results)
    ]
    widths = [max(len(row[col]) for row in [header, *rows]) for col in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
             for row in [header, *rows]]
    lines.insert(1, "  ".join("-" * width for width in widths))
    lines.append(
        f"\n{len(report.references.items)} items from {report.references.name} "
        f"({report.references.split}); [95% bootstrap interval]"
    )
    if len(report.results) > TABLE_PAIR_SYSTEMS:
        lines.append(f"\n{len(report.pairs)} paired tests: see --format json")
    elif report.pairs:
        lines.append("\npaired bootstrap (A - B):")
        lines += [
            f"  {pair.a} - {pair.b}  {pair.comparison.key}: {pair.comparison.delta:+.2f} "
            f"(p={pair.comparison.p_value:.4f})"
            for pair in report.pairs
        ]
    if report.correlations:
        lines.append(f"\nsystem-level correlation with human scores "
                     f"({report.correlations[0].systems} systems): kendall tau / pearson")
        lines += [
            f"  {c.metric:<10} {c.human:<12} {c.kendall_tau:+.3f} / {c.pearson:+.3f}"
            for c in report.correlations
        ]
    lines.append("\nsignatures:")
    lines += [
        f"  {signature.format()}"
        for result in report.results
        for signature in result.signatures.values()
    ]
    return "\n".join(lines)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def report_dict(report: EvalReport) -> dict[str, Any]:
    """Every score (P/R included), interval, signature, pairwise test and correlation."""
    return {
        "references": {
            "name": report.references.name,
            "split": report.references.split,
            "count": len(report.references.items),
        },
        "systems": [
            {
                "system": result.system.name,
                "model": result.system.model,
                "revision": result.system.revision,
                "scores": result.scores,
                "intervals": {
                    key: [interval.low, interval.high]
                    for key, interval in result.intervals.items()
                },
                "signatures": {
                    name: signature.as_dict() for name, signature in result.signatures.items()
                },
            }
            for result in report.results
        ],
        "comparisons": [
            {"a": pair.a, "b": pair.b, "score": pair.comparison.key,
             "delta": pair.comparison.delta, "p_value": pair.comparison.p_value}
            for pair in report.pairs
        ],
        "meta_evaluation": [
            {"metric": c.metric, "human": c.human, "kendall_tau": _finite(c.kendall_tau),
             "pearson": _finite(c.pearson), "systems": c.systems}
            for c in report.correlations
        ],
    }


def render_json(report: EvalReport) -> str:
    """The report as indented JSON."""
    return json.dumps(report_dict(report), ensure_ascii=False, indent=2)


def render_csv(report: EvalReport) -> str:
    """One row per system and score: value and interval, with the signature."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["system", "score", "value", "low", "high", "signature"])
    for result in report.results:
        for metric in report.metrics:
            signature = result.signatures[metric.name].format()
            for key in metric.keys:
                interval = result.intervals[key]
                writer.writerow([result.system.name, key, f"{result.scores[key]:.4f}",
                                 f"{interval.low:.4f}", f"{interval.high:.4f}", signature])
    return buffer.getvalue()


def render_examples_csv(report: EvalReport) -> str:
    """One row per system and item with each headline score."""
    keys = report.primary_keys()
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["system", "id", *keys])
    for result in report.results:
        for item, scores in zip(report.references.items, result.examples, strict=True):
            writer.writerow([result.system.name, item.id, *(f"{scores[key]:.4f}" for key in keys)])
    return buffer.getvalue()


def render_report(report: EvalReport, fmt: str) -> str:
    """The report in ``fmt`` (one of :data:`REPORT_FORMATS`)."""
    renderers = {"table": render_table, "json": render_json, "csv": render_csv}
    return renderers[fmt](report)
