"""Issue 12/15: usage errors, unusable charsets, total fetch deadlines and failing disks each
end in one ``Error:`` line with its own wording, never the generic "unexpected" fallback."""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_cli import one_error
from local_http import ENGLISH_PARAGRAPHS, news_page, send, serve

import cli

ROOT = Path(__file__).resolve().parents[1]

USAGE_CASES = {
    "missing-argument": (["extract"], "Missing argument 'SOURCE'."),
    "extra-argument": (["extract", "a", "b"], "Got unexpected extra argument (b)"),
    "bad-choice": (["extract", "x", "--format", "pdf"],
                   "Invalid value for '--format': 'pdf' is not one of 'text', 'json', "
                   "'markdown'."),
    "out-of-range": (["extract", "x", "--max-bytes", "0"],
                     "Invalid value for '--max-bytes': 0 is not in the range x>=1."),
    "short-and-long": (["summarize", "x", "-n", "0"],
                       "Invalid value for '-n' / '--sentences': 0 is not in the range x>=1."),
    "not-an-integer": (["feed", "x", "-o", "o", "--batch-size", "abc"],
                       "Invalid value for '--batch-size': 'abc' is not a valid integer range."),
    "empty-language-list": (["translate", "x", "--to", ","],
                            "Invalid value for --to: give a language, e.g. ru,hy"),
    "missing-option": (["eval", "summaries"], "Missing option '--references'."),
    "missing-output": (["feed", "x"], "Missing option '-o' / '--output'."),
    "unknown-option": (["--nope"], "No such option '--nope'."),
    "unknown-sub-option": (["translate", "x", "--bogus"], "No such option '--bogus'."),
    "unknown-command": (["nosuch"], "No such command 'nosuch'."),
    "nested-choice": (["models", "fetch", "--profile", "nope"],
                      "Invalid value for '--profile': 'nope' is not one of 'default', "
                      "'quality', 'nllb'."),
    "eval-needs-a-system": (["eval", "summaries", "--references", "r.jsonl"],
                            "give --predictions FILE or at least one --system"),
    "summarize-huge-beam": (["summarize", "x", "--beam-size", "100000"],
                            "Invalid value for '--beam-size': 100000 is not in the range "
                            "1<=x<=64."),
    "translate-huge-beam": (["translate", "x", "--beam-size", "65"],
                            "Invalid value for '--beam-size': 65 is not in the range 1<=x<=64."),
    "feed-huge-max-length": (["feed", "x", "-o", "o", "--max-length", "1000000"],
                             "Invalid value for '--max-length': 1000000 is not in the range "
                             "1<=x<=4096."),
    "translate-max-length-digits": (["translate", "x", "--max-length", "9" * 40],
                                    f"Invalid value for '--max-length': {'9' * 40} is not in "
                                    "the range 1<=x<=4096."),
    "eval-huge-beam": (["eval", "translations", "--references", "r", "--target", "hy",
                        "--system", "profile", "--beam-size", "1000"],
                       "Invalid value for '--beam-size': 1000 is not in the range 1<=x<=64."),
    "eval-huge-resamples": (["eval", "summaries", "--references", "r", "--system", "lead",
                             "--resamples", "1000000000000"],
                            "Invalid value for '--resamples': 1000000000000 is not in the range "
                            "10<=x<=100000."),
    "eval-negative-seed": (["eval", "summaries", "--references", "r", "--system", "lead",
                            "--seed", "-1"],
                           "Invalid value for '--seed': -1 is not in the range x>=0."),
}


@pytest.mark.parametrize("case", list(USAGE_CASES))
def test_usage_errors_are_one_line_with_exit_2(case: str) -> None:
    args, message = USAGE_CASES[case]
    result = CliRunner().invoke(cli.main, args)
    assert one_error(result, code=2) == f"Error: {message}"
    assert "Usage:" not in result.output


def test_readme_states_the_usage_rule() -> None:
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "is one `Error: …` line on stderr and exit code 1" in readme
    assert "a usage error (unknown, missing or invalid option or argument) is one " \
           "`Error: …` line naming the option and exit code 2" in readme


def test_group_without_command_still_shows_help() -> None:
    result = CliRunner().invoke(cli.main, ["eval"])
    assert "Usage:" in result.output and "Error" not in result.output


# -- charsets that are codecs but not text encodings ----------------------------------------

NOT_TEXT = ["hex", "base64", "rot13", "bz2", "zlib", "uu", "quopri"]


