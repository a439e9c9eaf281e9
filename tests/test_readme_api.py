"""README's Python API examples run as written and print what their comments say."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)
_PRINT_COMMENT = re.compile(r"^print\(.*\)\s+# (.*)$")


def _api_blocks() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1].split("\n## ", 1)[0]
    return _BLOCK.findall(section)


def test_the_readme_has_python_api_examples() -> None:
    assert len(_api_blocks()) >= 2


@pytest.mark.parametrize("block", _api_blocks())
def test_readme_example_prints_its_comments(
    block: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    expected = [m.group(1) for line in block.splitlines() if (m := _PRINT_COMMENT.match(line))]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(block, "README.md", "exec"), {})
    assert out.getvalue().splitlines() == expected
