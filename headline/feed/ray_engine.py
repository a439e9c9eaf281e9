"""``--engine ray``: the same batches and the same per-batch job, run by a pool of Ray actors.

Each actor task carries one planned batch (serialised items), so batching, summarising and
translation are exactly the local engine's (:func:`process_batch`); each actor builds one
translator when it starts. The driver writes each batch to the sink as soon as every earlier
one is written, so resuming and the lock work as in a local run. Plain actors, not Ray Data's
actor pool: that one passes its own constructor arguments through the object store, which
Ray reports with an error line on every run (a restart would need them back). Ray is an
optional extra, imported here only when this engine is chosen.
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

    def run(self, batch: str) -> str:
        """One planned batch (JSON items) in, its records (JSON) out."""
        items = [FeedItem(**fields) for fields in json.loads(batch)]
        records = process_batch(items, self.translator, self.options, self.summarize)
        return json.dumps([record.to_dict() for record in records], ensure_ascii=False)


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
        # restart a killed actor and rerun its batch, as Ray Data's actor pool does; the
        # constructor arguments are small enough to travel inside the creation task, so a
        # restart needs nothing from the object store
        actor_class = ray.remote(
            num_cpus=ray_options.cpus_per_worker, max_restarts=-1, max_task_retries=-1
        )(FeedActor)
        actors = [
            actor_class.remote(make_translator, options, summarize)
            for _ in range(min(ray_options.num_workers, len(batches)))
        ]
        try:
            # map() yields in submission order, so the output keeps feed order and every
            # write is still whole batches
            done = ray.util.ActorPool(actors).map(
                lambda actor, batch: actor.run.remote(batch), batches
            )
            for payload in done:
                records = [FeedRecord.from_dict(record) for record in json.loads(payload)]
                sink.append(records)
                record_written(report, records, progress)
                if should_stop is not None and should_stop():
                    report.interrupted = True
                    break
        finally:
            for actor in actors:
                ray.kill(actor)
    if progress is not None:
        progress.finish()
    return report


def _import_ray() -> Any:
    try:
        import ray
        import ray.util
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
