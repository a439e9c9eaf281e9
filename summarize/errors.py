"""Errors a user can cause: the CLI prints each as one ``Error: ...`` line."""

from __future__ import annotations

from common.errors import HeadlineError


class SummarizeError(HeadlineError):
    """Base of every error this package raises on purpose; its message is shown as is."""


class InputError(SummarizeError):
    """The source (file, stdin, text) cannot be read or holds nothing usable."""


class FetchError(SummarizeError):
    """A URL could not be fetched: bad scheme, HTTP error, timeout, too large, not a page."""


class ExtractionError(SummarizeError):
    """The page was read but no article could be found in it."""


class SummarizerError(SummarizeError):
    """A summariser cannot run: unknown method, missing model, bad option value."""
