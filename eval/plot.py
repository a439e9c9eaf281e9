"""A PNG bar chart of systems per headline score, with 95% interval whiskers."""

from __future__ import annotations

from pathlib import Path

from eval.errors import EvalError
from eval.scoring import EvalReport


def plot_report(report: EvalReport, path: str) -> None:
    """Grouped bars (one group per score, one bar per system) written to ``path``.

    Uses matplotlib's headless Agg canvas directly, so no display or global backend switch is
    needed.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    keys = report.primary_keys()
    count = len(report.results)
    width = 0.8 / max(count, 1)
    figure = Figure(figsize=(max(6.0, 1.2 * len(keys) * max(count, 2) / 2), 4.5))
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    for index, result in enumerate(report.results):
        values = [result.scores[key] for key in keys]
        errors = [
            [value - result.intervals[key].low for key, value in zip(keys, values, strict=True)],
            [result.intervals[key].high - value for key, value in zip(keys, values, strict=True)],
        ]
        positions = [position + index * width for position in range(len(keys))]
        axes.bar(positions, values, width, yerr=errors, capsize=3, label=result.system.name)
    axes.set_xticks([position + width * (count - 1) / 2 for position in range(len(keys))])
    axes.set_xticklabels(keys)
    axes.set_ylabel("score (95% bootstrap interval)")
    axes.set_title(f"{report.references.name} ({len(report.references.items)} items)")
    axes.legend(fontsize="small")
    figure.tight_layout()
    try:
        figure.savefig(Path(path), format="png")
    except OSError as exc:
        raise EvalError(f"cannot write plot {path}: {exc.strerror or exc}") from None
