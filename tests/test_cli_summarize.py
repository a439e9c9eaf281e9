"""``headline summarize`` end to end through click: files, stdin, a local URL, every error."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from conftest import REPO

import cli

SEED_PAGE = REPO / "examples" / "caliber-drumsticks-page.txt"
STORY = [
    "The city council approved a new budget for public transport on Tuesday evening.",
    "The budget adds forty new buses and extends night service on six routes across town.",
    "Council members argued for hours about the cost of the transport plan before the vote.",
    "Some residents said the new buses would finally cut traffic in the crowded centre.",
    "The transport plan will be reviewed again next spring by the full council.",
]
HTML_PAGE = (
    "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
    "<title>Council approves bus budget | City News</title>"
    "<meta property='og:title' content='Council approves bus budget'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
    "<h1>Council approves bus budget</h1>"
    + "".join(f"<p>{sentence} {sentence}</p>" for sentence in STORY)
    + "</article><footer>© City News 2026</footer></body></html>"
)


def run(*args: str, stdin: str | bytes | None = None) -> Result:
    """``headline summarize ARGS`` with no model involved: ``--method textrank`` unless a
    method is given, and no translation (translation has its own tests)."""
    extra = [] if "--method" in args or "--help" in args else ["--method", "textrank"]
    if "--help" not in args and _summarize_accepts("no_translate"):
        extra.append("--no-translate")
    return CliRunner().invoke(cli.main, ["summarize", *args, *extra], input=stdin)


def _summarize_accepts(option: str) -> bool:
    return any(param.name == option for param in cli.main.commands["summarize"].params)


def assert_one_error_line(result: Result, *needles: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    error_lines = [line for line in lines if line.startswith("Error:")]
    assert len(error_lines) == 1, result.output
    assert "Traceback" not in result.output
    for needle in needles:
        assert needle in error_lines[0]


class PageHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = (200, HTML_PAGE.encode()) if self.path == "/story" else (404, b"gone")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PageHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_seed_page_text_output() -> None:
    result = run(str(SEED_PAGE))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "Drumsticks, not diplomacy, steal show at Japan–South Korea summit"
    assert "Summary (textrank):" in lines
    assert sum(line.startswith("  • ") for line in lines) == 3
    assert "Sabina Mammadli" in lines[1]


@pytest.mark.parametrize("method", ["lead", "textrank"])
@pytest.mark.parametrize("count", [1, 2, 4])
def test_seed_page_json_summary_is_made_of_body_sentences(method: str, count: int) -> None:
    result = run(str(SEED_PAGE), "--method", method, "--sentences", str(count), "--format", "json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["method"] == method and record["translations"] == {}
    assert record["title"].startswith("Drumsticks, not diplomacy")
    assert record["date"].startswith("2026-01-15")
    assert len(record["summary"]) == count
    positions = [record["text"].index(sentence) for sentence in record["summary"]]
    assert positions == sorted(positions)
    assert record["summary"][0].startswith("After a day of intense discussions")


def test_url_from_a_local_server(server: str) -> None:
    result = run(f"{server}/story", "--format", "json", "-n", "2")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["url"] == f"{server}/story"
    assert record["title"] == "Council approves bus budget"
    assert len(record["summary"]) == 2 and all(s in STORY for s in record["summary"])


def test_stdin_markdown(tmp_path: Path) -> None:
    result = run("-", "--sentences", "2", "--format", "markdown", stdin=HTML_PAGE)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Council approves bus budget")
    assert sum(line.startswith("- ") for line in result.stdout.splitlines()) == 2


def test_output_file(tmp_path: Path) -> None:
    target = tmp_path / "digest.json"
    result = run(str(SEED_PAGE), "--format", "json", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["summary"]) == 3


def test_short_article_gets_a_warning_not_an_error() -> None:
    page = "<html><body><article><h1>Brief</h1><p>" + STORY[0] + "</p></article></body></html>"
    result = run("-", "--format", "json", "-n", "3", stdin=page)
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert STORY[0] in record["summary"] and len(record["summary"]) < 3
    assert record["warnings"] == [
        f"the article has only {len(record['summary'])} sentence(s); 3 were asked for"
    ]


def test_russian_and_armenian_text_dumps(tmp_path: Path) -> None:
    for language, body in [
        ("ru", "Городской совет утвердил бюджет. Автобусов станет больше. Жители довольны."),
        ("hy", "Խորհուրդը հաստատեց բյուջեն։ Ավտոբուսները կավելանան։ Բնակիչները գոհ են։"),
    ]:
        page = tmp_path / f"{language}.txt"
        page.write_text(("Новости\n\n" if language == "ru" else "") + body * 3, encoding="utf-8")
        result = run(str(page), "--format", "json", "-n", "2")
        assert result.exit_code == 0, result.output
        assert len(json.loads(result.stdout)["summary"]) == 2


def test_twenty_thousand_word_text_dump(tmp_path: Path) -> None:
    page = tmp_path / "long.txt"
    paragraphs = [
        f"Paragraph {i} reports that the council met again on the budget for buses. "
        f"Residents spoke for and against the plan during the long session with {i} people."
        for i in range(800)
    ]
    page.write_text("\n\n".join(paragraphs), encoding="utf-8")
    assert len(page.read_text(encoding="utf-8").split()) > 20_000
    result = run(str(page), "--format", "json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert len(summary) == 3 and all(any(s in p for p in paragraphs) for s in summary)


def test_emoji_and_control_characters_in_a_page() -> None:
    body = "".join(f"<p>🎉 {sentence[:-1]} \x1b[31m\x07now.</p>" for sentence in STORY)
    page = f"<html><body><article><h1>Bus budget 🚌</h1>{body}</article></body></html>"
    result = run("-", stdin=page)
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "🎉 The city council approved" in result.stdout and "Bus budget 🚌" in result.stdout


def test_help_shows_examples() -> None:
    result = run("--help")
    assert result.exit_code == 0 and "headline summarize https://" in result.output


@pytest.mark.parametrize(
    ("args", "stdin", "needles"),
    [
        (["missing-page.html"], None, ["missing-page.html"]),
        (["-"], "", []),
        (["-"], "   \n\t  ", []),
        (["-"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 50, []),
        (["ftp://example.com/story"], None, ["ftp"]),
        ([str(SEED_PAGE), "--method", "bogus"], None, ["bogus"]),
        ([str(SEED_PAGE), "--sentences", "0"], None, ["0"]),
        ([str(SEED_PAGE), "--format", "xml"], None, ["xml"]),
    ],
)
def test_user_errors_are_one_line(
    args: list[str], stdin: str | bytes | None, needles: list[str]
) -> None:
    assert_one_error_line(run(*args, stdin=stdin), *needles)


def test_http_error_is_one_line(server: str) -> None:
    assert_one_error_line(run(f"{server}/nowhere", "--timeout", "2"), "404")


def test_directory_is_one_line(tmp_path: Path) -> None:
    assert_one_error_line(run(str(tmp_path)))
