"""Headlines per second through the feed runner vs a bare CTranslate2 loop, and peak memory.

Two random-weight Marian models of the opus-mt-en-ru/en-hy size (d_model 512, 6+6 layers,
8 heads, ffn 2048, vocabulary 62,518) with end-of-sentence suppressed, so every engine
decodes exactly ``--output-tokens`` tokens, greedy. In one run it measures:

- per language, ``run_feed`` (the code ``headline feed`` runs: token-budget batches, records,
  output written and fsynced per batch) on ``--headlines`` distinct headlines, models loaded
  and warmed up first, no translation cache;
- per language, a bare CTranslate2 int8 loop over the same token ids in batches of the same
  size (the floor for our path);
- ``headline feed`` as a subprocess translating into both languages, for its wall time and
  peak resident memory (from ``wait4``).
The two timings alternate ``--rounds`` times and the best of each is kept, which damps the
noise of a shared machine. Nothing is downloaded.

    python benchmarks/feed_speed.py --work-dir /tmp/feed-speed
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from tiny_models import OPUS_MT_SIZE, build_tiny_marian, training_sentences  # noqa: E402

from common.store import JsonlStore  # noqa: E402
from headline.feed.outputs import StoreSink  # noqa: E402
from headline.feed.reader import parse_feed  # noqa: E402
from headline.feed.runner import FeedOptions, run_items  # noqa: E402
from headline.translating import TranslationOptions  # noqa: E402
from seq2seq import EngineOptions, load_seq2seq, resolve_model  # noqa: E402
from seq2seq.conversion import conversion_dir  # noqa: E402

LANGUAGES = ("ru", "hy")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--headlines", type=int, default=1000)
    parser.add_argument("--output-tokens", type=int, default=20)
    parser.add_argument("--batch-size", type=int, default=96, help="feed --batch-size")
    parser.add_argument("--rounds", type=int, default=2,
                        help="alternate ours/bare this many times; best of each is kept")
    parser.add_argument("--work-dir", type=Path, default=None, help="keep models here")
    return parser.parse_args()


def headlines(count: int) -> list[str]:
    """Distinct news-like headlines (a number keeps repeats apart)."""
    return [f"{text} ({n})" for n, text in enumerate(training_sentences(count, seed=11))]


def build_models(work: Path) -> dict[str, Path]:
    models = {}
    for seed, language in enumerate(LANGUAGES):
        folder = work / f"opus-mt-size-{language}"
        if not (folder / "model.safetensors").is_file():
            start = time.perf_counter()
            spec = dataclasses.replace(OPUS_MT_SIZE, suppress_eos=True, seed=seed)
            build_tiny_marian(folder, spec)
            print(f"built {folder.name} in {time.perf_counter() - start:.0f} s", flush=True)
        models[language] = folder
    return models


class NullSink:
    """Accepts records without writing (for the in-process timing; the subprocess writes)."""

    def done_ids(self) -> set[str]:
        return set()

    def failed_ids(self) -> set[str]:
        return set()

    def append(self, records: Any) -> None:
        del records


def feed_runner_rate(
    items_file: Path, models: dict[str, Path], language: str, args: argparse.Namespace,
    work: Path,
) -> float:
    """Headlines/s of the feed runner into one language, writing a real JSONL output."""
    engine = EngineOptions(backend="ctranslate2", device="cpu", compute_type="int8",
                           beam_size=1, max_length=args.output_tokens)
    options = TranslationOptions(
        targets=(language,), overrides={language: str(models[language])}, engine=engine,
        use_cache=False,
    )
    translator = options.translator()
    translator.translate(["warm up the model"], language)
    feed = parse_feed(items_file.read_bytes(), str(items_file))
    out = work / f"feed-{language}.jsonl"
    out.unlink(missing_ok=True)
    feed_options = FeedOptions(targets=(language,), fields=("title",), batch_size=args.batch_size)
    with StoreSink(JsonlStore(out)) as sink:
        start = time.perf_counter()
        report = run_items(feed.items, translator, sink, feed_options)
        seconds = time.perf_counter() - start
    assert report.written == len(feed.items) and report.failed == 0
    return len(feed.items) / seconds


def bare_ctranslate2_rate(
    texts: list[str], model_dir: Path, args: argparse.Namespace
) -> float:
    """Headlines/s of translate_batch over the same token ids, batches of the same size."""
    import ctranslate2

    engine = load_seq2seq(str(model_dir), EngineOptions(
        backend="ctranslate2", device="cpu", compute_type="int8", beam_size=1,
        max_length=args.output_tokens,
    ))
    folder = conversion_dir(resolve_model(str(model_dir), offline=True), "int8")
    translator = ctranslate2.Translator(
        str(folder), device="cpu", compute_type="int8", inter_threads=2, intra_threads=1
    )
    tokenizer = engine.tokenizer
    tokens = [tokenizer.convert_ids_to_tokens(tokenizer(text)["input_ids"]) for text in texts]
    tokens.sort(key=len)
    batches = [tokens[i : i + args.batch_size] for i in range(0, len(tokens), args.batch_size)]
    translator.translate_batch(batches[0][:2], beam_size=1, max_decoding_length=4)
    start = time.perf_counter()
    pending = [
        translator.translate_batch(
            batch, asynchronous=True, beam_size=1, max_decoding_length=args.output_tokens,
            min_decoding_length=args.output_tokens,
        )
        for batch in batches
    ]
    lengths = [len(result.result().hypotheses[0]) for batch in pending for result in batch]
    seconds = time.perf_counter() - start
    assert set(lengths) == {args.output_tokens}, set(lengths)
    return len(texts) / seconds


def feed_subprocess(
    items_file: Path, models: dict[str, Path], args: argparse.Namespace, work: Path
) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of `headline feed` into ru and hy, end to end."""
    out = work / "feed-cli.jsonl"
    out.unlink(missing_ok=True)
    command = [
        sys.executable, str(REPO / "cli.py"), "feed", str(items_file), "-o", str(out),
        "--to", ",".join(LANGUAGES), "--fields", "title", "--no-cache", "--quiet",
        "--batch-size", str(args.batch_size), "--backend", "ctranslate2", "--beam-size", "1",
        "--max-length", str(args.output_tokens),
        *[f"--translator={lang}={models[lang]}" for lang in LANGUAGES],
    ]
    log = work / "feed-cli.stderr"
    with log.open("wb") as stderr:
        start = time.perf_counter()
        process = subprocess.Popen(command, stderr=stderr)
        peak_kb = 0
        while process.poll() is None:
            peak_kb = max(peak_kb, high_water_rss_kb(process.pid))
            time.sleep(0.02)
        seconds = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"headline feed failed: {log.read_text()[-2000:]}")
    return seconds, peak_kb / 1024


