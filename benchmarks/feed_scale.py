"""Items/s of the feed runner: the local engine against Ray with 1 and 2 workers.

The same inputs and the same random-weight opus-mt-size en-ru Marian model that
``feed_speed.py`` builds (end-of-sentence suppressed, so every engine decodes exactly
``--output-tokens`` tokens, greedy, CTranslate2 int8). Ray runs in this process with as many
CPUs as workers; its times include starting the actor pool and loading one model per actor,
which is what a ``headline feed --engine ray`` run pays, so the per-item overhead it prints
is (Ray with 1 worker - local) / items. Nothing is downloaded.

    python benchmarks/feed_scale.py --work-dir /tmp/feed-speed --headlines 500
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "benchmarks")]

from feed_speed import NullSink, build_models, headlines  # noqa: E402

from headline.feed.ray_engine import RayOptions, run_feed_on_ray  # noqa: E402
from headline.feed.reader import FeedItem  # noqa: E402
from headline.feed.runner import FeedOptions, run_items  # noqa: E402
from headline.translating import TranslationOptions  # noqa: E402
from seq2seq import EngineOptions  # noqa: E402

LANGUAGE = "ru"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--headlines", type=int, default=500)
    parser.add_argument("--output-tokens", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=96, help="feed --batch-size")
    parser.add_argument("--work-dir", type=Path, default=None, help="keep models here")
    return parser.parse_args()


def local_rate(items: list[FeedItem], translation: TranslationOptions,
               options: FeedOptions) -> float:
    """Items/s of the local engine, model loaded and warmed up first."""
    translator = translation.translator()
    translator.translate(["warm up the model"], LANGUAGE)
    start = time.perf_counter()
    report = run_items(items, translator, NullSink(), options)
    assert report.written == len(items) and report.failed == 0
    return len(items) / (time.perf_counter() - start)


def ray_rate(items: list[FeedItem], translation: TranslationOptions, options: FeedOptions,
             workers: int) -> float:
    """Items/s on an in-process Ray with ``workers`` actors (pool start-up included)."""
    import ray

    ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False,
             logging_level=logging.ERROR,
             runtime_env={"env_vars": {"PYTHONPATH": os.pathsep.join(sys.path[:3])}})
    try:
        start = time.perf_counter()
        report = run_feed_on_ray(items, translation.translator, NullSink(), options,
                                 RayOptions(num_workers=workers))
        seconds = time.perf_counter() - start
    finally:
        ray.shutdown()
    assert report.written == len(items) and report.failed == 0
    return len(items) / seconds


def main() -> None:
    args = parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="feed-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["HF_HUB_OFFLINE"] = "1"
    model = build_models(work)[LANGUAGE]
    engine = EngineOptions(backend="ctranslate2", device="cpu", compute_type="int8",
                           beam_size=1, max_length=args.output_tokens)
    translation = TranslationOptions(targets=(LANGUAGE,), overrides={LANGUAGE: str(model)},
                                     engine=engine, use_cache=False)
    options = FeedOptions(targets=(LANGUAGE,), fields=("title",), batch_size=args.batch_size)
    items = [FeedItem(id=f"h{n}", title=text) for n, text in enumerate(headlines(args.headlines))]
    print(f"{len(items)} headlines -> {args.output_tokens} tokens, greedy, batch "
          f"{args.batch_size}, {os.cpu_count()} CPUs", flush=True)
    local = local_rate(items, translation, options)
    print(f"local engine      {local:7.1f} items/s", flush=True)
    one = ray_rate(items, translation, options, 1)
    print(f"ray, 1 worker     {one:7.1f} items/s   {one / local:.2f}x local", flush=True)
    two = ray_rate(items, translation, options, 2)
    print(f"ray, 2 workers    {two:7.1f} items/s   {two / local:.2f}x local, "
          f"{two / one:.2f}x 1 worker", flush=True)
    overhead_ms = 1000 * (1 / one - 1 / local)
    print(f"Ray's overhead: {overhead_ms:.1f} ms per item (start-up and model loading included)")


if __name__ == "__main__":
    main()
