"""The one error base: every error raised on purpose for a user derives from it.

The command line prints any :class:`HeadlineError` as one ``Error: ...`` line; Python callers
can catch this one class instead of one per package.
"""

from __future__ import annotations


class HeadlineError(Exception):
    """Base of every error the project raises on purpose; its message is shown as is."""


class OutputError(HeadlineError):
    """An output file cannot be opened, locked, repaired or written."""