def high_water_rss_kb(pid: int) -> int:
    """The process's own peak RSS (VmHWM, kB), or 0 once it is gone.

    ``wait4``'s ru_maxrss would also count this benchmark's memory, which a forked child
    carries until its exec; VmHWM belongs to the address space the command itself built.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    args = parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="feed-speed-"))
    work.mkdir(parents=True, exist_ok=True)
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["HF_HUB_OFFLINE"] = "1"
    models = build_models(work)
    texts = headlines(args.headlines)
    items_file = work / "headlines.txt"
    items_file.write_text("\n".join(texts) + "\n", encoding="utf-8")
    print(
        f"{len(texts)} headlines -> {args.output_tokens} tokens, greedy, batch {args.batch_size},"
        f" {os.cpu_count()} CPUs", flush=True,
    )
    for language in LANGUAGES:
        ours = bare = 0.0
        for _ in range(args.rounds):  # alternated, so load from other processes hits both
            ours = max(ours, feed_runner_rate(items_file, models, language, args, work))
            bare = max(bare, bare_ctranslate2_rate(texts, models[language], args))
        print(
            f"{language}: feed runner {ours:7.1f} headlines/s   bare ctranslate2 {bare:7.1f}"
            f" headlines/s   ratio {ours / bare:.2f}x (target >= 0.8x, >= 100/s)", flush=True,
        )
    seconds, peak_mb = feed_subprocess(items_file, models, args, work)
    print(
        f"headline feed --to ru,hy end to end (start-up and loading included): {seconds:.1f} s,"
        f" {2 * len(texts) / seconds:.1f} translations/s, peak RSS {peak_mb:.0f} MB"
        f" (target <= 1024 MB)"
    )


if __name__ == "__main__":
    main()
