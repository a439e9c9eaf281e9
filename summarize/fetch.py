"""Fetch a page over http(s) without trusting the server.

Redirects are followed by hand so that every hop is checked (scheme, private address); the
body is read as a stream and decompressed here, chunk by chunk with an output limit, so a
size cap or a gzip bomb stops the download at the cap instead of after it; a total deadline
stops a server that drips one byte at a time; 5xx answers and dropped connections are
retried a bounded number of times with exponential backoff.
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx

from summarize.deadline import bound_by_deadline
from summarize.errors import FetchError
from summarize.fetch_options import DEFAULT_USER_AGENT as DEFAULT_USER_AGENT
from summarize.fetch_options import FetchOptions as FetchOptions

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
_BINARY_TYPES = ("image/", "audio/", "video/", "font/")
_BINARY_APPLICATION_TYPES = frozenset(
    {
        "application/pdf",
        "application/zip",
        "application/gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "application/x-rar-compressed",
        "application/msword",
        "application/x-msdownload",
        "application/wasm",
    }
)
_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


@dataclass(frozen=True)
class FetchedPage:
    """A fetched body with the URL it finally came from and its declared Content-Type;
    ``status`` and ``headers`` let a conditional GET see a 304 and the new validators."""

    url: str
    body: bytes
    content_type: str | None
    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)


class RetryLaterError(FetchError):
    """The server asked to be retried later (429/503 with Retry-After, in seconds)."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class _Retryable(Exception):
    """An attempt failed in a way that another attempt may fix."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def check_url(url: str, options: FetchOptions) -> None:
    """Refuse non-http(s) URLs, malformed ones (a bracket left open, a port out of range)
    and, unless allowed, hosts on private networks."""
    try:
        parts = urlsplit(url)
        hostname, port = parts.hostname, parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "none"
        raise FetchError(f"{url}: unsupported URL scheme '{shown}' (only http and https)")
    if not hostname:
        raise FetchError(f"{url}: the URL has no host name")
    if not options.allow_private_addresses:
        _refuse_private_host(url, hostname, port)


def fetch(
    url: str, options: FetchOptions | None = None, headers: Mapping[str, str] | None = None
) -> FetchedPage:
    """GET ``url`` and return its body; every failure raises one-line ``FetchError``.

    ``headers`` are sent too (``If-None-Match``...); a 304 comes back with an empty body.
    """
    options = options or FetchOptions()
    check_url(url, options)
    started = time.monotonic()
    headers = {
        "User-Agent": options.user_agent,
        "Accept-Encoding": "gzip, deflate",
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
        **(headers or {}),
    }
    attempts = 0
    client = httpx.Client(headers=headers, follow_redirects=False)
    with bound_by_deadline(client, started + options.deadline):
        while True:
            try:
                return _fetch_following_redirects(client, url, options, started)
            except _Retryable as exc:
                attempts += 1
                wait = options.backoff * 2 ** (attempts - 1)
                left = options.deadline - (time.monotonic() - started)
                if attempts > options.retries or wait >= left:
                    tries = f"{attempts} attempt" + ("s" if attempts > 1 else "")
                    message = f"{url}: {exc} (after {tries})"
                    if exc.retry_after is not None:
                        raise RetryLaterError(message, exc.retry_after) from None
                    raise FetchError(message) from None
                time.sleep(wait)


def _fetch_following_redirects(
    client: httpx.Client, url: str, options: FetchOptions, started: float
) -> FetchedPage:
    current = url
    for _ in range(options.max_redirects + 1):
        timeout = httpx.Timeout(_time_left(url, options, started, options.timeout))
        try:
            with client.stream("GET", current, timeout=timeout) as response:
                if response.is_redirect and response.status_code != 304:  # 304: not modified
                    current = _redirect_target(url, current, response, options)
                    continue
                _check_status(url, response)
                _check_content_type(url, response.headers.get("content-type"))
                body = _read_body(url, response, options, started)
                return FetchedPage(
                    str(response.url), body, response.headers.get("content-type"),
                    response.status_code, dict(response.headers),
                )
        except httpx.TimeoutException:
            _time_left(url, options, started, options.timeout)  # the total deadline, if passed
            raise FetchError(f"{url}: timed out after waiting {options.timeout:g}s") from None
        except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError) as exc:
            _time_left(url, options, started, options.timeout)  # closed at the deadline?
            dns = _dns_failure(exc)
            if dns is not None:
                raise cannot_resolve(url, urlsplit(current).hostname or "", dns) from None
            raise _Retryable(f"connection failed ({_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: request failed ({_reason(exc)})") from None
    raise FetchError(f"{url}: too many redirects (more than {options.max_redirects})")


def _redirect_target(
    url: str, current: str, response: httpx.Response, options: FetchOptions
) -> str:
    location: str | None = response.headers.get("location")
    if not location:
        raise FetchError(f"{url}: redirect ({response.status_code}) without a Location header")
    target = urljoin(current, location)
    if urlsplit(target).scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url}: redirected to a non-http URL ({target}), refused")
    check_url(target, options)
    return target


def _check_status(url: str, response: httpx.Response) -> None:
    status = response.status_code
    if status in RETRY_STATUSES:
        after = response.headers.get("retry-after", "").strip()
        raise _Retryable(
            f"HTTP {status} {response.reason_phrase}".rstrip(),
            float(after) if after.isdigit() else None,
        )
    if status >= 400:
        raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}".rstrip())


def _check_content_type(url: str, content_type: str | None) -> None:
    if not content_type:
        return
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type.startswith(_BINARY_TYPES) or media_type in _BINARY_APPLICATION_TYPES:
        raise FetchError(f"{url}: not a web page (Content-Type {media_type})")


def _read_body(url: str, response: httpx.Response, options: FetchOptions, started: float) -> bytes:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    decompressor = None
    if encoding in _WBITS:
        decompressor = zlib.decompressobj(_WBITS[encoding])
    elif encoding not in ("", "identity"):
        raise FetchError(f"{url}: unsupported Content-Encoding '{encoding}'")
    declared = response.headers.get("content-length", "")
    if decompressor is None and declared.isdigit() and int(declared) > options.max_bytes:
        raise FetchError(f"{url}: page too large ({declared} bytes, limit {options.max_bytes})")
    body = bytearray()
    for chunk in response.iter_raw():
        _time_left(url, options, started, options.timeout)
        if decompressor is None:
            body += chunk
        else:
            body += _inflate(url, decompressor, chunk, options.max_bytes - len(body) + 1)
        if len(body) > options.max_bytes:
            raise FetchError(f"{url}: page larger than the limit of {options.max_bytes} bytes")
    if decompressor is not None and not decompressor.eof:
        raise FetchError(f"{url}: corrupt compressed body (truncated {encoding} stream)")
    return bytes(body)


def _inflate(url: str, decompressor: zlib._Decompress, chunk: bytes, limit: int) -> bytes:
    try:
        return decompressor.decompress(chunk, limit)
    except zlib.error as exc:
        raise FetchError(f"{url}: corrupt compressed body ({exc})") from None


def _time_left(url: str, options: FetchOptions, started: float, cap: float) -> float:
    left = options.deadline - (time.monotonic() - started)
    if left <= 0:
        raise FetchError(f"{url}: gave up after the total deadline of {options.deadline:g}s")
    return min(cap, left)


def _refuse_private_host(url: str, host: str, port: int | None) -> None:
    try:
        infos = socket.getaddrinfo(host, port or 80, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise cannot_resolve(url, host, exc) from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%", 1)[0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_reserved
            or address.is_multicast
            or address.is_unspecified
        ):
            raise FetchError(
                f"{url}: host '{host}' resolves to a private address ({address}), refused"
            )


def cannot_resolve(url: str, host: str, exc: Exception) -> FetchError:
    """The one wording of a failed DNS lookup, whichever check met it first."""
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return FetchError(f"{url}: cannot resolve host '{host}' ({reason})")


def _dns_failure(exc: BaseException) -> socket.gaierror | None:
    """The DNS error under an httpx connection error, if that is what it was."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, socket.gaierror):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _reason(exc: Exception) -> str:
    return str(exc) or type(exc).__name__
