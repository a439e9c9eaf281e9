"""Issue 6, files and stdin: every bad input is one clear ``Error:`` line, never a traceback."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PAGE

import cli
from summarize import InputError, read_article
from summarize.sources import STDIN

CALIBER = SAMPLE_PAGE
LIMIT = 10_000_000


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _big_page(tmp_path: Path) -> Path:
    path = tmp_path / "big.html"
    paragraph = b"<p>" + b"Words of a very long page. " * 40 + b"</p>\n"
    with path.open("wb") as handle:
        handle.write(b"<html><body>")
        for _ in range(50_000_000 // len(paragraph) + 1):
            handle.write(paragraph)
    return path


FILE_CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "zero-bytes": (lambda tmp: _write(tmp, "empty.html", b""), "empty"),
    "whitespace": (lambda tmp: _write(tmp, "blank.txt", b" \n\t\r\n  \n"), "empty"),
    "binary": (lambda tmp: _write(tmp, "page.html", b"\x89PNG\r\n\x1a\n" + bytes(300)), "binary"),
    "nul-bytes": (lambda tmp: _write(tmp, "page.txt", bytes(range(256)) * 8), "binary"),
    "directory": (lambda tmp: tmp, "is a directory"),
    "missing": (lambda tmp: tmp / "no-such-page.html", "no such file"),
    "50MB": (_big_page, "larger than the limit"),
    "no-article": (lambda tmp: _write(tmp, "menu.txt", b"Home\nWorld\nSport\n"), "no article"),
}


@pytest.mark.parametrize("case", list(FILE_CASES))
def test_bad_files_are_one_error_line(tmp_path: Path, case: str) -> None:
    make, message = FILE_CASES[case]
    path = make(tmp_path)
    result = CliRunner().invoke(cli.main, ["extract", str(path)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert lines[0].startswith(f"Error: {path}") and message in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "secret.html", b"<html><body><p>hidden</p></body></html>")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_article(str(path))


def test_permission_error_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.html", b"<html></html>")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(InputError, match=f"{path}: permission denied"):
        read_article(str(path))


def test_invalid_utf8_bytes_do_not_stop_extraction(tmp_path: Path) -> None:
    data = CALIBER.read_bytes().replace(b"Nara,", b"Nara\xff,")
    article = read_article(str(_write(tmp_path, "damaged.txt", data)))
    assert len(article.paragraphs) == 11
    assert "Nara\ufffd, Japan’s ancient capital" in article.paragraphs[1]


def test_html_or_text_is_told_by_content_not_name(tmp_path: Path) -> None:
    text_named_html = _write(tmp_path, "page.html", CALIBER.read_bytes())
    assert read_article(str(text_named_html)).title == read_article(str(CALIBER)).title


STDIN_CASES = {
    "empty": (b"", "stdin: the input is empty"),
    "whitespace": (b"\n \n", "stdin: the input is empty"),
    "binary": (b"%PDF-1.5\n" + bytes(100), "stdin: binary content (a PDF document)"),
}


@pytest.mark.parametrize("case", list(STDIN_CASES))
def test_bad_stdin_is_one_error_line(case: str) -> None:
    data, message = STDIN_CASES[case]
    result = CliRunner().invoke(cli.main, ["extract", STDIN], input=data)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {message}")


def test_stdin_over_the_limit() -> None:
    arguments = ["extract", STDIN, "--max-bytes", "100"]
    result = CliRunner().invoke(cli.main, arguments, input=b"x" * 101)
    assert result.exit_code == 1
    assert "stdin: larger than the limit of 100 bytes" in result.output


def test_stdin_text_dump_is_extracted() -> None:
    result = CliRunner().invoke(
        cli.main, ["extract", STDIN, "--format", "json"], input=io.BytesIO(CALIBER.read_bytes())
    )
    assert result.exit_code == 0, result.output
    assert '"date": "2026-01-15T08:54"' in result.output


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("./missing/story.html", "Error: ./missing/story.html: no such file"),
        ("example.com/news/story", "(for a URL, start it with https://)"),
    ],
)
def test_missing_file_is_named_as_typed(source: str, message: str) -> None:
    result = CliRunner().invoke(cli.main, ["extract", source])
    assert result.exit_code == 1
    assert message in result.output
