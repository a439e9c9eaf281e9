"""Errors of the orchestration layer, under the one base every package shares."""

from __future__ import annotations

from common.errors import HeadlineError, OutputError


class FeedError(HeadlineError):
    """A feed (or one of its items) cannot be read, or a feed run cannot start."""


class DigestError(HeadlineError):
    """A digest cannot be rendered as asked (unknown format, page not writable)."""


__all__ = ["DigestError", "FeedError", "HeadlineError", "OutputError"]
