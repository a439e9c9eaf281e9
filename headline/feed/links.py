"""Feed ``--summarize``: fetch an item's link, extract the article, summarise it."""

from __future__ import annotations

import threading
from typing import Any

from headline.errors import FeedError
from headline.feed.reader import FeedItem
from headline.summarizing import SummaryOptions, build_summarizer
from seq2seq import EngineOptions
from summarize.fetch_options import FetchOptions
from summarize.sources import read_article
from summarize.summarizers import Summarizer, summarize_article


class LinkSummarizer:
    """Summarise the page an item links to, in the summary options' sentences.

    Only http(s) links are followed (a link is never read as a local path) and private
    addresses are refused unless the fetch options allow them. The summariser is built on
    first use in each process, so the object pickles cheaply for Ray workers.
    """

    def __init__(self, fetch: FetchOptions, summary: SummaryOptions, engine: EngineOptions) -> None:
        self.fetch, self.summary, self.engine = fetch, summary, engine
        self._summarizer: Summarizer | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_summarizer", "_lock")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _summarizer=None, _lock=threading.Lock())

    def __call__(self, item: FeedItem) -> str:
        link = item.link or ""
        if not link.lower().startswith(("http://", "https://")):
            raise FeedError(f"{link}: only http and https links are fetched")
        with self._lock:  # items are summarised in threads: load a model once
            if self._summarizer is None:
                self._summarizer = build_summarizer(self.summary, self.engine)
        article = read_article(link, self.fetch)
        return " ".join(summarize_article(article, self._summarizer, self.summary.sentences))
