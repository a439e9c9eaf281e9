"""Headlines per second for en->ru translation at opus-mt size, per engine.

A random-weight Marian of the real opus-mt size (d_model 512, 6+6 layers, 8 heads, ffn 2048,
vocabulary 62,518) with end-of-sentence suppressed (``final_logits_bias[eos] = -1e4``), so
every engine decodes exactly ``--max-length`` tokens, greedily. Compares, in one run:
transformers one headline at a time (the naive loop), transformers batched, raw CTranslate2
int8 batched, and ``build_translator(...).translate`` (the ``headline translate`` path),
with ratios against the naive loop. Nothing is downloaded.

    python benchmarks/translate_speed.py --headlines 256 --max-length 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from tiny_models import OPUS_MT_SIZE, build_tiny_marian, training_sentences  # noqa: E402

from seq2seq import LanguagePair, load_seq2seq, resolve_model  # noqa: E402
from seq2seq.conversion import conversion_dir  # noqa: E402
from translate import EngineOptions, TranslatorOptions, build_translator  # noqa: E402

TARGET_RATE = 100  # headlines/s on 2 cores
TARGET_VS_NAIVE = 50
TARGET_VS_RAW = 0.9


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--headlines", type=int, default=256, help="headlines per batched run")
    parser.add_argument("--naive-headlines", type=int, default=32, help="for the naive loop")
    parser.add_argument("--max-length", type=int, default=20, help="output tokens per headline")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the fast engines")
    parser.add_argument("--slow-runs", type=int, default=3, help="timed runs of transformers")
    parser.add_argument("--work-dir", type=Path, default=None, help="keep the model here")
    return parser.parse_args()


def headlines(count: int) -> list[str]:
    """Distinct news-like headlines of realistic length (8 to 16 source tokens)."""
    return [f"{text} ({index})" for index, text in enumerate(training_sentences(count, seed=7))]


def rates(run: Callable[[], int], runs: int, warm_up: Callable[[], object]) -> list[float]:
    """Headlines per second of each of ``runs`` timed calls, after one warm-up call."""
    warm_up()
    speeds = []
    for _ in range(runs):
        start = time.perf_counter()
        done = run()
        speeds.append(done / (time.perf_counter() - start))
    return speeds


def interleaved_rates(engines: dict[str, Callable[[], int]], runs: int) -> dict[str, float]:
    """Median headlines per second of each engine, timed in alternation so that load from
    other processes falls on all of them alike (after one warm-up call each)."""
    for run in engines.values():
        run()
    speeds: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(runs):
        for name, run in engines.items():
            start = time.perf_counter()
            done = run()
            speeds[name].append(done / (time.perf_counter() - start))
    return {name: statistics.median(values) for name, values in speeds.items()}


def main() -> None:
    args = parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="translate-speed-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")  # conversions stay in the work dir
    os.environ["HF_HUB_OFFLINE"] = "1"
    model_dir = work / "opus-mt-size-marian"
    if not (model_dir / "model.safetensors").is_file():
        build_tiny_marian(model_dir, replace(OPUS_MT_SIZE, suppress_eos=True))
    texts = headlines(args.headlines)
    length = args.max_length
    results: dict[str, float] = {}

    reference = load_seq2seq(
        str(model_dir), EngineOptions(backend="transformers", beam_size=1, max_length=length)
    )
    model, tokenizer = reference._model, reference.tokenizer  # type: ignore[attr-defined]

    def naive(count: int = args.naive_headlines) -> int:
        import torch

        for text in texts[:count]:
            with torch.inference_mode():
                model.generate(
                    **tokenizer([text], return_tensors="pt"),
                    num_beams=1,
                    max_new_tokens=length,
                    forced_eos_token_id=None,
                )
        return count

    pair = LanguagePair("en", "ru")
    naive_rates = rates(naive, args.slow_runs, warm_up=lambda: naive(1))
    results["transformers, one at a time (naive)"] = statistics.median(naive_rates)
    results["transformers, batched"] = statistics.median(rates(
        lambda: len(reference.generate(texts, pair)),
        args.slow_runs,
        warm_up=lambda: reference.generate(texts[:8], pair),
    ))

    options = EngineOptions(
        backend="ctranslate2", compute_type="int8", beam_size=1, max_length=length
    )
    ours = load_seq2seq(str(model_dir), options)
    lengths = {len(tokens) for tokens in ours.generate_tokens(texts, pair)}
    assert lengths == {length}, f"expected exactly {length} output tokens, got {lengths}"

    import ctranslate2

    folder = conversion_dir(resolve_model(str(model_dir), offline=True), "int8")
    inter, intra = options.resolved_threads()  # the engine's own layout, for a fair floor
    raw = ctranslate2.Translator(
        str(folder), device="cpu", compute_type="int8", inter_threads=inter, intra_threads=intra
    )
    sources = [tokenizer.convert_ids_to_tokens(tokenizer(text)["input_ids"]) for text in texts]

    def raw_ct2(batch: list[list[str]] = sources) -> int:
        out = raw.translate_batch(batch, max_batch_size=64, beam_size=1, max_decoding_length=length)
        assert all(len(result.hypotheses[0]) == length for result in out)
        return len(batch)

    translator = build_translator(
        TranslatorOptions(overrides={"ru": str(model_dir)}, engine=options)
    )
    load_start = time.perf_counter()
    translator.translate(texts[:1], "ru")
    load_seconds = time.perf_counter() - load_start
    fast = {
        "ctranslate2 int8, batched (raw)": raw_ct2,
        "build_translator().translate (headline translate)": lambda: len(
            translator.translate(texts, "ru")
        ),
    }
    results.update(interleaved_rates(fast, args.runs))

    naive_rate = results["transformers, one at a time (naive)"]
    print(
        f"opus-mt size Marian, random weights, {length} output tokens, greedy, "
        f"{len(texts)} headlines ({args.naive_headlines} for the naive loop), "
        f"median of {args.runs} runs ({args.slow_runs} for transformers)"
    )
    print(f"{'engine':<52} {'headlines/s':>12} {'vs naive':>9}")
    for name, value in results.items():
        print(f"{name:<52} {value:>12.1f} {value / naive_rate:>8.1f}x")
    print(f"first translate() call incl. model load (conversion cached): {load_seconds:.2f} s")
    print(f"naive runs: {min(naive_rates):.2f} to {max(naive_rates):.2f} headlines/s")
    ours_rate = results["build_translator().translate (headline translate)"]
    raw_rate = results["ctranslate2 int8, batched (raw)"]
    # the ratio is taken against the fastest naive run, so the naive loop's own spread
    # cannot make it look better than it is
    worst_ratio = ours_rate / max(naive_rates)
    checks = [
        (f">= {TARGET_RATE} headlines/s", ours_rate >= TARGET_RATE),
        (f">= {TARGET_VS_NAIVE}x the fastest naive run ({worst_ratio:.1f}x)",
         worst_ratio >= TARGET_VS_NAIVE),
        (f">= {TARGET_VS_RAW}x raw CTranslate2 ({ours_rate / raw_rate:.2f}x)",
         ours_rate >= TARGET_VS_RAW * raw_rate),
    ]
    print("targets: " + "; ".join(f"{name} -> {'met' if ok else 'MISSED'}" for name, ok in checks))


if __name__ == "__main__":
    main()
