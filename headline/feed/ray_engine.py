"""``--engine ray``: the same batches and the same per-batch job, run by a Ray Data actor pool.

Each Ray row carries one planned batch (serialised items), so batching, summarising and
translation are exactly the local engine's (:func:`process_batch`); each actor builds one
translator when it starts. The driver writes each finished batch to the sink as it arrives,
so resuming and the lock work as in a local run. Ray is an optional extra, imported here
only when this engine is chosen.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from headline.errors import FeedError
from headline.feed.progress import Progress
from headline.feed.reader import FeedItem
from headline.feed.runner import (
    FeedOptions,
    RecordSink,
    RunReport,
    ShouldStop,
    Summarise,
    plan_batches,
    process_batch,
    record_written,
    start_run,
)
from headline.records import FeedRecord
from translate.translator import Translator

TranslatorFactory = Callable[[], Translator]


@dataclass(frozen=True)
class RayOptions:
    """Where and how wide: ``address`` is ``ray://host:port``, ``auto``, or None (use
    ``RAY_ADDRESS`` if set, else start Ray in this process with ``num_cpus``)."""

    num_workers: int = 2
    address: str | None = None
    num_cpus: int | None = None
    cpus_per_worker: float = 1.0


class FeedActor:
    """One Ray actor: builds its translator once, then turns batches into records."""

    def __init__(
        self,
        make_translator: TranslatorFactory,
        options: FeedOptions,
        summarize: Summarise | None,
    ) -> None:
        self.translator = make_translator()
        self.options = options
        self.summarize = summarize

    def __call__(self, rows: dict[str, Any]) -> dict[str, list[Any]]:
        out = []
        for payload in rows["batch"]:
            items = [FeedItem(**fields) for fields in json.loads(str(payload))]
            records = process_batch(items, self.translator, self.options, self.summarize)
            out.append(json.dumps([record.to_dict() for record in records], ensure_ascii=False))
        return {"index": list(rows["index"]), "records": out}


def run_feed_on_ray(
    items: Sequence[FeedItem],
    make_translator: TranslatorFactory,
    sink: RecordSink,
    options: FeedOptions,
    ray_options: RayOptions,
    summarize: Summarise | None = None,
    progress: Progress | None = None,
    should_stop: ShouldStop | None = None,
) -> RunReport:
    """Translate what ``sink`` lacks on a Ray cluster; records equal the local engine's."""
    ray = _import_ray()
    todo, report = start_run(items, sink, options, progress)
    batches = [
        json.dumps([dataclasses.asdict(item) for item in batch], ensure_ascii=False)
        for batch in plan_batches(todo, options)
    ]
    if batches:
        _connect(ray, ray_options)
        logging.getLogger("ray.data").setLevel(logging.ERROR)  # our progress line is enough
        ray.data.DataContext.get_current().enable_progress_bars = False
        rows = [{"index": n, "batch": batch} for n, batch in enumerate(batches)]
        dataset = ray.data.from_items(rows).map_batches(
            FeedActor,
            batch_size=1,
            batch_format="numpy",
            fn_constructor_args=(make_translator, options, summarize),
            compute=ray.data.ActorPoolStrategy(size=min(ray_options.num_workers, len(batches))),
            num_cpus=ray_options.cpus_per_worker,
        )
        # batches finish in any order: hold each until every earlier one is written, so the
        # output keeps feed order and every write is still whole batches
        finished: dict[int, list[FeedRecord]] = {}
        next_index = 0
        for done in dataset.iter_batches(batch_size=1, batch_format="numpy"):
            for index, payload in zip(done["index"], done["records"], strict=True):
                records = [FeedRecord.from_dict(record) for record in json.loads(str(payload))]
                finished[int(index)] = records
            while next_index in finished:
                records = finished.pop(next_index)
                sink.append(records)
                record_written(report, records, progress)
                next_index += 1
            if should_stop is not None and should_stop():
                report.interrupted = True
                break
    if progress is not None:
        progress.finish()
    return report


def _import_ray() -> Any:
    try:
        import ray
        import ray.data
    except ImportError:
        raise FeedError(
            "--engine ray needs Ray: pip install 'headline[ray]'"
        ) from None
    return ray


def _connect(ray: Any, options: RayOptions) -> None:
    if ray.is_initialized():
        return
    address = options.address or os.environ.get("RAY_ADDRESS")
    # ERROR: no token-auth or start-up notices on runs that succeed
    settings: dict[str, Any] = {"logging_level": logging.ERROR, "log_to_driver": False}
    if address is None:
        settings.update(num_cpus=options.num_cpus, include_dashboard=False)
    try:
        ray.init(address=address, **settings)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or "a local cluster"
        raise FeedError(f"cannot connect to Ray at {where}: {exc}") from exc
