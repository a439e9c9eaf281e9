"""Errors a user can cause while loading or running a model: a bad id, directory or setting."""

from __future__ import annotations

from common.errors import HeadlineError


class ModelError(HeadlineError):
    """A model cannot be found, checked, loaded, converted or run with the given settings."""
