"""Feed runs: read a feed, translate its items in batches, write resumable output.

:func:`run_feed` is ``headline feed`` as a Python call: it reads the source, picks the
output sink by format, and runs the batches here or on a Ray cluster; both engines produce
the same records (:func:`headline.feed.runner.process_batch`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from headline.feed.progress import Progress
from headline.feed.reader import Feed, FeedItem, FetchBytes, read_feed
from headline.feed.runner import (
    TRANSLATABLE_FIELDS,
    FeedOptions,
    RunReport,
    ShouldStop,
    Summarise,
)
from headline.summarizing import SummaryOptions
from headline.translating import TranslationOptions
from summarize.fetch_options import FetchOptions
from translate.translator import Translator

ENGINES = ("local", "ray")


@dataclass(frozen=True)
class FeedRunOptions:
    """One feed run: where records go and in what format (None: from the extension), what
    is translated, and how.

    ``summary`` set means: fetch each item's link, summarise the article and translate that
    summary (links on loopback or private networks only with ``allow_private_links``).
    ``engine`` is ``local`` or ``ray`` (``num_workers`` actors; ``ray_address`` a cluster,
    None to start Ray here or use ``RAY_ADDRESS``). ``retry_errors`` translates again the
    items whose earlier record is an error; the new record replaces it.
    """

    output: str
    fmt: str | None = None
    translation: TranslationOptions = field(default_factory=TranslationOptions)
    fields: tuple[str, ...] = TRANSLATABLE_FIELDS
    batch_size: int = 96
    summary: SummaryOptions | None = None
    fetch: FetchOptions = field(default_factory=FetchOptions)
    allow_private_links: bool = False
    engine: str = "local"
    num_workers: int = 2
    ray_address: str | None = None
    retry_errors: bool = True


@dataclass(frozen=True)
class FeedRunResult:
    """What a run did (counts and errors), how many duplicate ids the feeds held, and the
    feeds that could not be read (``SOURCE: why``)."""

    report: RunReport
    duplicates: int
    output: str
    feed_errors: list[str] = field(default_factory=list)
    unchanged: dict[str, str] = field(default_factory=dict)


def run_feed(
    source: str | Sequence[str],
    options: FeedRunOptions,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
    fetch_bytes: FetchBytes | None = None,
    translator: Translator | None = None,
) -> FeedRunResult:
    """Translate every item of the feed ``source`` (or of several feeds and OPML lists) into
    ``options.output``, resumably; a feed that cannot be read is reported, the rest go on.
    ``should_stop`` returning True ends the run after the batches in flight are written;
    ``fetch_bytes`` replaces the plain GET of feed URLs (the watch's conditional one);
    ``translator`` is a local engine's translator built earlier (a watch keeps one)."""
    from headline.feed.outputs import open_sink, output_format
    from headline.feed.sources import read_sources
    from summarize.fetch import fetch as fetch_page

    batching = FeedOptions(
        targets=options.translation.targets, fields=options.fields,
        batch_size=options.batch_size, retry_errors=options.retry_errors,
    )
    fmt = output_format(options.output, options.fmt)
    sources = [source] if isinstance(source, str) else list(source)
    feed = read_sources(
        sources, fetch_bytes or (lambda url: fetch_page(url, options.fetch).body),
        max_bytes=options.fetch.max_bytes,
    )
    summarize = _link_summarizer(options)
    order = [item.id for item in feed.items]
    title = feed.title or f"{', '.join(feed.feeds)} — digest"
    sink = open_sink(options.output, fmt, batching.targets, batching.fields, title, order)
    translation = options.translation
    with sink:
        if options.engine == "ray":
            from headline.feed.ray_engine import RayOptions, run_feed_on_ray

            ray_options = RayOptions(num_workers=options.num_workers, address=options.ray_address)
            report = run_feed_on_ray(
                feed.items, translation.translator, sink, batching, ray_options, summarize,
                progress, should_stop,
            )
        else:
            from headline.feed.runner import run_items

            report = run_items(
                feed.items, translator or translation.translator(), sink, batching, summarize,
                progress,
                should_stop,
            )
    return FeedRunResult(report, feed.duplicates, options.output, feed.errors, feed.unchanged)


def _link_summarizer(options: FeedRunOptions) -> Summarise | None:
    if options.summary is None:
        return None
    from headline.feed.links import LinkSummarizer

    links = dataclasses.replace(options.fetch, allow_private_addresses=options.allow_private_links)
    # --beam-size/--max-length are for headlines; a summariser keeps its model's own
    engine = dataclasses.replace(options.translation.engine, beam_size=None, max_length=None)
    return LinkSummarizer(links, options.summary, engine)


__all__ = [
    "ENGINES",
    "Feed",
    "FeedItem",
    "FeedRunOptions",
    "FeedRunResult",
    "Progress",
    "RunReport",
    "read_feed",
    "run_feed",
]
