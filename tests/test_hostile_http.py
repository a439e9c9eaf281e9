"""Issue 6, HTTP battery: every broken or hostile server gets one clear error, never a hang."""

from __future__ import annotations

import functools
import gzip
import io
import itertools
import socket
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler

import pytest
from click.testing import CliRunner
from local_http import (
    ENGLISH_PARAGRAPHS,
    RUSSIAN_PARAGRAPHS,
    LocalServer,
    Route,
    news_page,
    send,
    serve,
    stream_forever,
)

import cli
from summarize import ExtractionError, FetchError, FetchOptions, InputError, read_article

FAST = FetchOptions(timeout=0.5, deadline=2.0, retries=2, backoff=0.01, max_bytes=200_000)
PAGE = news_page("Council approves budget", ENGLISH_PARAGRAPHS).encode()
RUSSIAN = news_page("Совет утвердил бюджет", RUSSIAN_PARAGRAPHS, meta_charset=None)
HTML = {"Content-Type": "text/html; charset=utf-8"}
PLAIN_HTML = {"Content-Type": "text/html"}
HUGE = 200_000_000
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(200)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" + bytes(100)


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.html", PAGE)
    return buffer.getvalue()


def _flaky(failures: int) -> Route:
    """A route that answers 503 ``failures`` times, then the page."""
    calls = itertools.count(1)

    def route(handler: BaseHTTPRequestHandler) -> None:
        if next(calls) <= failures:
            send(handler, 503, b"busy", {"Content-Type": "text/plain"})
        else:
            send(handler, 200, PAGE, HTML)

    return route


def _reset_mid_body(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.send_header("Content-Length", str(len(PAGE) * 4))
    handler.end_headers()
    handler.wfile.write(PAGE[:100])
    handler.wfile.flush()
    linger_zero = b"\x01\x00\x00\x00\x00\x00\x00\x00"  # close with RST, not FIN
    handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger_zero)
    handler.connection.close()


def _never_answers(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)


@functools.cache
def _bomb() -> bytes:
    """50 MB of markup in about 50 kB of gzip."""
    return gzip.compress(b"<html><body>" + b"A" * 50_000_000, compresslevel=9)


def _gzip_bomb(handler: BaseHTTPRequestHandler) -> None:
    send(handler, 200, _bomb(), {"Content-Type": "text/html", "Content-Encoding": "gzip"})


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    counters: dict[str, int] = {}
    routes = {
        "/ok": lambda h: send(h, 200, PAGE, HTML),
        "/404": lambda h: send(h, 404, b"gone", {"Content-Type": "text/plain"}),
        "/410": lambda h: send(h, 410, b"gone", {"Content-Type": "text/plain"}),
        "/500": lambda h: send(h, 500, b"oops", {"Content-Type": "text/plain"}),
        "/flaky": _flaky(failures=2),
        "/reset": _reset_mid_body,
        "/hang": _never_answers,
        "/drip": lambda h: stream_forever(h, b"<", counters, delay=0.2),
        "/loop": lambda h: send(h, 302, b"", {"Location": "/loop"}),
        "/to-file": lambda h: send(h, 302, b"", {"Location": "file:///etc/passwd"}),
        "/to-ok": lambda h: send(h, 301, b"", {"Location": "/ok"}),
        "/huge": lambda h: stream_forever(h, b"<p>" + b"x" * 8189, counters, limit=HUGE),
        "/bomb": _gzip_bomb,
        "/octet": lambda h: send(h, 200, PAGE, {"Content-Type": "application/octet-stream"}),
        "/no-type": lambda h: send(h, 200, PAGE),
        "/png-as-html": lambda h: send(h, 200, PNG, HTML),
        "/pdf-as-html": lambda h: send(h, 200, PDF, HTML),
        "/zip-as-html": lambda h: send(h, 200, _zip_bytes(), HTML),
        "/image": lambda h: send(h, 200, PNG, {"Content-Type": "image/png"}),
        "/cp1251-declared": lambda h: send(
            h, 200, RUSSIAN.encode("cp1251"), {"Content-Type": "text/html; charset=windows-1251"}
        ),
        "/cp1251-bare": lambda h: send(h, 200, RUSSIAN.encode("cp1251"), PLAIN_HTML),
        "/koi8-declared": lambda h: send(
            h, 200, RUSSIAN.encode("koi8-r"), {"Content-Type": "text/html; charset=koi8-r"}
        ),
        "/koi8-bare": lambda h: send(h, 200, RUSSIAN.encode("koi8-r"), PLAIN_HTML),
        "/no-article": lambda h: send(
            h, 200, b"<html><body><nav><a href='/'>Home</a></nav></body></html>", HTML
        ),
    }
    _bomb()
    with serve(routes) as state:
        state.bytes_sent = counters
        yield state


