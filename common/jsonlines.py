"""Why a JSON line could not be read, in words, whatever the json module raised.

Besides malformed text, ``json.loads`` fails on nesting deeper than the interpreter's
recursion limit and on integers over Python's digit limit; each reader of JSON lines reports
all three the same way instead of letting the last two escape as unexpected errors.
"""

from __future__ import annotations

import json


def json_problem(exc: ValueError | RecursionError) -> str:
    """A short reason for a failed ``json.loads``."""
    if isinstance(exc, json.JSONDecodeError):
        return exc.msg
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if "digits" in str(exc):
        return "a number with too many digits"
    return str(exc) or type(exc).__name__
