"""Stop a feed run cleanly on SIGINT or SIGTERM: finish the batches in flight, then return.

The handler only sets a flag the runner reads between batches, so what is on disk is always
whole batches and a rerun resumes where the run stopped.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@dataclass
class StopRequest:
    """Set by a signal; ``signum`` says which one, for the exit code (128 + signum)."""

    event: threading.Event = field(default_factory=threading.Event)
    signum: int | None = None

    def is_set(self) -> bool:
        return self.event.is_set()

    def request(self, signum: int) -> None:
        self.signum = signum
        self.event.set()


@contextmanager
def stop_on_signals() -> Iterator[StopRequest]:
    """Within the block, SIGINT and SIGTERM ask the run to stop instead of killing it."""
    stop = StopRequest()

    def handle(signum: int, frame: FrameType | None) -> None:
        del frame
        stop.request(signum)

    previous = {signum: signal.signal(signum, handle) for signum in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
