"""A network backend whose every socket operation shares one total deadline.

httpx's timeouts bound each connect and each read, so a server that sends its headers one
byte at a time, or an endless run of ``1xx`` interim responses, keeps a fetch alive for ever.
Capping each operation's timeout at the time left until the deadline makes the deadline hold
for the whole exchange, headers included.

httpx has no public hook for its network backend, so the backend is set on each connection
pool's internal attribute. Where an httpx version lacks it, a watchdog closes the client's
connections at the deadline instead: the read in progress then fails at the latest one
per-operation timeout later, so the fetch still ends by deadline + timeout.
"""

from __future__ import annotations

import ssl
import threading
import time
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import httpcore
import httpx


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's sync backend with each timeout cut to what is left before ``deadline``
    (a :func:`time.monotonic` value)."""

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        self._inner = httpcore.SyncBackend()

    def time_left(self, timeout: float | None) -> float:
        """The timeout for the next operation; raises once the deadline has passed."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("total deadline reached")
        return left if timeout is None else min(timeout, left)

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(
            host, port, self.time_left(timeout), local_address, socket_options
        )
        return _DeadlineStream(stream, self)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, self.time_left(timeout), socket_options)
        return _DeadlineStream(stream, self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _DeadlineStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, backend: DeadlineBackend) -> None:
        self._inner = inner
        self._backend = backend

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._backend.time_left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._backend.time_left(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.start_tls(ssl_context, server_hostname,
                                       self._backend.time_left(timeout))
        return _DeadlineStream(stream, self._backend)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


BACKEND_ATTRIBUTE = "_network_backend"
"""The attribute of an httpcore connection pool (inside an httpx transport) holding its
network backend; internal to httpx, hence checked before use."""


@contextmanager
def bound_by_deadline(client: httpx.Client, deadline: float) -> Iterator[httpx.Client]:
    """``client`` (closed on exit) with every connection ending by ``deadline``: its direct
    transport and any proxy ones from the environment get a :class:`DeadlineBackend`, or,
    where that internal hook is missing, a watchdog closes them at the deadline."""
    backend = DeadlineBackend(deadline)
    transports = [getattr(client, "_transport", None),
                  *getattr(client, "_mounts", {}).values()]
    hooked = [_set_backend(transport, backend) for transport in transports if transport]
    watchdog = None
    if not hooked or not all(hooked):
        left = max(0.0, deadline - time.monotonic())
        watchdog = threading.Timer(left, _close_all, [[t for t in transports if t]])
        watchdog.daemon = True
        watchdog.start()
    try:
        with client:
            yield client
    finally:
        if watchdog is not None:
            watchdog.cancel()


def _set_backend(transport: httpx.BaseTransport, backend: DeadlineBackend) -> bool:
    """Whether ``transport``'s pool took ``backend``."""
    pool = getattr(transport, "_pool", None)
    if pool is None or not hasattr(pool, BACKEND_ATTRIBUTE):
        return False
    setattr(pool, BACKEND_ATTRIBUTE, backend)
    return True


def _close_all(transports: list[httpx.BaseTransport]) -> None:
    for transport in transports:
        transport.close()
