"""Lead-3 against textrank through ``eval/``: the figures ``headline eval summaries`` prints.

Every figure comes from the evaluation path itself: the eval systems' way of turning an article
into sentences (:func:`eval.systems.summarizer_outputs`, the same library calls as ``headline
summarize``; pre-tokenised CNN/DailyMail text is recognised by the sentence layer), the ROUGE
metric as ``headline eval summaries`` builds it (:func:`eval.systems.summary_rouge`), and
eval's seeded bootstrap and paired test (:func:`eval.scoring.evaluate`). So one measurement
gives one figure, here and in ``headline eval``.

Sets (``shared/data/refsets``), and the protocol the textrank defaults were chosen by: the 100
SummEval CNN/DailyMail articles are cut by a hash of their ids into ``tune`` and ``confirm``
halves; settings were compared on ``tune`` only, and ``confirm``, ``crowd`` (the same 100
articles against their ten crowd-written references, best one per article) and ``xsum`` (ten
XSum articles: a smoke test) are where they have to hold up. ``summeval`` is all 100 against
the original highlights, the set of the quality bar.

    python benchmarks/summary_quality.py [--sentences 3] [--resamples 1000] [--refsets DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.bootstrap import BootstrapOptions
from eval.references import ReferenceItem, ReferenceOptions, ReferenceSet, load_references
from eval.scoring import EvalReport, SystemOutputs, evaluate
from eval.systems import summarizer_outputs, summary_rouge
from summarize.summarizers import get_summarizer

REFSETS = Path(__file__).resolve().parents[2] / "shared/data/refsets"
SUMMEVAL = "summeval_cnndm_test100.jsonl"
XSUM = "xsum_sample10.jsonl"
SYSTEMS = ("lead", "textrank")
METRICS = ("rouge1", "rouge2", "rougeLsum")
SETS = ("summeval", "tune", "confirm", "crowd", "xsum")


@dataclass(frozen=True)
class SetResult:
    """One reference set's report: both systems' scores and textrank against lead."""

    name: str
    report: EvalReport

    def scores(self, system: str) -> tuple[float, ...]:
        """``system``'s ROUGE-1/2/Lsum F1 x 100."""
        result = next(r for r in self.report.results if r.system.name == system)
        return tuple(result.scores[metric] for metric in METRICS)

    def versus_lead(self) -> dict[str, tuple[float, float]]:
        """textrank minus lead and its paired-bootstrap p-value, per metric of :data:`METRICS`."""
        return {
            pair.comparison.key: (-pair.comparison.delta, pair.comparison.p_value)
            for pair in self.report.pairs
            if (pair.a, pair.b) == ("lead", "textrank") and pair.comparison.key in METRICS
        }


def in_tune_half(item_id: str) -> bool:
    """The fixed split of the protocol: half of the ids by their SHA-1, never by score."""
    return int(hashlib.sha1(item_id.encode("utf-8")).hexdigest(), 16) % 2 == 0


def reference_sets(refsets: Path) -> dict[str, ReferenceSet]:
    """Every set of the module doc, loaded the way ``headline eval`` loads them."""
    path = str(refsets / SUMMEVAL)
    summeval = load_references(ReferenceOptions(path, reference_column="reference"))
    everyone = load_references(ReferenceOptions(path, reference_column="references"))
    crowd = [
        ReferenceItem(item.id, item.article, [r for r in all_of.references if r != highlights])
        for item, all_of in zip(summeval.items, everyone.items, strict=True)
        for highlights in item.references
    ]

    def subset(name: str, items: list[ReferenceItem]) -> ReferenceSet:
        return ReferenceSet(f"{summeval.name}[{name}]", summeval.split, items)

    return {
        "summeval": summeval,
        "tune": subset("tune", [item for item in summeval.items if in_tune_half(item.id)]),
        "confirm": subset("confirm", [i for i in summeval.items if not in_tune_half(i.id)]),
        "crowd": subset("crowd", crowd),
        "xsum": load_references(ReferenceOptions(str(refsets / XSUM))),
    }


def run(
    refsets: Path, sentences: int = 3, options: BootstrapOptions | None = None
) -> dict[str, SetResult]:
    """Summarise every article once per system, then score each set with eval."""
    sets = reference_sets(refsets)
    summaries: dict[str, dict[str, str]] = {system: {} for system in SYSTEMS}
    for system in SYSTEMS:
        produce = summarizer_outputs(get_summarizer(system), "en", sentences)
        for name in ("summeval", "xsum"):
            items = sets[name].items
            summaries[system].update(zip((i.id for i in items), produce(items), strict=True))
    metric = summary_rouge("en")
    results = {}
    for name, reference_set in sets.items():
        outputs = [
            SystemOutputs(system, [summaries[system][item.id] for item in reference_set.items])
            for system in SYSTEMS
        ]
        report = evaluate(reference_set, outputs, [metric], options or BootstrapOptions())
        results[name] = SetResult(name, report)
    return results


def format_results(results: dict[str, SetResult]) -> list[str]:
    """The table the script prints: scores, then textrank - lead with p-values."""
    lines = [
        "ROUGE F1 x 100 (R1 / R2 / RLsum), eval's rouge-score with stemming; "
        "textrank - lead with the paired-bootstrap p-value (1000 resamples, seed 0)"
    ]
    for name, result in results.items():
        count = len(result.report.references.items)
        cells = [f"{name:9s} n={count:3d}"]
        for system in SYSTEMS:
            cells.append(f"{system} " + "/".join(f"{v:.2f}" for v in result.scores(system)))
        versus = result.versus_lead()
        deltas = [(round(versus[m][0], 2) + 0.0, versus[m][1]) for m in METRICS]  # no "-0.00"
        cells.append("delta " + " ".join(f"{d:+.2f} (p={p:.3f})" for d, p in deltas))
        lines.append("  ".join(cells))
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--resamples", type=int, default=1000)
    parser.add_argument("--refsets", type=Path, default=REFSETS)
    args = parser.parse_args(argv)
    results = run(args.refsets, args.sentences, BootstrapOptions(resamples=args.resamples))
    print("\n".join(format_results(results)))


if __name__ == "__main__":
    main()
