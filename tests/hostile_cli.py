"""The check every hostile CLI case shares: one ``Error:`` line, never the generic fallback."""

from __future__ import annotations

from click.testing import Result

FALLBACK = "Error: unexpected "


def one_error(result: Result, code: int = 1) -> str:
    """The single ``Error:`` line of a failed run, after checking the exit code."""
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert not lines[0].startswith(FALLBACK) and "Traceback" not in result.output
    return lines[0]
