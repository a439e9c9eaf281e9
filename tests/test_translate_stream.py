"""``translate -`` streams: lines are read as they arrive and translated a part at a time,
so output follows a slow writer and an endless source never has to be read whole."""

from __future__ import annotations

import functools
import io
import os
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from feed_fakes import FakeTranslator
from hostile_cli import one_error

import cli
import headline.translating
from common.io import InputReadError, LineStream, _Cap

ROOT = Path(__file__).resolve().parents[1]


class Trickle(io.RawIOBase):
    """Hands out one line per read and fails the test if read past ``stop`` lines."""

    def __init__(self, lines: list[bytes], stop: int) -> None:
        self._lines = list(lines)
        self._stop = stop
        self.reads = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        assert self.reads < self._stop, f"read past line {self._stop}"
        self.reads += 1
        line = self._lines.pop(0) if self._lines else b""
        buffer[: len(line)] = line
        return len(line)


def _stream(data: bytes | io.RawIOBase, max_bytes: int = 1000) -> LineStream:
    raw = io.BytesIO(data) if isinstance(data, bytes) else data
    return LineStream(io.BufferedReader(raw), "stdin", _Cap(max_bytes, None))


def test_a_chunk_is_handed_over_before_the_next_line_is_read() -> None:
    chunks = _stream(Trickle([b"one\n", b"two\n", b"three\n"], stop=2)).chunks(2)
    assert next(chunks) == ["one", "two"]


def test_chunks_keep_every_line_in_order_and_end_at_the_last() -> None:
    data = b"a\r\nb\n\nc\xe2\x80\xa8d\nlast"
    assert list(_stream(data).chunks(2)) == [["a", "b"], ["", "c\u2028d"], ["last"]]


def test_the_cap_counts_every_byte_read_across_lines() -> None:
    lines = iter(_stream(Trickle([b"12345\n"] * 3, stop=3), max_bytes=15))
    assert [next(lines), next(lines)] == ["12345", "12345"]
    with pytest.raises(InputReadError, match=r"^stdin: larger than the limit of 15 bytes$"):
        next(lines)


def test_one_endless_line_stops_at_the_cap() -> None:
    with pytest.raises(InputReadError, match="larger than the limit of 100 bytes"):
        list(_stream(b"x" * 101, max_bytes=100))


def test_invalid_utf8_names_its_line_and_byte_after_earlier_lines() -> None:
    lines = iter(_stream(Trickle([b"ok\n", b"fine\n", b"b\xffd\n"], stop=3)))
    assert [next(lines), next(lines)] == ["ok", "fine"]
    with pytest.raises(InputReadError, match=r"^stdin, line 3: not UTF-8 text \(byte 9\)$"):
        next(lines)


def test_translate_output_follows_a_pipe_before_the_writer_closes(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HEADLINE_CACHE": str(tmp_path / "c.db")}
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "cli.py"), "translate", "-", "--to", "en"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )
    assert process.stdin is not None and process.stdout is not None
    try:
        process.stdin.write(b"first line\n")
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 60)
        assert ready, "no output while the writer was still open"
        assert process.stdout.readline() == b"first line\n"
        assert process.poll() is None
        process.stdin.write(b"second line\n")
        process.stdin.close()
        assert process.stdout.read() == b"second line\n"
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.wait()


@pytest.fixture()
def fake(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    translator = FakeTranslator(languages=("ru",))
    monkeypatch.setattr(headline.translating.TranslationOptions, "translator",
                        lambda self, detected=None: translator)
    monkeypatch.setattr(headline.translating, "TRANSLATE_CHUNK_LINES", 2)
    return translator


def test_lines_are_translated_a_chunk_at_a_time_in_order(fake: FakeTranslator) -> None:
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru"],
                                input="a\nb\nc\nd\ne\n")
    assert result.exit_code == 0, result.output
    assert result.stdout == "[ru] a\n[ru] b\n[ru] c\n[ru] d\n[ru] e\n"
    assert fake.calls == [("ru", ["a", "b"]), ("ru", ["c", "d"]), ("ru", ["e"])]


def test_a_language_that_fails_whole_is_asked_once_and_left_out(fake: FakeTranslator) -> None:
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru,hy"],
                                input="a\nb\nc\n")
    assert result.exit_code == 1
    assert result.stdout == "ru\t[ru] a\nru\t[ru] b\nru\t[ru] c\n"
    assert result.stderr == ("Error: no model for language 'hy' (nothing translated into hy)\n")
    assert [target for target, _ in fake.calls] == ["ru", "ru"]


def test_a_line_failing_alone_in_a_later_chunk_keeps_its_number(fake: FakeTranslator) -> None:
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru"],
                                input="a\nb\nc\nplease refuse\n")
    assert result.stdout == "[ru] a\n[ru] b\n[ru] c\n\n"
    assert result.stderr.splitlines() == [
        "warning: line 4, ru: not translated: the model refused this input",
        "Error: 1 line(s) not translated (named above; their output lines are empty)",
    ]


def test_a_cap_reached_mid_stream_keeps_no_partial_output_file(
    fake: FakeTranslator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import common.io

    monkeypatch.setattr(common.io, "stream_stdin", functools.partial(common.io.stream_stdin, 8))
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru", "-o", str(out)],
                                input="a\nb\nc\nd\ne\n")
    assert one_error(result) == "Error: stdin: larger than the limit of 8 bytes"
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_later_invalid_line_keeps_no_partial_output_file(
    fake: FakeTranslator, tmp_path: Path
) -> None:
    out = tmp_path / "out.txt"
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru", "-o", str(out)],
                                input=b"a\nb\nc\n\xff\n")
    assert one_error(result) == "Error: stdin, line 4: not UTF-8 text (byte 6)"
    assert list(tmp_path.iterdir()) == []
