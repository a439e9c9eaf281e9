"""Seconds per article for a seq2seq summary at distilbart-cnn-12-6 size, per engine.

A random-weight BART of the real size (d_model 1024, 12 encoder / 6 decoder layers, 16 heads,
ffn 4096, vocabulary 50,264) with end-of-sentence suppressed, so every engine decodes exactly
``--output-tokens`` tokens from a ``--input-tokens`` article with beam search. Compares the
naive way (transformers ``generate``, one article) with CTranslate2 int8 through our
summariser path (``headline.summarizing.build_summarizer``, which puts every core on the one
article: inter 1, intra = cores), and raw CTranslate2 int8 in both thread layouts for the
overhead of our path. Nothing is downloaded.

    python benchmarks/summary_speed.py --runs 3
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "tests")]

from tiny_bart import TinyBartSpec, build_tiny_bart, training_sentences  # noqa: E402

from headline.summarizing import SummaryOptions, build_summarizer  # noqa: E402
from seq2seq import EngineOptions, Seq2SeqEngine, resolve_model  # noqa: E402
from seq2seq.conversion import conversion_dir  # noqa: E402
from summarize.article import Article  # noqa: E402
from summarize.summarizers.seq2seq import Seq2SeqSummarizer  # noqa: E402

DISTILBART_CNN_12_6 = TinyBartSpec(
    d_model=1024,
    encoder_layers=12,
    decoder_layers=6,
    heads=16,
    ffn_dim=4096,
    vocab_size=50264,
    max_positions=1024,
    init_std=0.02,
    num_beams=4,
    max_length=142,
    filler_words=120_000,
    suppress_eos=True,
)


TARGET_SECONDS = 2.0  # one distilbart-size article on 2 cores
TARGET_VS_NAIVE = 2.0


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per engine (median)")
    parser.add_argument("--input-tokens", type=int, default=700)
    parser.add_argument("--output-tokens", type=int, default=60)
    parser.add_argument("--beam-size", type=int, default=4)
    parser.add_argument("--work-dir", type=Path, default=None, help="keep the model here")
    return parser.parse_args()


def article_of_length(engine: Seq2SeqEngine, tokens: int) -> Article:
    """Words of whole sentences adding up to exactly ``tokens`` model tokens (or just under)."""
    words: list[str] = []
    for word in " ".join(training_sentences(count=1000, seed=7)).split():
        if engine.count_tokens(" ".join([*words, word])) > tokens:
            break
        words.append(word)
    return Article(title=None, paragraphs=[" ".join(words)], language="en")


def median_seconds(run: Callable[[], Any], runs: int) -> float:
    """Median wall time of ``runs`` calls after one warm-up call."""
    run()
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def naive_transformers(model_dir: Path, text: str, args: argparse.Namespace) -> Callable[[], Any]:
    """One article through ``AutoModelForSeq2SeqLM.generate``, as a script would do it."""
    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(model_dir).eval()
    inputs = tokenizer([text], return_tensors="pt")

    def run() -> Any:
        with torch.inference_mode():
            output = model.generate(
                **inputs,
                num_beams=args.beam_size,
                max_new_tokens=args.output_tokens,
                min_new_tokens=args.output_tokens,
            )
        assert output.shape[1] >= args.output_tokens
        return output

    return run


def raw_ctranslate2(
    model_dir: Path, engine: Seq2SeqEngine, text: str, threads: tuple[int, int]
) -> Callable[[], Any]:
    """The converted model called directly with the engine's decoding settings: the floor
    for our summariser path. ``threads`` is (inter_threads, intra_threads)."""
    import ctranslate2

    folder = conversion_dir(resolve_model(str(model_dir), offline=True), "int8")
    inter, intra = threads
    translator = ctranslate2.Translator(
        str(folder), device="cpu", compute_type="int8", inter_threads=inter, intra_threads=intra
    )
    tokens = engine.tokenizer.convert_ids_to_tokens(engine.tokenizer(text)["input_ids"])
    prefix = engine.family.target_prefix(None)
    settings = engine.settings

    def run() -> Any:
        return translator.translate_batch(
            [tokens],
            target_prefix=[prefix],
            beam_size=settings.beam_size,
            max_decoding_length=settings.max_new_tokens + len(prefix),
            min_decoding_length=settings.min_new_tokens + len(prefix),
            length_penalty=settings.length_penalty,
            no_repeat_ngram_size=settings.no_repeat_ngram_size,
        )

    return run


def main() -> None:
    args = parse_args()
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="summary-speed-"))
    os.environ["XDG_CACHE_HOME"] = str(work / "cache")
    os.environ["HF_HUB_OFFLINE"] = "1"
    model_dir = work / "distilbart-size"
    if not (model_dir / "model.safetensors").is_file():
        start = time.perf_counter()
        build_tiny_bart(model_dir, DISTILBART_CNN_12_6)
        print(f"built random-weight model in {time.perf_counter() - start:.0f} s", flush=True)

    ct2_options = EngineOptions(
        backend="ctranslate2",
        compute_type="int8",
        device="cpu",
        beam_size=args.beam_size,
        max_length=args.output_tokens,
    )
    summarizer = build_summarizer(SummaryOptions("seq2seq", str(model_dir)), ct2_options)
    assert isinstance(summarizer, Seq2SeqSummarizer)
    engine = summarizer.generator
    assert isinstance(engine, Seq2SeqEngine)
    article = article_of_length(engine, args.input_tokens)
    input_tokens = engine.count_tokens(article.text)
    batch = ct2_options.resolved_threads()
    single = dataclasses.replace(ct2_options, thread_layout="single").resolved_threads()
    ours_name = f"ctranslate2 int8, our summariser ({single[0]}x{single[1]})"

    print(
        f"input {input_tokens} tokens -> {args.output_tokens} tokens, beam {args.beam_size}, "
        f"{os.cpu_count()} CPUs, median of {args.runs} runs",
        flush=True,
    )
    results = {
        "transformers naive (generate, float32)": median_seconds(
            naive_transformers(model_dir, article.text, args), args.runs
        ),
        f"ctranslate2 int8 raw, threads {batch[0]}x{batch[1]}": median_seconds(
            raw_ctranslate2(model_dir, engine, article.text, batch), args.runs
        ),
        f"ctranslate2 int8 raw, threads {single[0]}x{single[1]}": median_seconds(
            raw_ctranslate2(model_dir, engine, article.text, single), args.runs
        ),
        ours_name: median_seconds(lambda: summarizer.summarize(article, sentences=3), args.runs),
    }
    naive = results["transformers naive (generate, float32)"]
    for name, seconds in results.items():
        print(f"{name:42s} {seconds:6.2f} s/article   {naive / seconds:5.2f}x naive")
    ours = results[ours_name]
    checks = [
        (f"<= {TARGET_SECONDS} s/article ({ours:.2f} s)", ours <= TARGET_SECONDS),
        (f">= {TARGET_VS_NAIVE}x naive ({naive / ours:.2f}x)", naive / ours >= TARGET_VS_NAIVE),
    ]
    print("targets: " + "; ".join(f"{name} -> {'met' if ok else 'MISSED'}" for name, ok in checks))


if __name__ == "__main__":
    main()
