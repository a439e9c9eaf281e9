"""Progress on stderr: a redrawn bar on a terminal, a plain line now and then in a pipe."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

_BAR_WIDTH = 24


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"
    return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


class Progress:
    """Counts items done out of a total and reports rate and ETA.

    The runner calls :meth:`start` once it knows how many items are left to do.

    On a terminal the bar is redrawn in place at most ``redraw_s`` apart; otherwise one line
    is printed every ``interval_s`` and at the end, so logs stay short. ``quiet`` prints
    nothing at all.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        quiet: bool = False,
        interval_s: float = 10.0,
        redraw_s: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.total = 0
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.live = not quiet and self.stream.isatty()
        self.period = redraw_s if self.live else interval_s
        self.clock = clock
        self.started = clock()
        self._last_shown = self.started
        self._shown_done = -1

    def start(self, total: int) -> None:
        """Begin counting towards ``total`` from now."""
        self.total = total
        self.done = 0
        self.started = self._last_shown = self.clock()
        self._shown_done = -1

    def advance(self, count: int) -> None:
        """Record ``count`` more items done; show a report if one is due."""
        self.done += count
        now = self.clock()
        if now - self._last_shown >= self.period:
            self._show(now)

    def finish(self) -> None:
        """Show the final figures (and end the bar's line on a terminal), if any work was done."""
        if not self.total or (not self.live and self._shown_done == self.done):
            return  # a pipe already has this line
        self._show(self.clock())
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        """The report text at time ``now``: done/total, percent, rate, ETA."""
        elapsed = max(now - self.started, 1e-9)
        rate = self.done / elapsed
        left = self.total - self.done
        eta = _duration(left / rate) if rate > 0 and left > 0 else "-"
        percent = 100.0 * self.done / self.total if self.total else 100.0
        text = f"{self.done}/{self.total} items ({percent:.0f}%), {rate:.1f} items/s, ETA {eta}"
        if not self.live:
            return text
        filled = round(_BAR_WIDTH * percent / 100)
        return f"[{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] {text}"

    def _show(self, now: float) -> None:
        if self.quiet:
            return
        self._last_shown = now
        self._shown_done = self.done
        if self.live:
            self.stream.write("\r" + self.line(now) + "\x1b[K")
        else:
            self.stream.write(self.line(now) + "\n")
        self.stream.flush()
