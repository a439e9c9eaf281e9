"""Errors a user can cause while evaluating: the CLI prints each as one line."""

from __future__ import annotations

from common.errors import HeadlineError


class EvalError(HeadlineError):
    """Base of every error this package raises on purpose; its message is shown as is."""
