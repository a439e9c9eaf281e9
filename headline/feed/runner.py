"""The feed pipeline: skip done ids, batch by token budget, summarise, translate, write.

:func:`process_batch` turns a batch of items into records and is the whole per-batch job,
shared by the local loop here and the Ray engine, so both produce the same records. Records
go to a :class:`RecordSink` one batch at a time; a resumable store is one, a page renderer
can be another.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

from common.errors import HeadlineError
from headline.errors import FeedError
from headline.feed.progress import Progress
from headline.feed.reader import FeedItem
from headline.records import FeedRecord, Translation
from headline.translating import TextParts, translate_parts
from translate.translator import Translator

TRANSLATABLE_FIELDS = ("title", "summary")
_BATCHES_IN_FLIGHT = 2  # enough to keep every CTranslate2 worker busy across batch ends
Summarise = Callable[[FeedItem], str]
"""Returns a summary for an item (usually of the page at its link); raises HeadlineError."""
ShouldStop = Callable[[], bool]
"""Asked between batches; True stops the run after the batches in flight are written."""


class RecordSink(Protocol):
    """Where records go: knows what is already there and takes one batch at a time.

    A record appended for an id in :meth:`failed_ids` replaces that id's error record.
    """

    def done_ids(self) -> set[str]: ...

    def failed_ids(self) -> set[str]: ...

    def append(self, records: Sequence[FeedRecord]) -> None: ...


@dataclass(frozen=True)
class FeedOptions:
    """What to translate and how big a batch is.

    A batch is closed at ``batch_size`` items or when its estimated tokens would pass
    ``batch_tokens``; a batch is also the unit written to disk. Two batches are in flight at
    once (the next one translates while the last one's stragglers finish and its records are
    written, in order), so a kill loses at most the work of two and never writes half of one.
    ``retry_errors`` translates again the items whose earlier record has ``status: error``.
    """

    targets: tuple[str, ...] = ("ru", "hy")
    fields: tuple[str, ...] = TRANSLATABLE_FIELDS
    batch_size: int = 96
    batch_tokens: int = 2048
    summarize_workers: int = 4
    retry_errors: bool = True

    def __post_init__(self) -> None:
        unknown = sorted(set(self.fields) - set(TRANSLATABLE_FIELDS))
        if unknown:
            raise FeedError(
                f"unknown field(s) {', '.join(unknown)} (choose from title, summary)"
            )
        if not self.targets:
            raise FeedError("no target language given")
        if self.batch_size < 1 or self.batch_tokens < 1:
            raise FeedError("batch size and token budget must be at least 1")


@dataclass
class RunReport:
    """What a run did; ``failed`` counts items written with ``status: error``, ``retried``
    the items done again because their earlier record was an error."""

    total: int = 0
    skipped: int = 0
    written: int = 0
    failed: int = 0
    retried: int = 0
    errors: list[str] = field(default_factory=list)
    interrupted: bool = False
    by_feed: dict[str, list[int]] = field(default_factory=dict)
    """[written, skipped] per feed, in runs over several feeds."""


def approx_tokens(text: str) -> int:
    """A tokenizer-free estimate (about four characters per subword) for batch budgets."""
    return len(text) // 4 + 1


def plan_batches(items: Sequence[FeedItem], options: FeedOptions) -> Iterator[list[FeedItem]]:
    """Items in feed order cut into batches by item cap and token budget.

    Feed order keeps the output in the order of the input; the translator sorts each
    batch by length itself, so padding stays small without reordering the records.
    """
    batch: list[FeedItem] = []
    tokens = 0
    for item in items:
        cost = approx_tokens(item.title) + approx_tokens(item.summary or "")
        if batch and (len(batch) == options.batch_size or tokens + cost > options.batch_tokens):
            yield batch
            batch, tokens = [], 0
        batch.append(item)
        tokens += cost
    if batch:
        yield batch


def run_items(
    items: Sequence[FeedItem],
    translator: Translator,
    sink: RecordSink,
    options: FeedOptions,
    summarize: Summarise | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> RunReport:
    """Translate every item ``sink`` does not have yet, writing batch by batch."""
    todo, report = start_run(items, sink, options, progress)
    with ThreadPoolExecutor(max_workers=_BATCHES_IN_FLIGHT) as pool:
        in_flight: deque[Future[list[FeedRecord]]] = deque()
        for batch in plan_batches(todo, options):
            if should_stop is not None and should_stop():
                report.interrupted = True
                break
            in_flight.append(pool.submit(process_batch, batch, translator, options, summarize))
            if len(in_flight) == _BATCHES_IN_FLIGHT:
                _write_next(in_flight, sink, report, progress)
        while in_flight:
            _write_next(in_flight, sink, report, progress)
    if progress is not None:
        progress.finish()
    return report


def start_run(
    items: Sequence[FeedItem], sink: RecordSink, options: FeedOptions, progress: Progress | None
) -> tuple[list[FeedItem], RunReport]:
    """The items ``sink`` lacks (or failed, when retrying) and a report counting the rest as
    skipped; progress starts."""
    failed = sink.failed_ids() if options.retry_errors else set()
    done = sink.done_ids() - failed
    todo = [item for item in items if item.id not in done]
    if progress is not None:
        progress.start(len(todo))
    retried = sum(item.id in failed for item in todo)
    report = RunReport(total=len(items), skipped=len(items) - len(todo), retried=retried)
    for item in items:
        if item.feed is not None:
            report.by_feed.setdefault(item.feed, [0, 0])[1] += item.id in done
    return todo, report


def _write_next(
    in_flight: deque[Future[list[FeedRecord]]],
    sink: RecordSink,
    report: RunReport,
    progress: Progress | None,
) -> None:
    """Wait for the oldest batch in flight and write it, so records keep the batch order."""
    records = in_flight.popleft().result()
    sink.append(records)
    record_written(report, records, progress)


def record_written(
    report: RunReport, records: Sequence[FeedRecord], progress: Progress | None
) -> None:
    """Count a written batch into ``report`` and advance the progress display."""
    report.written += len(records)
    for record in records:
        if record.feed is not None:
            report.by_feed.setdefault(record.feed, [0, 0])[0] += 1
        if record.error:
            report.failed += 1
            report.errors.append(f"{record.id}: {record.error}")
    if progress is not None:
        progress.advance(len(records))


def process_batch(
    items: Sequence[FeedItem],
    translator: Translator,
    options: FeedOptions,
    summarize: Summarise | None = None,
) -> list[FeedRecord]:
    """Records for one batch: bad items become errors, the others are translated.

    A language that fails for an item is recorded in that language's entry and in the
    item's ``error``; the item's other languages keep their text.
    """
    if summarize is not None:
        items = _summarised(items, summarize, options.summarize_workers)
    failures: dict[str, str] = {}
    for item in items:
        if item.error is not None:
            failures[item.id] = item.error
        elif not item.title:
            failures[item.id] = "empty title: nothing to translate"
    good = [item for item in items if item.id not in failures]
    parts = [_parts_of(item, options.fields) for item in good]
    translations: dict[str, dict[str, Translation]] = {item.id: {} for item in good}
    for target in options.targets:
        for item, translated in zip(
            good, translate_parts(translator, parts, target), strict=True
        ):
            translations[item.id][target] = translated
    return [
        make_record(item, translations.get(item.id, {}), failures.get(item.id))
        for item in items
    ]


def make_record(
    item: FeedItem, translations: dict[str, Translation], error: str | None
) -> FeedRecord:
    """The output record: the item's fields, its translations, and what failed."""
    failed = [f"{code}: {part.error}" for code, part in translations.items() if part.error]
    return FeedRecord(
        id=item.id,
        link=item.link,
        published=item.published,
        title=item.title,
        summary=item.summary,
        translations={} if error else translations,
        error=error or ("; ".join(failed) if failed else None),
        feed=item.feed,
    )


def _parts_of(item: FeedItem, fields: Sequence[str]) -> TextParts:
    summary = item.summary if "summary" in fields and item.summary else None
    title = item.title if "title" in fields else None
    return TextParts(title, (summary,) if summary else ())


def _summarised(
    items: Sequence[FeedItem], summarize: Summarise, workers: int
) -> list[FeedItem]:
    def one(item: FeedItem) -> FeedItem:
        if item.error is not None:
            return item
        if not item.link:
            return replace(item, error="no link to fetch for --summarize")
        try:
            return replace(item, summary=summarize(item))
        except HeadlineError as exc:
            return replace(item, error=str(exc))

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(one, items))