FAILURES = [
    ("/404", FetchError, "HTTP 404"),
    ("/410", FetchError, "HTTP 410"),
    ("/500", FetchError, "HTTP 500"),
    ("/reset", FetchError, "connection failed"),
    ("/hang", FetchError, "timed out"),
    ("/drip", FetchError, "deadline"),
    ("/loop", FetchError, "too many redirects"),
    ("/to-file", FetchError, "non-http URL"),
    ("/huge", FetchError, "larger than the limit"),
    ("/bomb", FetchError, "larger than the limit"),
    ("/png-as-html", InputError, "PNG image"),
    ("/pdf-as-html", InputError, "PDF document"),
    ("/zip-as-html", InputError, "zip archive"),
    ("/image", FetchError, "Content-Type image/png"),
    ("/no-article", ExtractionError, "no article"),
]


@pytest.mark.parametrize(("path", "error", "message"), FAILURES)
def test_each_failure_is_one_clear_error(
    server: LocalServer, path: str, error: type[Exception], message: str
) -> None:
    started = time.monotonic()
    with pytest.raises(error, match=message) as caught:
        read_article(server.url(path), FAST)
    assert server.url(path) in str(caught.value)
    assert "\n" not in str(caught.value)
    assert time.monotonic() - started < FAST.deadline + FAST.timeout + 1


@pytest.mark.parametrize(("path", "error", "message"), FAILURES)
def test_cli_prints_one_error_line(
    server: LocalServer, path: str, error: type[Exception], message: str
) -> None:
    result = CliRunner().invoke(
        cli.main, ["extract", server.url(path), "--timeout", "0.5", "--max-bytes", "200000"]
    )
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]
    assert "Traceback" not in result.output


def test_503_is_retried_until_success(server: LocalServer) -> None:
    article = read_article(server.url("/flaky"), FAST)
    assert server.hits["/flaky"] == 3
    assert article.paragraphs == ENGLISH_PARAGRAPHS


def test_retries_are_bounded(server: LocalServer) -> None:
    before = server.hits.get("/500", 0)
    with pytest.raises(FetchError, match="after 3 attempts"):
        read_article(server.url("/500"), FAST)
    assert server.hits["/500"] - before == FAST.retries + 1


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connection failed"):
        read_article(f"http://127.0.0.1:{port}/", FAST)


def test_body_over_the_cap_is_not_read_to_the_end(server: LocalServer) -> None:
    with pytest.raises(FetchError):
        read_article(server.url("/huge"), FAST)
    time.sleep(0.2)
    assert server.bytes_sent["/huge"] < HUGE // 4


@pytest.mark.parametrize(
    "path", ["/ok", "/to-ok", "/octet", "/no-type"], ids=["plain", "redirect", "octet", "none"]
)
def test_pages_that_work(server: LocalServer, path: str) -> None:
    article = read_article(server.url(path), FAST)
    assert article.title == "Council approves budget"
    assert article.paragraphs == ENGLISH_PARAGRAPHS
    assert article.language == "en"


@pytest.mark.parametrize(
    "path", ["/cp1251-declared", "/cp1251-bare", "/koi8-declared", "/koi8-bare"]
)
def test_russian_legacy_charsets_come_out_right(server: LocalServer, path: str) -> None:
    article = read_article(server.url(path), FAST)
    assert article.paragraphs == RUSSIAN_PARAGRAPHS
    assert article.title == "Совет утвердил бюджет"
    assert article.language == "ru"


def test_user_agent_is_sent(server: LocalServer) -> None:
    options = FetchOptions(user_agent="headline-test/1.0", timeout=1, deadline=3)
    read_article(server.url("/ok"), options)
    assert server.user_agents[-1] == "headline-test/1.0"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a", "javascript://x"])
def test_non_http_schemes_are_refused(url: str) -> None:
    scheme = url.split(":", 1)[0]
    with pytest.raises(FetchError, match=f"^{url}: unsupported URL scheme '{scheme}'"):
        read_article(url, FAST)


def test_private_addresses_refused_when_not_allowed(server: LocalServer) -> None:
    options = FetchOptions(timeout=0.5, deadline=2, allow_private_addresses=False)
    with pytest.raises(FetchError, match="private address"):
        read_article(server.url("/ok"), options)
