"""Scoring summaries and translations against reference sets, with confidence intervals."""

from eval.bootstrap import BootstrapOptions
from eval.errors import EvalError
from eval.predictions import Predictions, load_predictions
from eval.references import ReferenceOptions, ReferenceSet, load_references
from eval.scoring import EvalReport, SystemOutputs, evaluate

__all__ = [
    "BootstrapOptions",
    "EvalError",
    "EvalReport",
    "Predictions",
    "ReferenceOptions",
    "ReferenceSet",
    "SystemOutputs",
    "evaluate",
    "load_predictions",
    "load_references",
]
