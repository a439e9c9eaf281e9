"""Fetching: compressed bodies, redirects, declared sizes, URL checks, bounded retries."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator

import pytest
from local_http import ENGLISH_PARAGRAPHS, LocalServer, news_page, send, serve

from summarize import FetchError, FetchOptions, read_article
from summarize.fetch import check_url, fetch

PAGE = news_page("Council approves budget", ENGLISH_PARAGRAPHS).encode()
HTML = {"Content-Type": "text/html; charset=utf-8"}
QUICK = FetchOptions(timeout=1.0, deadline=3.0, retries=1, backoff=0.01)


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    routes = {
        "/page": lambda h: send(h, 200, PAGE, HTML),
        "/gzip": lambda h: send(h, 200, gzip.compress(PAGE), {**HTML, "Content-Encoding": "gzip"}),
        "/deflate": lambda h: send(
            h, 200, zlib.compress(PAGE), {**HTML, "Content-Encoding": "deflate"}
        ),
        "/brotli": lambda h: send(h, 200, b"\x0b\x02\x80", {**HTML, "Content-Encoding": "br"}),
        "/corrupt-gzip": lambda h: send(
            h, 200, b"\x1f\x8b\x08\x00garbage", {**HTML, "Content-Encoding": "gzip"}
        ),
        "/moved": lambda h: send(h, 301, b"", {"Location": "/page"}),
        "/no-location": lambda h: send(h, 302, b""),
        "/unavailable": lambda h: send(h, 503, b"busy", {"Content-Type": "text/plain"}),
    }
    with serve(routes) as state:
        yield state


@pytest.mark.parametrize("path", ["/page", "/gzip", "/deflate"])
def test_body_is_decompressed(server: LocalServer, path: str) -> None:
    page = fetch(server.url(path), QUICK)
    assert page.body == PAGE
    assert page.content_type == HTML["Content-Type"]


def test_redirect_gives_the_final_url(server: LocalServer) -> None:
    assert fetch(server.url("/moved"), QUICK).url == server.url("/page")
    assert read_article(server.url("/moved"), QUICK).url == server.url("/page")


def test_declared_length_over_the_cap_is_refused_before_reading(server: LocalServer) -> None:
    with pytest.raises(FetchError, match=f"page too large \\({len(PAGE)} bytes, limit 100\\)"):
        fetch(server.url("/page"), FetchOptions(max_bytes=100, timeout=1, deadline=3))


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/brotli", "unsupported Content-Encoding 'br'"),
        ("/corrupt-gzip", "corrupt compressed body"),
        ("/no-location", "without a Location header"),
    ],
)
def test_broken_responses(server: LocalServer, path: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        fetch(server.url(path), QUICK)


def test_backoff_longer_than_the_deadline_is_not_waited_for(server: LocalServer) -> None:
    options = FetchOptions(timeout=1, deadline=2, retries=5, backoff=60)
    before = server.hits.get("/unavailable", 0)
    with pytest.raises(FetchError, match=r"HTTP 503 .*\(after 1 attempt\)"):
        fetch(server.url("/unavailable"), options)
    assert server.hits["/unavailable"] - before == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("mailto:editor@example.com", "unsupported URL scheme 'mailto'"),
        ("http:///no-host", "no host name"),
        ("http://localhost:9/", "private address"),
        ("http://[::1]:9/", "private address"),
        ("http://10.1.2.3/", "private address"),
        ("http://169.254.169.254/latest/meta-data", "private address"),
    ],
)
def test_urls_refused_before_any_request(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        check_url(url, FetchOptions(allow_private_addresses=False))


def test_typed_urls_may_be_private_by_default() -> None:
    assert FetchOptions().allow_private_addresses is True
    check_url("http://127.0.0.1:9/", FetchOptions())
    check_url("HTTPS://example.com/a", FetchOptions(allow_private_addresses=True))
