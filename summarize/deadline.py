"""A network backend whose every socket operation shares one total deadline.

httpx's timeouts bound each connect and each read, so a server that sends its headers one
byte at a time, or an endless run of ``1xx`` interim responses, keeps a fetch alive for ever.
Capping each operation's timeout at the time left until the deadline makes the deadline hold
for the whole exchange, headers included.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterable

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


def bound_by_deadline(client: httpx.Client, deadline: float) -> httpx.Client:
    """Make every connection of ``client`` end by ``deadline``, its direct transport and any
    proxy ones from the environment alike (httpx offers no public hook for the backend)."""
    backend = DeadlineBackend(deadline)
    for transport in (client._transport, *client._mounts.values()):
        pool = getattr(transport, "_pool", None)
        if pool is not None and hasattr(pool, "_network_backend"):
            pool._network_backend = backend
    return client
