"""A scripted HTTP server on 127.0.0.1 for fetch tests: each path is one server behaviour."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Route = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class LocalServer:
    """Base URL of a running server, the routes it serves and what it has seen."""

    base: str
    routes: dict[str, Route]
    hits: dict[str, int] = field(default_factory=dict)
    user_agents: list[str] = field(default_factory=list)
    bytes_sent: dict[str, int] = field(default_factory=dict)

    def url(self, path: str) -> str:
        return self.base + path


def send(
    handler: BaseHTTPRequestHandler,
    status: int,
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> None:
    """Write a whole response with a Content-Length."""
    handler.send_response(status)
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[LocalServer]:
    """Run a threaded server for ``routes`` (exact paths) until the block ends."""
    server_state = LocalServer(base="", routes=routes)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            server_state.hits[path] = server_state.hits.get(path, 0) + 1
            server_state.user_agents.append(self.headers.get("User-Agent", ""))
            route = routes.get(path)
            try:
                if route is None:
                    send(self, 404, b"not here", {"Content-Type": "text/plain"})
                else:
                    route(self)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output quiet."""

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server_state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_state
    finally:
        httpd.shutdown()
        httpd.server_close()


def stream_forever(
    handler: BaseHTTPRequestHandler,
    chunk: bytes,
    counter: dict[str, int],
    delay: float = 0.0,
    limit: int = 1 << 30,
) -> None:
    """Send ``chunk`` again and again (no Content-Length) until the client goes away."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.end_headers()
    sent = 0
    while sent < limit:
        handler.wfile.write(chunk)
        handler.wfile.flush()
        sent += len(chunk)
        counter[handler.path] = sent
        if delay:
            time.sleep(delay)


ENGLISH_PARAGRAPHS = [
    "The city council approved a new budget on Tuesday after a long debate about schools, "
    "roads and the future of the public library in the old town.",
    "Council members said the plan would raise spending on repairs by ten percent, while the "
    "mayor warned that the money would have to come from higher parking fees next year.",
    "Residents who attended the meeting were divided, and several of them asked the council to "
    "hold another public hearing before the first payments are made in the spring.",
]
RUSSIAN_PARAGRAPHS = [
    "Городской совет во вторник утвердил новый бюджет после долгого спора о школах, дорогах и "
    "будущем публичной библиотеки в старом городе.",
    "Депутаты заявили, что план увеличит расходы на ремонт на десять процентов, а мэр "
    "предупредил, что деньги придётся взять из платы за парковку в следующем году.",
    "Жители, пришедшие на заседание, разделились, и некоторые из них попросили совет провести "
    "ещё одни общественные слушания до первых выплат весной.",
]


def news_page(title: str, paragraphs: list[str], meta_charset: str | None = "utf-8") -> str:
    """A small but realistic news page: navigation, the story, a footer."""
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<!DOCTYPE html><html><head>{meta}<title>{title} | Daily Example</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f'<article><h1>{title}</h1><p class="byline">By Jane Doe</p>{body}</article>'
        "<footer><p>Copyright 2026 Daily Example. All rights reserved.</p></footer>"
        "</body></html>"
    )
