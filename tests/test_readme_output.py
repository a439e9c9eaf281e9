"""Every ``console`` block in README runs as shown and prints exactly what it shows.

A block holds ``$ command`` lines, each followed by its output (stdout and stderr as a
terminal would interleave them). ``headline`` is this checkout's command line; the models
are never fetched, so what needs them shows its offline error.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
from conftest import REPO, SHARED

_BLOCK = re.compile(r"```console\n(.*?)```", re.S)
HEADLINE = f"{shlex.quote(sys.executable)} {shlex.quote(str(REPO / 'cli.py'))}"


def _examples() -> list[tuple[str, list[str]]]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    examples: list[tuple[str, list[str]]] = []
    for block in _BLOCK.findall(readme):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            examples.append((command, [line.rstrip() for line in output.rstrip("\n").split("\n")]))
    return examples


def test_readme_has_console_examples() -> None:
    assert len(_examples()) >= 7


@pytest.mark.parametrize(("command", "expected"), _examples(), ids=lambda value: str(value)[:60])
def test_readme_console_example(command: str, expected: list[str]) -> None:
    if "../shared/" in command and not (SHARED / "data").is_dir():
        pytest.skip(f"the reference data {SHARED / 'data'} is absent")
    script = re.sub(r"(^|[|;&]\s*|=\S+\s+)headline\b", rf"\g<1>{HEADLINE}", command)
    result = subprocess.run(
        ["bash", "-c", f"{script} 2>&1"], cwd=REPO, capture_output=True, text=True,
        timeout=300, env={**os.environ, "COLUMNS": "100"},
    )
    assert [line.rstrip() for line in result.stdout.rstrip("\n").split("\n")] == expected
