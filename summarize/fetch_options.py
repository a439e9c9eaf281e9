"""How a fetch behaves, apart from the fetcher, so reading a local file never imports the
HTTP client."""

from __future__ import annotations

from dataclasses import dataclass

from summarize.errors import FetchError

DEFAULT_USER_AGENT = "headline/0.1 (news digest)"


@dataclass(frozen=True)
class FetchOptions:
    """How patient and how trusting a fetch is.

    ``timeout`` bounds each connect/read; ``deadline`` bounds the whole fetch, retries
    included; ``max_bytes`` caps the decoded body; ``retries`` counts extra attempts after a
    5xx or a dropped connection, waiting ``backoff`` seconds, doubled each time.
    ``allow_private_addresses=False`` refuses hosts that resolve to loopback, private or
    link-local addresses (for links found inside feeds).
    """

    timeout: float = 10.0
    deadline: float = 30.0
    max_bytes: int = 10_000_000
    retries: int = 2
    backoff: float = 0.5
    max_redirects: int = 5
    user_agent: str = DEFAULT_USER_AGENT
    allow_private_addresses: bool = True

    def __post_init__(self) -> None:
        # an HTTP header is ASCII without control characters; anything else would fail
        # inside the HTTP client instead of being named
        if not (self.user_agent.isascii() and self.user_agent.isprintable()):
            raise FetchError(f"the user agent {self.user_agent!r} must be printable ASCII "
                             "(see --user-agent)")