def _page_route(charset_header: str | None, meta: str | None):  # type: ignore[no-untyped-def]
    body = news_page("Budget approved", ENGLISH_PARAGRAPHS, meta_charset=meta).encode()
    content_type = "text/html" + (f"; charset={charset_header}" if charset_header else "")

    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, body, {"Content-Type": content_type})

    return route


@pytest.mark.parametrize("codec", NOT_TEXT)
@pytest.mark.parametrize("where", ["header", "meta"])
def test_non_text_charset_is_ignored(codec: str, where: str) -> None:
    route = _page_route(codec if where == "header" else None, codec if where == "meta" else None)
    with serve({"/page": route}) as server:
        result = CliRunner().invoke(cli.main, ["extract", server.url("/page")])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Budget approved")


# -- deadlines that hold for the whole exchange ------------------------------------------

def _drip_headers(handler: BaseHTTPRequestHandler) -> None:
    for byte in b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"a" * 10_000:
        handler.wfile.write(bytes([byte]))
        handler.wfile.flush()
        time.sleep(0.02)


def _endless_interim(handler: BaseHTTPRequestHandler) -> None:
    for _ in range(10_000):
        handler.wfile.write(b"HTTP/1.1 102 Processing\r\n\r\n")
        handler.wfile.flush()
        time.sleep(0.02)


@pytest.mark.parametrize("route", [_drip_headers, _endless_interim],
                         ids=["headers-one-byte-at-a-time", "endless-1xx"])
@pytest.mark.parametrize("command", ["extract", "summarize"])
def test_total_deadline_covers_headers(route, command: str) -> None:  # type: ignore[no-untyped-def]
    with serve({"/slow": route}) as server:
        url = server.url("/slow")
        started = time.monotonic()
        result = CliRunner().invoke(cli.main, [command, url, "--timeout", "0.2",
                                               "--no-translate"][: 4 if command == "extract"
                                                                 else 5])
        took = time.monotonic() - started
    assert one_error(result) == f"Error: {url}: gave up after the total deadline of 0.6s"
    assert took < 3


@pytest.mark.parametrize("route", [_drip_headers, _endless_interim],
                         ids=["headers-one-byte-at-a-time", "endless-1xx"])
def test_total_deadline_holds_without_httpx_backend_hook(
    route: Callable[[BaseHTTPRequestHandler], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A later httpx without the pool attribute the backend is set on: the watchdog closes
    the connection at the deadline, and the fetch ends within one more --timeout."""
    import summarize.deadline

    monkeypatch.setattr(summarize.deadline, "BACKEND_ATTRIBUTE", "_gone_in_this_httpx")
    with serve({"/slow": route}) as server:
        url = server.url("/slow")
        started = time.monotonic()
        result = CliRunner().invoke(cli.main, ["extract", url, "--timeout", "0.2"])
        took = time.monotonic() - started
    assert one_error(result) == f"Error: {url}: gave up after the total deadline of 0.6s"
    assert 0.6 <= took < 0.6 + 0.2 + 1


# -- a disk that fills up ----------------------------------------------------------------

@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EDQUOT])
def test_feed_output_write_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   code: int) -> None:
    source = tmp_path / "items.jsonl"
    source.write_text('{"id": "a", "title": "First"}\n')
    out = tmp_path / "out.jsonl"

    def full(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("common.store.os.fsync", full)
    result = CliRunner().invoke(cli.main, ["feed", str(source), "-o", str(out), "--to", "en",
                                           "--quiet"])
    reason = os.strerror(code)
    assert one_error(result) == f"Error: cannot write {out}: {reason}"


# -- one wording for a failed DNS lookup ------------------------------------------------

DNS_URL = "http://nohost.invalid/story"
DNS_ERROR = f"{DNS_URL}: cannot resolve host 'nohost.invalid' (Name or service not known)"


@pytest.mark.parametrize("command", [["extract", DNS_URL],
                                     ["summarize", DNS_URL, "--no-translate"]])
def test_dns_failure_wording(command: list[str]) -> None:
    assert one_error(CliRunner().invoke(cli.main, command)) == f"Error: {DNS_ERROR}"


def test_dns_failure_reads_the_same_in_a_feed(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_text('<rss version="2.0"><channel><title>t</title><item><title>A</title>'
                    f"<link>{DNS_URL}</link><guid>g1</guid></item></channel></rss>")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli.main, ["feed", str(feed), "-o", str(out), "--summarize",
                                           "--method", "lead", "--to", "en", "--quiet"])
    assert result.exit_code == 1 and result.stderr == ""
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["status"], r["error"]) for r in records] == [("g1", "error", DNS_ERROR)]
