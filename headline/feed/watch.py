"""``headline feed --watch``: poll the feeds every interval and translate only new items.

Each poll is one resumable feed run (ids already written are skipped). Feed URLs are read
with a conditional GET: the ``ETag`` and ``Last-Modified`` of each feed are kept in
``OUT.feeds.json`` (replaced atomically, and only after the poll's records are on disk, so a
kill never marks unwritten items as seen) and a 304 costs no parsing. A feed that fails waits
``interval * 2**(failures - 1)`` (at most 64 intervals), or longer when the server's
Retry-After says so, without holding up the other feeds. The translator is built once.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from common.errors import HeadlineError
from headline.errors import FeedError
from headline.feed import FeedRunOptions, FeedRunResult, run_feed
from headline.feed.runner import ShouldStop
from headline.feed.sources import Unchanged
from summarize.fetch import RetryLaterError, fetch

_MAX_BACKOFF = 64
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``5m``, ``1h`` or a plain number of seconds."""
    match = _INTERVAL.match(text.lower())
    if match is None or float(match.group(1)) <= 0:
        raise FeedError(f"--watch {text!r}: give a positive interval such as 30s, 5m or 1h")
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass
class FeedState:
    """One feed's validators (kept on disk) and its failures (kept for this watch)."""

    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    retry_at: float = 0.0


class ConditionalFetcher:
    """Fetch feed URLs with the stored validators; 304 and backing off raise Unchanged.

    New validators wait in ``fresh`` until :meth:`commit`, after the poll's records are
    written.
    """

    def __init__(
        self, options: FeedRunOptions, states: dict[str, FeedState], interval_s: float,
        clock: Callable[[], float],
    ) -> None:
        self.fetch_options = dataclasses.replace(options.fetch, retries=0)
        self.states, self.interval_s, self.clock = states, interval_s, clock
        self.fresh: dict[str, tuple[str | None, str | None]] = {}

    def __call__(self, url: str) -> bytes:
        state = self.states.setdefault(url, FeedState())
        now = self.clock()
        if now < state.retry_at:
            raise Unchanged(f"backing off, next try in {state.retry_at - now:.0f}s")
        headers = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        try:
            page = fetch(url, self.fetch_options, headers)
        except HeadlineError as exc:
            state.failures += 1
            wait = self.interval_s * min(2 ** (state.failures - 1), _MAX_BACKOFF)
            if isinstance(exc, RetryLaterError):
                wait = max(wait, exc.retry_after)
            state.retry_at = now + wait
            raise
        state.failures, state.retry_at = 0, 0.0
        if page.status == 304:
            raise Unchanged("not modified")
        lowered = {name.lower(): value for name, value in page.headers.items()}
        self.fresh[url] = (lowered.get("etag"), lowered.get("last-modified"))
        return page.body

    def commit(self) -> None:
        """Keep the validators of the feeds this poll read."""
        for url, (etag, last_modified) in self.fresh.items():
            self.states[url].etag, self.states[url].last_modified = etag, last_modified
        self.fresh.clear()


def validators_path(output: str) -> Path:
    """Where the validators of ``output``'s feeds are kept."""
    return Path(output + ".feeds.json")


def load_states(path: Path) -> dict[str, FeedState]:
    """Validators from an earlier watch (none if the file is missing or unreadable)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {
        url: FeedState(entry.get("etag"), entry.get("last_modified"))
        for url, entry in data.items() if isinstance(entry, dict)
    } if isinstance(data, dict) else {}


def save_states(path: Path, states: dict[str, FeedState]) -> None:
    """Write the validators to a temporary file and rename it over ``path``."""
    data = {
        url: {"etag": state.etag, "last_modified": state.last_modified}
        for url, state in states.items() if state.etag or state.last_modified
    }
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    temporary.replace(path)


@dataclass
class WatchReport:
    """Every poll's result (None where the poll itself failed) and its one-line summary."""

    results: list[FeedRunResult | None] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(
            result is None or result.feed_errors or result.report.failed
            for result in self.results
        )


def watch_feeds(
    sources: list[str],
    options: FeedRunOptions,
    interval_s: float,
    max_polls: int | None = None,
    notice: Callable[[str], None] = print,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], object] = time.sleep,
    should_stop: ShouldStop | None = None,
) -> WatchReport:
    """Poll ``sources`` every ``interval_s`` (``max_polls`` times, or until stopped);
    ``notice`` gets one line per poll."""
    if options.output == "-" or options.output.lower().endswith(".html"):
        raise FeedError("--watch needs a JSONL or CSV output file to resume from")
    path = validators_path(options.output)
    states = load_states(path)
    # one translator for every poll (a Ray run builds its own on the workers)
    translator = options.translation.translator() if options.engine == "local" else None
    watch = WatchReport()
    poll = 0
    while max_polls is None or poll < max_polls:
        poll += 1
        started = clock()
        fetcher = ConditionalFetcher(options, states, interval_s, clock)
        result: FeedRunResult | None = None
        try:
            result = run_feed(sources, options, should_stop=should_stop, fetch_bytes=fetcher,
                              translator=translator)
        except HeadlineError as exc:
            line = f"failed: {exc}"
        else:
            fetcher.commit()
            save_states(path, states)
            line = poll_line(result)
        watch.results.append(result)
        watch.lines.append(f"poll {poll}: {line}")
        notice(watch.lines[-1])
        if (should_stop is not None and should_stop()) or poll == max_polls:
            break
        sleep(max(0.0, started + interval_s - clock()))
    return watch


def poll_line(result: FeedRunResult) -> str:
    """``N new, M already there, F failed``, then each feed's counts (when there are several)
    and what happened to each feed not read."""
    report = result.report
    parts = [f"{report.written} new, {report.skipped} already there, {report.failed} failed"]
    parts += [
        f"{url}: {new} new, {old} already there" for url, (new, old) in report.by_feed.items()
    ]
    parts += [f"{url}: {why}" for url, why in result.unchanged.items()]
    parts += [f"failed {problem}" for problem in result.feed_errors]
    return "; ".join(parts)
