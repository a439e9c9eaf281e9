"""`--watch`: polls driven by a fake clock against feeds on 127.0.0.1 that change, answer
304, 503 with Retry-After, or hang."""

from __future__ import annotations

import json
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from local_http import send, serve
from tiny_models import session_model

from common.store import JsonlStore
from headline.errors import FeedError
from headline.feed import FeedRunOptions
from headline.feed.watch import parse_interval, watch_feeds
from headline.translating import TranslationOptions
from seq2seq import EngineOptions
from summarize.fetch import FetchOptions

pytestmark = pytest.mark.slow


def _rss(guids: list[str]) -> bytes:
    items = "".join(f"<item><title>Story {g}</title><guid>{g}</guid></item>" for g in guids)
    return f'<rss version="2.0"><channel><title>A</title>{items}</channel></rss>'.encode()


class _Clock:
    """A clock that only moves when the watch sleeps; the third poll sees feed A change."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def test_watch_polls_conditionally_and_backs_off_per_feed(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    marian = session_model("marian", tmp_path_factory)
    clock = _Clock()
    seen_validators: list[str | None] = []

    def feed_a(handler: BaseHTTPRequestHandler) -> None:
        version = "a2" if clock.now >= 120 else "a1"
        seen_validators.append(handler.headers.get("If-None-Match"))
        if handler.headers.get("If-None-Match") == f'"{version}"':
            send(handler, 304, b"", {"ETag": f'"{version}"'})
            return
        guids = ["x", "y", "z"] if version == "a2" else ["x", "y"]
        send(handler, 200, _rss(guids), {"Content-Type": "application/rss+xml",
                                         "ETag": f'"{version}"'})

    def busy(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 503, b"busy", {"Retry-After": "300"})

    def hang(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(1.0)
        send(handler, 200, _rss(["late"]))

    out = tmp_path / "out.jsonl"
    translation = TranslationOptions(
        targets=("ru",), overrides={"ru": str(marian)}, engine=EngineOptions(max_length=6),
        use_cache=False,
    )
    options = FeedRunOptions(
        output=str(out), translation=translation,
        fetch=FetchOptions(timeout=0.3, deadline=0.9),
    )
    lines: list[str] = []
    with serve({"/a.xml": feed_a, "/b.xml": busy, "/c.xml": hang}) as server:
        a, b, c = (server.url(f"/{name}.xml") for name in "abc")
        watch = watch_feeds([a, b, c], options, 60.0, max_polls=3, notice=lines.append,
                            clock=clock, sleep=clock.sleep)
        hits = dict(server.hits)
    timeout = f"failed {c}: timed out after waiting 0.3s"
    assert lines == [
        f"poll 1: 2 new, 0 already there, 0 failed; {a}: 2 new, 0 already there; "
        f"failed {b}: HTTP 503 Service Unavailable "
        f"(after 1 attempt); {timeout}",
        f"poll 2: 0 new, 0 already there, 0 failed; {a}: not modified; "
        f"{b}: backing off, next try in 240s; {timeout}",
        f"poll 3: 1 new, 2 already there, 0 failed; {a}: 1 new, 2 already there; "
        f"{b}: backing off, next try in 180s; "
        f"{c}: backing off, next try in 60s",
    ]
    assert watch.failed
    assert clock.sleeps == [60.0, 60.0]
    assert hits == {"/a.xml": 3, "/b.xml": 1, "/c.xml": 2}
    assert seen_validators == [None, '"a1"', '"a1"']
    assert [r["id"] for r in JsonlStore(out).records()] == [f"{a}#x", f"{a}#y", f"{a}#z"]
    stored = json.loads((tmp_path / "out.jsonl.feeds.json").read_text(encoding="utf-8"))
    assert stored == {a: {"etag": '"a2"', "last_modified": None}}


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30.0), ("5m", 300.0), ("1h", 3600.0),
                                               ("45", 45.0), ("1.5m", 90.0)])
def test_parse_interval(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["0s", "-5m", "5 minutes", ""])
def test_parse_interval_refuses_nonsense(text: str) -> None:
    with pytest.raises(FeedError, match="positive interval"):
        parse_interval(text)


def test_cli_watch_with_max_polls(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    import cli

    marian = session_model("marian", tmp_path_factory)
    source = tmp_path / "items.txt"
    source.write_text("First headline\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli.main, ["feed", str(source), "-o", str(out), "--translator", f"ru={marian}",
                   "--to", "ru", "--max-length", "6", "--watch", "0.01s", "--max-polls", "2"],
    )
    assert result.exit_code == 0, result.stderr
    polls = [line for line in result.stderr.splitlines() if line.startswith("poll ")]
    assert polls == ["poll 1: 1 new, 0 already there, 0 failed",
                     "poll 2: 0 new, 1 already there, 0 failed"]
    assert [r["title"] for r in JsonlStore(out).records()] == ["First headline"]
