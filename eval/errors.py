"""Errors a user can cause while evaluating: the CLI prints each as one line."""

from __future__ import annotations


class EvalError(Exception):
    """Base of every error this package raises on purpose; its message is shown as is."""
