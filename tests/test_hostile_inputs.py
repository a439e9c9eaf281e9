"""Issue 12, inputs: every local input is read through one cap, pipes never hang, and
``translate`` keeps one line in, one line out. Each case checks the exit code and the one
``Error:`` line word for word."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hostile_cli import one_error

import cli
from common import io as bounded
from common.store import JsonlStore

ROOT = Path(__file__).resolve().parents[1]
CAP = "larger than the limit of 1000 bytes (see --max-bytes)"
DEFAULT_CAP = "larger than the limit of 10000000 bytes"


def _refs(tmp_path: Path) -> Path:
    path = tmp_path / "refs.jsonl"
    path.write_text('{"id": "1", "article": "A b c.", "summary": "A b."}\n')
    return path


def _invoke(args: list[str], stdin: bytes | None = None) -> Result:
    return CliRunner().invoke(cli.main, args, input=stdin)


# -- endless and oversized sources -----------------------------------------------------

DEVICE_CASES = {
    "extract-zero": (["extract", "/dev/zero", "--max-bytes", "1000"], f"/dev/zero: {CAP}"),
    "extract-urandom": (["extract", "/dev/urandom", "--max-bytes", "1000"],
                        f"/dev/urandom: {CAP}"),
    "summarize-zero": (["summarize", "/dev/zero", "--max-bytes", "1000", "--no-translate"],
                       f"/dev/zero: {CAP}"),
    "summarize-urandom": (["summarize", "/dev/urandom", "--max-bytes", "1000",
                           "--no-translate"], f"/dev/urandom: {CAP}"),
    "feed-zero": (["feed", "/dev/zero", "-o", "{out}", "--max-bytes", "1000", "--to", "en"],
                  f"/dev/zero: {CAP}"),
    "feed-urandom": (["feed", "/dev/urandom", "-o", "{out}", "--max-bytes", "1000", "--to",
                      "en"], f"/dev/urandom: {CAP}"),
    "eval-predictions-zero": (["eval", "summaries", "--references", "{refs}", "--predictions",
                               "/dev/zero"], f"cannot read predictions: /dev/zero: {DEFAULT_CAP} "
                              "(see --max-bytes)"),
}


@pytest.mark.parametrize("case", list(DEVICE_CASES))
def test_endless_devices_stop_at_the_cap(tmp_path: Path, case: str) -> None:
    args, message = DEVICE_CASES[case]
    out = tmp_path / "out.jsonl"
    args = [a.format(out=out, refs=_refs(tmp_path)) for a in args]
    assert one_error(_invoke(args)) == f"Error: {message}"
    assert not out.exists() or out.read_bytes() == b""


STDIN_CASES = {
    "extract": ["extract", "-", "--max-bytes", "1000"],
    "summarize": ["summarize", "-", "--max-bytes", "1000", "--no-translate"],
    "feed": ["feed", "-", "-o", "{out}", "--max-bytes", "1000", "--to", "en"],
}


@pytest.mark.parametrize("case", list(STDIN_CASES))
def test_oversized_stdin_stops_at_the_cap(tmp_path: Path, case: str) -> None:
    out = tmp_path / "out.jsonl"
    args = [a.format(out=out) for a in STDIN_CASES[case]]
    assert one_error(_invoke(args, b"<p>word</p>\n" * 200)) == f"Error: stdin: {CAP}"
    assert not out.exists() or out.read_bytes() == b""


def test_oversized_stdin_for_translate_stops_at_the_default_cap() -> None:
    result = _invoke(["translate", "-", "--to", "en"], b"x" * 10_000_001)
    assert one_error(result) == f"Error: stdin: {DEFAULT_CAP}"


def test_cap_is_exact_at_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(b"a" * 1001)
    assert one_error(_invoke(["extract", str(path), "--max-bytes", "1000"])) == (
        f"Error: {path}: {CAP}"
    )


# -- named pipes ---------------------------------------------------------------------------

@pytest.fixture
def fifo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bounded, "FIFO_WAIT", 0.3)
    path = tmp_path / "pipe"
    os.mkfifo(path)
    return path


FIFO_CASES = {
    "extract": (["extract", "{fifo}"], "{fifo}: named pipe with no data after 0.3s (no writer?)"),
    "summarize": (["summarize", "{fifo}", "--no-translate"],
                  "{fifo}: named pipe with no data after 0.3s (no writer?)"),
    "feed": (["feed", "{fifo}", "-o", "{out}", "--to", "en"],
             "{fifo}: named pipe with no data after 0.3s (no writer?)"),
    "eval-predictions": (["eval", "summaries", "--references", "{refs}", "--predictions",
                          "{fifo}"], "cannot read predictions: {fifo}: named pipe with no data "
                          "after 0.3s (no writer?)"),
}


@pytest.mark.parametrize("case", list(FIFO_CASES))
def test_fifo_without_writer_gives_up(tmp_path: Path, fifo: Path, case: str) -> None:
    args, message = FIFO_CASES[case]
    names = {"fifo": fifo, "out": tmp_path / "out.jsonl", "refs": _refs(tmp_path)}
    args = [a.format(**names) for a in args]
    assert one_error(_invoke(args)) == f"Error: {message.format(**names)}"


def test_fifo_with_a_late_writer_is_read(fifo: Path) -> None:
    def write() -> None:
        with fifo.open("wb") as handle:
            handle.write(b"Title\n\n" + b"A sentence of the story that is long enough. " * 20)

    writer = threading.Timer(0.1, write)
    writer.start()
    assert bounded.read_input(str(fifo)).startswith(b"Title")
    writer.join()


def test_fifo_over_the_cap(fifo: Path) -> None:
    def write() -> None:
        with fifo.open("wb") as handle:
            handle.write(b"x" * 5000)

    writer = threading.Thread(target=write)
    writer.start()
    with pytest.raises(bounded.InputReadError, match=f"^{re.escape(str(fifo))}: {re.escape(CAP)}$"):
        bounded.read_input(str(fifo), 1000, "--max-bytes")
    writer.join()


# -- closed stdin ----------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["extract", "-"], ["translate", "-", "--to", "en"],
                                  ["feed", "-", "-o", "out.jsonl", "--to", "en"]])
def test_closed_stdin(tmp_path: Path, args: list[str]) -> None:
    command = [sys.executable, str(ROOT / "cli.py"), *args]
    result = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            cwd=tmp_path, close_fds=True, preexec_fn=lambda: os.close(0),
                            timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Error: stdin: closed (nothing to read; give a file instead of -)"
    ]


# -- line discipline -------------------------------------------------------------------------

SEPARATORS = {"LS": "\u2028", "PS": "\u2029", "NEL": "\x85", "FF": "\x0c", "VT": "\x0b",
              "CR": "\r", "FS": "\x1c", "GS": "\x1d", "RS": "\x1e"}


@pytest.mark.parametrize("name", list(SEPARATORS))
def test_translate_keeps_one_line_in_one_line_out(name: str) -> None:
    text = f"first{SEPARATORS[name]}half\nsecond line\n"
    result = _invoke(["translate", "-", "--to", "en"], text.encode())
    assert result.exit_code == 0, result.output
    assert result.stdout.split("\n") == ["first half", "second line", ""]


def test_translate_crlf_lines_are_lines() -> None:
    result = _invoke(["translate", "-", "--to", "en"], b"one\r\ntwo\r\n")
    assert result.stdout.split("\n") == ["one", "two", ""]


def test_translate_jsonl_keeps_one_record_per_line() -> None:
    result = _invoke(["translate", "-", "--to", "en", "--format", "jsonl"],
                     "a\u2028b\nc\x85d\n".encode())
    records = [json.loads(line) for line in result.stdout.split("\n")[:-1]]
    assert [record["source"] for record in records] == ["a b", "c d"]


@pytest.mark.parametrize("data, line, byte", [(b"ok\n\xff\n", 2, 3), (b"\xc3\n", 1, 0),
                                              (b"a\nb\nc\xed\xa0\x80\n", 3, 5)])
def test_translate_refuses_invalid_utf8(data: bytes, line: int, byte: int) -> None:
    result = _invoke(["translate", "-", "--to", "en"], data)
    assert one_error(result) == f"Error: stdin, line {line}: not UTF-8 text (byte {byte})"


@pytest.mark.parametrize("name", ["a\nb.html", "tab\there.html", "bell\x07.txt", "cr\rpage"])
def test_path_with_control_characters_stays_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    shown = str(path).encode("unicode_escape").decode()
    assert one_error(_invoke(["extract", str(path)])) == f"Error: {shown}: no such file"


def test_feed_path_with_newline_stays_one_line(tmp_path: Path) -> None:
    path = tmp_path / "feed\nfile.xml"
    result = _invoke(["feed", str(path), "-o", str(tmp_path / "o.jsonl"), "--to", "en"])
    shown = str(path).replace("\n", "\\n")
    assert one_error(result) == f"Error: {shown}: no such file"


# -- JSON lines that break the parser --------------------------------------------------------

DEEP = "[" * 100_000
HUGE_INT = '{"id": "n", "title": ' + "9" * 5000 + "}"


def test_feed_bad_json_lines_become_error_records(tmp_path: Path) -> None:
    source = tmp_path / "items.jsonl"
    source.write_text(
        '{"id": "a", "title": "First"}\n' + DEEP + "\n" + HUGE_INT + "\n"
        + '{"id": "\\ud800", "title": "Lone"}\n' + '{"id": "b", "title": "Last"}\n'
    )
    out = tmp_path / "out.jsonl"
    result = _invoke(["feed", str(source), "-o", str(out), "--to", "en", "--quiet"])
    assert result.exit_code == 1 and result.stderr == ""
    records = JsonlStore(out).records()
    assert {r["id"]: (r["status"], r["error"]) for r in records} == {
        "a": ("ok", None),
        "line-2": ("error", "line 2: not valid JSON (nested too deeply)"),
        "line-3": ("error", "line 3: not valid JSON (a number with too many digits)"),
        "\ud800": ("ok", None),
        "b": ("ok", None),
    }
    assert len(records) == 5
    assert "\\ud800" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("line, problem", [(DEEP, "nested too deeply"),
                                           (HUGE_INT, "a number with too many digits")])
def test_predictions_bad_json_lines(tmp_path: Path, line: str, problem: str) -> None:
    predictions = tmp_path / "p.jsonl"
    predictions.write_text(line + "\n")
    result = _invoke(["eval", "summaries", "--references", str(_refs(tmp_path)),
                      "--predictions", str(predictions)])
    assert one_error(result) == f"Error: {predictions}:1: not JSON ({problem})"


def test_predictions_directory(tmp_path: Path) -> None:
    result = _invoke(["eval", "summaries", "--references", str(_refs(tmp_path)),
                      "--predictions", str(tmp_path)])
    assert one_error(result) == (
        f"Error: cannot read predictions: {tmp_path}: is a directory, not a file"
    )


def test_predictions_invalid_utf8(tmp_path: Path) -> None:
    predictions = tmp_path / "p.txt"
    predictions.write_bytes(b"\xff\xfe summary\n")
    result = _invoke(["eval", "summaries", "--references", str(_refs(tmp_path)),
                      "--predictions", str(predictions)])
    assert one_error(result) == (
        f"Error: cannot read predictions: {predictions}, line 1: not UTF-8 text (byte 0)"
    )


# -- corrupt Parquet references ------------------------------------------------------------

PARQUET_CASES = {
    "footer-lies": b"PAR1" + b"garbage" * 50 + b"PAR1",
    "magic-only": b"PAR1",
    "no-magic": b"not parquet at all, just text\n" * 10,
    "zeros": bytes(4096),
}


@pytest.mark.parametrize("case", list(PARQUET_CASES))
def test_corrupt_parquet_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     case: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("refs.parquet").write_bytes(PARQUET_CASES[case])
    result = _invoke(["eval", "summaries", "--references", "refs.parquet", "--system", "lead"])
    line = one_error(result)
    assert line.startswith("Error: refs.parquet: cannot read references (")
