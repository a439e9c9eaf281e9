"""Walk each command's input error paths: every one must end in its own one-line message,
none in the generic "unexpected" fallback (the fallback stays for real bugs)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_cli import one_error

import cli

BAD_INPUTS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "missing": (lambda tmp: tmp / "missing.txt", "{p}: no such file"),
    "directory": (lambda tmp: tmp, "{p}: is a directory, not a file"),
    "path-with-newline": (lambda tmp: tmp / "two\nlines", "{shown}: no such file"),
}


def _commands(tmp_path: Path, path: Path) -> dict[str, tuple[list[str], str]]:
    refs = tmp_path / "refs.jsonl"
    refs.write_text('{"id": "1", "article": "A b c.", "summary": "A b."}\n')
    return {
        "extract": (["extract", str(path)], "Error: {m}"),
        "summarize": (["summarize", str(path), "--no-translate"], "Error: {m}"),
        "feed": (["feed", str(path), "-o", str(tmp_path / "o.jsonl"), "--to", "en"], "Error: {m}"),
        "eval": (["eval", "summaries", "--references", str(refs), "--predictions", str(path)],
                 "Error: cannot read predictions: {m}"),
    }


@pytest.mark.parametrize("command", ["extract", "summarize", "feed", "eval"])
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_every_command_names_its_bad_input(tmp_path: Path, command: str, case: str) -> None:
    make, message = BAD_INPUTS[case]
    path = make(tmp_path)
    args, wording = _commands(tmp_path, path)[command]
    shown = str(path).replace("\n", "\\n")
    expected = wording.format(m=message.format(p=path, shown=shown))
    if command == "eval" and case == "missing":
        expected = f"Error: predictions file not found: {path}"
    if command == "eval" and case == "path-with-newline":
        expected = f"Error: predictions file not found: {shown}"
    assert one_error(CliRunner().invoke(cli.main, args)) == expected


@pytest.mark.parametrize("command", [["extract", "/dev/null"], ["summarize", "/dev/null",
                                                                 "--no-translate"]])
def test_empty_device_is_empty_input(command: list[str]) -> None:
    result = CliRunner().invoke(cli.main, command)
    assert one_error(result) == "Error: /dev/null: the input is empty"


@pytest.mark.parametrize("make", [lambda tmp: tmp, lambda tmp: Path("/dev/zero")],
                         ids=["directory", "device"])
def test_references_that_are_not_files(tmp_path: Path, make: Callable[[Path], Path]) -> None:
    path = make(tmp_path)
    result = CliRunner().invoke(cli.main, ["eval", "summaries", "--references", str(path),
                                           "--system", "lead"])
    assert one_error(result) == (
        f"Error: {path}: not a regular file (a directory, device or pipe)"
    )


@pytest.mark.parametrize("text, position", [("ab\udcffc", 3), ("\udc80", 1)])
def test_translate_argument_that_is_not_utf8(text: str, position: int) -> None:
    result = CliRunner().invoke(cli.main, ["translate", text, "--to", "en"])
    assert one_error(result) == f"Error: TEXT: not UTF-8 text (character {position})"


def test_feed_output_that_is_a_pipe(tmp_path: Path) -> None:
    source = tmp_path / "items.jsonl"
    source.write_text('{"id": "a", "title": "First"}\n')
    pipe = tmp_path / "out.jsonl"
    os.mkfifo(pipe)
    result = CliRunner().invoke(cli.main, ["feed", str(source), "-o", str(pipe), "--to", "en"])
    assert one_error(result) == f"Error: {pipe} is a device or pipe, not an output file"
