"""Scoring summaries and translations against reference sets, with confidence intervals."""

from eval.errors import EvalError

__all__ = ["EvalError"]
