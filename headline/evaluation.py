"""``headline eval`` as Python calls: score given or generated outputs against references.

Systems are generated through the same builders as the digest (``lead``, ``textrank``,
``seq2seq[:MODEL]`` for summaries; a model or ``profile`` for translations), so a score
describes what ``headline summarize`` and ``headline translate`` produce.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common.io import DEFAULT_MAX_BYTES
from eval.bootstrap import BootstrapOptions
from eval.errors import EvalError
from eval.metrics.base import Metric
from eval.references import ReferenceOptions, ReferenceSet
from eval.scoring import EvalReport, SystemOutputs
from eval.systems import GenerationOptions
from seq2seq import EngineOptions

SUMMARY_SYSTEMS = ("lead", "textrank", "seq2seq")


@dataclass(frozen=True)
class EvalRequest:
    """What both evaluations share: the reference set, given outputs (a predictions file)
    and systems to generate, the bootstrap, where generated outputs are kept, and the
    engine settings of model systems; ``max_bytes`` caps each local reference and
    predictions file."""

    references: ReferenceOptions
    predictions: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    bootstrap: BootstrapOptions = field(default_factory=BootstrapOptions)
    generation: GenerationOptions = field(default_factory=GenerationOptions)
    engine: EngineOptions = field(default_factory=EngineOptions)
    max_bytes: int = DEFAULT_MAX_BYTES

    def __post_init__(self) -> None:
        if not self.predictions and not self.systems:
            raise EvalError("give --predictions FILE or at least one --system")
        refuse_overwriting_inputs(self, {"--outputs": self.generation.store_path})

    def input_files(self) -> list[str]:
        """The files this evaluation reads: the references' source (a hub id matches no file)
        and each predictions file."""
        return [self.references.source, *self.predictions]


def evaluate_summaries(
    request: EvalRequest, language: str = "en", sentences: int = 3
) -> EvalReport:
    """ROUGE-1/2/L/Lsum of every system, with intervals, paired tests and, when the
    predictions carry human scores, system-level correlations."""
    from eval.references import load_references
    from eval.systems import generate, summarizer_outputs, summary_rouge
    from headline.summarizing import SummaryOptions, build_summarizer, summarizer_model

    reference_set = load_references(request.references, request.max_bytes)
    systems, human = given_outputs(request.predictions, reference_set, request.max_bytes)
    for spec in request.systems:
        method, _, model = spec.partition(":")
        if method not in SUMMARY_SYSTEMS:
            raise EvalError(
                f"unknown system {spec!r} for --system (lead, textrank, seq2seq[:MODEL])"
            )
        summary = SummaryOptions(method, model or None, sentences)
        summarizer = build_summarizer(summary, request.engine, language=language)
        produce = summarizer_outputs(summarizer, language, sentences)
        texts = generate(spec, reference_set.items, produce, request.generation)
        systems.append(SystemOutputs(spec, texts, *summarizer_model(summarizer)))
    return _score(reference_set, systems, [summary_rouge(language)], request.bootstrap, human)


def evaluate_translations(
    request: EvalRequest,
    target: str,
    source_language: str = "en",
    profile: str = "default",
    bleu_tokenize: str = "13a",
) -> EvalReport:
    """BLEU, chrF and chrF++ (sacrebleu, with its signature) of every system."""
    from eval.metrics.bleu import BleuMetric
    from eval.metrics.chrf import ChrfMetric
    from eval.references import load_references
    from eval.systems import generate, translator_outputs
    from translate.translator import TranslatorOptions, build_translator, normalize_language

    target = normalize_language(target)
    reference_set = load_references(request.references, request.max_bytes)
    systems, human = given_outputs(request.predictions, reference_set, request.max_bytes)
    for spec in request.systems:
        overrides = {} if spec == "profile" else {target: spec}
        translator = build_translator(TranslatorOptions(
            profile=profile, source=source_language, overrides=overrides, engine=request.engine
        ))
        produce = translator_outputs(translator, target)
        texts = generate(spec, reference_set.items, produce, request.generation)
        ref = translator.model_ref(target)
        systems.append(SystemOutputs(spec, texts, model=ref.id, revision=ref.revision))
    metrics: list[Metric] = [BleuMetric(bleu_tokenize), ChrfMetric(0), ChrfMetric(2)]
    return _score(reference_set, systems, metrics, request.bootstrap, human)


@dataclass(frozen=True)
class ReportOutputs:
    """Where a report goes: its format (table, json, csv) and file (None: stdout), and the
    per-example CSV and PNG chart when asked for."""

    fmt: str = "table"
    output: str | None = None
    per_example: str | None = None
    plot: str | None = None


def refuse_overwriting_inputs(
    request: EvalRequest, written: Mapping[str, str | Path | None]
) -> None:
    """Raise when a file to write (option -> path) is one the evaluation reads: the run
    would overwrite its own references or predictions."""
    for option, path in written.items():
        if path is None or str(path) == "-":
            continue
        for source in request.input_files():
            if _same_file(Path(path), Path(source)):
                raise EvalError(f"{option} {path} is an input of this evaluation ({source})")


def check_report_outputs(request: EvalRequest, outputs: ReportOutputs) -> None:
    """Refuse report files that name an input of ``request`` before anything runs."""
    written = {"-o": outputs.output, "--per-example": outputs.per_example, "--plot": outputs.plot}
    refuse_overwriting_inputs(request, written)


def _same_file(first: Path, second: Path) -> bool:
    try:
        if first.exists() and second.exists():
            return first.samefile(second)
        return first.resolve() == second.resolve()
    except (OSError, RuntimeError):  # unreadable path or a symlink loop: not the same file
        return False


def write_report(report: EvalReport, outputs: ReportOutputs) -> None:
    """Write the report, per-example scores and chart that ``outputs`` ask for."""
    from eval.plot import plot_report
    from eval.report import render_examples_csv, render_report
    from headline.output import write_text

    write_text(render_report(report, outputs.fmt), outputs.output)
    if outputs.per_example:
        write_text(render_examples_csv(report), outputs.per_example)
    if outputs.plot:
        plot_report(report, outputs.plot)


def given_outputs(
    paths: Sequence[str], reference_set: ReferenceSet, max_bytes: int = DEFAULT_MAX_BYTES
) -> tuple[list[SystemOutputs], dict[str, dict[str, float]]]:
    """The systems in every predictions file, aligned to the reference ids, in natural order
    within a file (M2 before M10); a system name found in two files is an error rather than
    one silently replacing the other."""
    from eval.predictions import load_predictions

    ids = reference_set.ids()
    systems: list[SystemOutputs] = []
    human: dict[str, dict[str, float]] = {}
    seen: dict[str, str] = {}
    for path in paths:
        given = load_predictions(path, ids, max_bytes)
        for name, outputs in sorted(given.outputs.items(), key=lambda pair: natural_key(pair[0])):
            if name in seen:
                raise EvalError(
                    f"system {name!r} is in both {seen[name]} and {path}: "
                    "give each system once (name it with a 'system' field)"
                )
            seen[name] = path
            systems.append(SystemOutputs(name, [outputs[item_id] for item_id in ids]))
        human.update(given.human)
    return systems, human


def natural_key(name: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``M2`` before ``M10`` (digit runs compare as numbers)."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in re.split(r"(\d+)", name) if part
    )


def _score(
    reference_set: ReferenceSet,
    systems: list[SystemOutputs],
    metrics: list[Metric],
    bootstrap: BootstrapOptions,
    human: dict[str, dict[str, float]],
) -> EvalReport:
    from eval.scoring import evaluate

    return evaluate(reference_set, systems, metrics, bootstrap, human)
