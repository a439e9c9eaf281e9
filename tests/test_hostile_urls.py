"""Issue 12: malformed URLs (in arguments, feeds and redirects) and unusable ``--user-agent``
values are named in one ``Error:`` line, never the generic "unexpected" fallback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_cli import one_error
from local_http import send, serve

import cli

URL_CASES = {
    "open-ipv6-bracket": ("http://[::1/x", "Invalid IPv6 URL"),
    "bad-ipv6-host": ("https://[zz]/news", "'zz' does not appear to be an IPv4 or IPv6 address"),
    "port-out-of-range": ("http://example.com:99999/", "Port out of range 0-65535"),
    "port-not-a-number": ("http://example.com:abc/",
                          "Port could not be cast to integer value as 'abc'"),
}


@pytest.mark.parametrize("command", ["extract", "summarize"])
@pytest.mark.parametrize("case", list(URL_CASES))
def test_a_malformed_url_is_named(command: str, case: str) -> None:
    url, reason = URL_CASES[case]
    args = [command, url] + (["--no-translate"] if command == "summarize" else [])
    result = CliRunner().invoke(cli.main, args)
    assert one_error(result) == f"Error: {url}: not a valid URL ({reason})"


def test_a_malformed_feed_url_is_named(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli.main, ["feed", "http://[::1/rss", "-o", str(out),
                                           "--to", "en"])
    assert one_error(result) == "Error: http://[::1/rss: not a valid URL (Invalid IPv6 URL)"
    assert not out.exists() or out.read_text() == ""


def test_a_redirect_to_a_malformed_url_is_one_line() -> None:
    """httpx itself refuses the Location header; the error still names the URL."""
    routes = {"/away": lambda h: send(h, 302, b"", {"Location": "http://[::1/next"})}
    with serve(routes) as server:
        url = server.url("/away")
        result = CliRunner().invoke(cli.main, ["extract", url, "--timeout", "2"])
    assert one_error(result) == (
        f"Error: {url}: connection failed (Invalid URL in location header: Invalid port: "
        "':1'.) (after 3 attempts)"
    )


@pytest.mark.parametrize("agent, shown", [("\u00e9t\u00e9", "'été'"), ("a\nb", "'a\\nb'"),
                                          ("tab\there", "'tab\\there'")])
@pytest.mark.parametrize("command", ["extract", "feed"])
def test_a_user_agent_that_is_no_http_header_is_named(
    tmp_path: Path, agent: str, shown: str, command: str
) -> None:
    args = {"extract": ["extract", "http://example.com/"],
            "feed": ["feed", "http://example.com/rss", "-o", str(tmp_path / "o.jsonl")]}
    result = CliRunner().invoke(cli.main, [*args[command], "--user-agent", agent])
    assert one_error(result) == (
        f"Error: the user agent {shown} must be printable ASCII (see --user-agent)"
    )
