"""Extraction quality on every benchmark in ../shared/data: ours beside the best extractors.

Data (nothing is downloaded): ``extraction-dev`` (30 pages of the Zyte article-extraction
benchmark, github scrapinghub/article-extraction-benchmark @4a3bc97) and the five sets of
``extraction-more`` (L3S-GN1, Dragnet, CleanEval, CleanPortalEval, Mozilla Readability's
test pages; origins in its README). Scores come from ``eval/extraction.py``, the scorer the
gate test uses too: mean bag-of-words F1 per page everywhere, plus the Zyte benchmark's own
shingle F1 on its pages. Each page is read as HTML and as a text dump (html-text with
``guess_layout=True``: every visible line, as a browser copy gives it), that dump also
hard-wrapped at 72 columns, and the page split at every text node (each link on its own
line). Pages per second are measured side by side in this one run (sets under 200 pages:
the fastest of three passes).

Tuned settings (the selector's in summarize/extract/select.py, the text-dump reader's in
summarize/extract/textdump.py) are checked by leave-one-dataset-out: for each of the five
sets, the setting is chosen on the other four and the held-out set is scored with it. That
held-out figure is the one to quote.

    python benchmarks/extraction_quality.py [--data DIR] [--sets l3s-gn1,dragnet] [--limit N]
"""

from __future__ import annotations

import argparse
import itertools
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import html_text
import trafilatura
from readability import Document

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from eval.extraction import (
    HARD_WRAP_WIDTH,
    ReferencePage,
    as_text_dump,
    as_text_nodes,
    bag_of_words_f1,
    hard_wrapped,
    load_jsonl_pages,
    load_zyte_pages,
    shingle_corpus_score,
    shingle_score,
)
from summarize import Article, SummarizeError
from summarize.extract import extract, looks_like_html
from summarize.extract.html import article_from_readings
from summarize.extract.readings import PageReadings
from summarize.extract.select import SelectorOptions, choose_reading
from summarize.extract.textdump import DumpOptions, extract_text_dump

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
ZYTE = "zyte-dev"
MORE = ("l3s-gn1", "dragnet", "cleaneval", "cleanportaleval", "readability")
GRID = [
    SelectorOptions(fragment_words=words, fragment_share=share, fragment_factor=factor)
    for words, share, factor in itertools.product(
        (10, 20, 40, 80), (0.0, 0.1, 0.2, 0.3), (2.0, 4.0, 8.0)
    )
]
DUMP_GRID = [
    DumpOptions(above_comments_share=comments, split_run_share=share, split_run_gap=gap)
    for comments, (share, gap) in itertools.product(
        (0.25, 0.5, 1.0), ((0.5, 0), (0.25, 20), (0.5, 10), (0.5, 20), (0.5, 40), (1.0, 20))
    )
]
DUMP_RULES_OFF = DumpOptions(above_comments_share=1.0, split_run_gap=0)
Extractor = Callable[[str, str | None], str]
SMALL_SET_PAGES = 200
SMALL_SET_PASSES = 3


def headline(content: str, url: str | None) -> Article | None:
    try:
        return extract(content, url)
    except SummarizeError:
        return None


def trafilatura_default(content: str, url: str | None) -> str:
    return trafilatura.extract(content, url=url) or ""


def trafilatura_precision(content: str, url: str | None) -> str:
    return trafilatura.extract(content, url=url, favor_precision=True) or ""


def readability_lxml(content: str, url: str | None) -> str:
    """As the extraction-more README measured it."""
    try:
        return str(html_text.extract_text(Document(content).summary(html_partial=True)))
    except ValueError:  # readability's Unparseable
        return ""


def whole_page(content: str, url: str | None) -> str:
    return as_text_dump(content)


PEERS: dict[str, Extractor] = {
    "trafilatura": trafilatura_default,
    "trafilatura favor_precision": trafilatura_precision,
    "readability-lxml": readability_lxml,
    "whole page": whole_page,
}


@dataclass
class Run:
    """Predictions and seconds of one extractor over one dataset."""

    predictions: list[str] = field(default_factory=list)
    seconds: float = 0.0


def passes(pages: int) -> int:
    """Timing passes for a set: a small set takes well under a second per extractor, so it is
    timed three times and the fastest pass kept (the usual way to read past other load)."""
    return SMALL_SET_PASSES if pages < SMALL_SET_PAGES else 1


def timed_run(extract_page: Callable[[int], str], count: int) -> Run:
    """Pages 0..count-1 through ``extract_page``; a first untimed call loads what it loads
    once, then the fastest of :func:`passes` timed passes is kept."""
    if count:
        extract_page(0)
    runs = []
    for _ in range(passes(count)):
        run = Run()
        for index in range(count):
            started = time.perf_counter()
            run.predictions.append(extract_page(index))
            run.seconds += time.perf_counter() - started
        runs.append(run)
    return min(runs, key=lambda run: run.seconds)


def peer_run(extractor: Extractor, inputs: list[tuple[str, str | None]]) -> Run:
    return timed_run(lambda index: extractor(*inputs[index]), len(inputs))


def scored_article(page: ReferencePage, content: str, url: str | None) -> str:
    """Our article of ``content``, scored as the benchmark defines main content (headline or
    not); empty when we find none."""
    article = headline(content, url)
    return page.scored_text(article.title, article.text) if article else ""


def headline_run(inputs: list[tuple[str, str | None]], pages: list[ReferencePage]) -> Run:
    """Our articles, timed."""
    return timed_run(lambda index: scored_article(pages[index], *inputs[index]), len(inputs))


def headline_texts(inputs: list[tuple[str, str | None]], pages: list[ReferencePage]) -> list[str]:
    """Our articles, untimed: one pass, for the layouts whose speed is not reported."""
    pairs = zip(pages, inputs, strict=True)
    return [scored_article(page, content, url) for page, (content, url) in pairs]


def candidate_texts(page: ReferencePage) -> dict[SelectorOptions, str]:
    """Our text under each grid setting; readings and articles are made once and shared."""
    readings = PageReadings(page.html, page.url)
    articles: dict[str, str] = {}
    texts = {}
    for options in [SelectorOptions(), *GRID]:
        reading = choose_reading(readings, options)
        if reading.name not in articles:
            try:
                article = article_from_readings(readings, reading.paragraphs)
                articles[reading.name] = page.scored_text(article.title, article.text)
            except SummarizeError:
                articles[reading.name] = ""
        texts[options] = articles[reading.name]
    return texts


def mean_f1(pages: list[ReferencePage], predictions: list[str]) -> float:
    scores = [
        bag_of_words_f1(page.reference, text) for page, text in zip(pages, predictions, strict=True)
    ]
    return sum(scores) / len(scores) if scores else 0.0


def load(data: Path, name: str, limit: int | None) -> list[ReferencePage]:
    if name == ZYTE:
        pages = load_zyte_pages(data / "extraction-dev")
    else:
        pages = load_jsonl_pages(data / "extraction-more" / f"{name}.jsonl.gz")
    return pages[:limit] if limit else pages


def report_html(name: str, pages: list[ReferencePage], runs: dict[str, Run]) -> None:
    """One line per extractor; speed also as a ratio to trafilatura's, timed in this run."""
    print(f"\n{name} ({len(pages)} pages), HTML")
    header = f"{'BoW F1':>7} {'shingle F1':>10} {'pages/s':>8} {'x trafilatura':>13}"
    print(f"  {'extractor':28} {header}")
    reference_seconds = runs["trafilatura"].seconds
    for extractor, run in runs.items():
        shingle = shingle_corpus_score(
            shingle_score(page.reference, text)
            for page, text in zip(pages, run.predictions, strict=True)
        ).f1
        rate = len(pages) / run.seconds if run.seconds else float("inf")
        ratio = reference_seconds / run.seconds if run.seconds else float("inf")
        bow = mean_f1(pages, run.predictions)
        print(f"  {extractor:28} {bow:7.3f} {shingle:10.3f} {rate:8.1f} {ratio:13.2f}")


@dataclass
class DumpReport:
    """A set's text-dump figures: totals for pooling, and each dump grid setting's mean F1."""

    ours: float
    whole: float
    wrapped: float
    split: float
    pages: int
    grid: dict[DumpOptions, float]


def report_dumps(name: str, pages: list[ReferencePage]) -> DumpReport:
    dumps: list[tuple[str, str | None]] = [(as_text_dump(page.html), None) for page in pages]
    ours = headline_run(dumps, pages)
    whole = [content for content, _ in dumps]
    f1_ours, f1_whole = mean_f1(pages, ours.predictions), mean_f1(pages, whole)
    zyte = ""
    if name == ZYTE:
        corpus = shingle_corpus_score(
            shingle_score(page.reference, text)
            for page, text in zip(pages, ours.predictions, strict=True)
        )
        zyte = f", shingle F1 {corpus.f1:.3f}"
    rate = len(pages) / ours.seconds if ours.seconds else float("inf")
    print(
        f"{name} text dumps: headline {f1_ours:.3f}{zyte} ({rate:.1f} pages/s), "
        f"whole dump {f1_whole:.3f}, margin {f1_ours - f1_whole:+.3f}"
    )
    wrapped = headline_texts([(hard_wrapped(content), None) for content in whole], pages)
    f1_wrapped = mean_f1(pages, wrapped)
    split = headline_texts([(as_text_nodes(page.html), None) for page in pages], pages)
    f1_split = mean_f1(pages, split)
    print(
        f"{name} text dumps hard-wrapped at {HARD_WRAP_WIDTH} columns: headline {f1_wrapped:.3f}; "
        f"split at every text node: headline {f1_split:.3f}"
    )
    grid = {
        options: mean_f1(pages, dump_texts(pages, whole, ours.predictions, options))
        for options in DUMP_GRID
    }
    return DumpReport(
        ours=f1_ours * len(pages),
        whole=f1_whole * len(pages),
        wrapped=f1_wrapped * len(pages),
        split=f1_split * len(pages),
        pages=len(pages),
        grid=grid,
    )


def dump_texts(
    pages: list[ReferencePage], dumps: list[str], shipped: list[str], options: DumpOptions
) -> list[str]:
    """Our readings of the dumps under ``options``; dumps that look like HTML go the HTML way
    (as in extract) and are not affected by the setting."""
    texts = []
    for page, content, text in zip(pages, dumps, shipped, strict=True):
        if not looks_like_html(content):
            try:
                article = extract_text_dump(content, None, options)
                text = page.scored_text(article.title, article.text)
            except SummarizeError:
                text = ""
        texts.append(text)
    return texts


Objective = Callable[[Any], tuple[float, float]]


def objective_on(
    scores: dict[str, dict[Any, float]], base: dict[str, float], train: list[str]
) -> Objective:
    """A setting's worth on ``train``: its worst gain over ``base`` (to 0.001), then its mean
    gain: a rule must help everywhere, not a lot somewhere."""

    def objective(options: Any) -> tuple[float, float]:
        gains = [scores[name][options] - base[name] for name in train]
        return round(min(gains), 3), sum(gains) / len(gains)

    return objective


def choose_setting(
    grid: list[Any], scores: dict[str, dict[Any, float]], base: dict[str, float], train: list[str]
) -> Any:
    """The grid setting that :func:`objective_on` ranks first on ``train``."""
    return max(grid, key=objective_on(scores, base, train))


def how_close(
    grid: list[Any], scores: dict[str, dict[Any, float]], base: dict[str, float], held: str
) -> str:
    """How firmly the held-out figure stands: the settings tied with the chosen one on the
    other sets (their held-out range), and the runner-up's worst and mean gain there beside
    the chosen one's, with its held-out figure."""
    objective = objective_on(scores, base, [name for name in scores if name != held])
    ranks = {options: objective(options) for options in grid}
    best = max(ranks.values())
    tied = [scores[held][options] for options, rank in ranks.items() if rank == best]
    rest = [options for options, rank in ranks.items() if rank != best]
    spread = f"{len(tied)} tied, held out {min(tied):.3f}-{max(tied):.3f}"
    if not rest:
        return spread
    runner_up = max(rest, key=ranks.__getitem__)
    worst, mean = ranks[runner_up]
    return (
        f"{spread}; worst/mean gain on the others {best[0]:+.3f}/{best[1]:+.4f}, "
        f"runner-up {worst:+.3f}/{mean:+.4f} held out {scores[held][runner_up]:.3f}"
    )


def leave_one_dataset_out(
    scores: dict[str, dict[SelectorOptions, float]], base: dict[str, float]
) -> None:
    """Choose the selector's setting on all sets but one, score the held-out one with it."""
    names = list(scores)
    print("\nleave-one-dataset-out (selector thresholds chosen on the other sets)")
    for held in names:
        chosen = choose_setting(GRID, scores, base, [name for name in names if name != held])
        print(
            f"  {held:16} held-out F1 {scores[held][chosen]:.3f} "
            f"(readability-lxml {base[held]:.3f}) with fragment_words={chosen.fragment_words}, "
            f"fragment_share={chosen.fragment_share:g}, fragment_factor={chosen.fragment_factor:g}"
        )
        print(f"    {how_close(GRID, scores, base, held)}")
    if len(names) > 1:
        chosen = choose_setting(GRID, scores, base, names)
        shipped = SelectorOptions()
        note = "" if chosen == shipped else f" (differs from the shipped {shipped})"
        print(f"  chosen on all sets: {chosen}{note}")


def dumps_leave_one_dataset_out(reports: dict[str, DumpReport]) -> None:
    """The same for the text-dump reader's settings, gains measured against both rules off."""
    names = list(reports)
    scores = {name: report.grid for name, report in reports.items()}
    base = {name: report.grid[DUMP_RULES_OFF] for name, report in reports.items()}
    print("\nleave-one-dataset-out, text dumps (the reader's settings chosen on the other sets)")
    held_total = 0.0
    for held in names:
        chosen = choose_setting(DUMP_GRID, scores, base, [name for name in names if name != held])
        held_total += scores[held][chosen] * reports[held].pages
        print(
            f"  {held:16} held-out F1 {scores[held][chosen]:.3f} (rules off {base[held]:.3f}) "
            f"with above_comments_share={chosen.above_comments_share:g}, "
            f"split_run_share={chosen.split_run_share:g}, split_run_gap={chosen.split_run_gap}"
        )
        print(f"    {how_close(DUMP_GRID, scores, base, held)}")
    pages = sum(report.pages for report in reports.values())
    print(f"  pooled over these sets, each held out: {held_total / pages:.3f} ({pages} pages)")
    if len(names) > 1:
        chosen = choose_setting(DUMP_GRID, scores, base, names)
        shipped = DumpOptions()
        note = "" if chosen == shipped else f" (differs from the shipped {shipped})"
        print(f"  chosen on all sets: {chosen}{note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="shared/data folder")
    parser.add_argument("--sets", default=",".join((ZYTE, *MORE)), help="comma-separated")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # third-party parsers log every page they discard
    names = args.sets.split(",")
    lodo: dict[str, dict[SelectorOptions, float]] = {}
    readability_only: dict[str, float] = {}
    pooled = {extractor: [0.0, 0.0] for extractor in ["headline", *PEERS]}
    all_dumps: list[DumpReport] = []
    dump_reports: dict[str, DumpReport] = {}
    for name in names:
        pages = load(args.data, name, args.limit)
        inputs = [(page.html, page.url) for page in pages]
        runs = {"headline": headline_run(inputs, pages)}
        runs.update({name: peer_run(call, inputs) for name, call in PEERS.items()})
        report_html(name, pages, runs)
        for extractor, run in runs.items():
            pooled[extractor][0] += mean_f1(pages, run.predictions) * len(pages)
            pooled[extractor][1] += len(pages)
        dumps = report_dumps(name, pages)
        all_dumps.append(dumps)
        if name in MORE:
            dump_reports[name] = dumps
            texts = [candidate_texts(page) for page in pages]
            lodo[name] = {
                options: mean_f1(pages, [text[options] for text in texts]) for options in GRID
            }
            readability_only[name] = mean_f1(pages, runs["readability-lxml"].predictions)
    print("\npooled over all pages (bag-of-words F1)")
    for extractor, (total, pages_scored) in pooled.items():
        print(f"  {extractor:28} {total / pages_scored:.3f} ({pages_scored:.0f} pages)")
    dump_pages = sum(report.pages for report in all_dumps)
    dumped = sum(report.ours for report in all_dumps) / dump_pages
    whole_dump = sum(report.whole for report in all_dumps) / dump_pages
    wrapped = sum(report.wrapped for report in all_dumps) / dump_pages
    split = sum(report.split for report in all_dumps) / dump_pages
    print(
        f"  text dumps: headline {dumped:.3f}, whole dump {whole_dump:.3f}; "
        f"hard-wrapped at {HARD_WRAP_WIDTH} columns: headline {wrapped:.3f}; "
        f"split at every text node: headline {split:.3f}"
    )
    if lodo:
        leave_one_dataset_out(lodo, readability_only)
        dumps_leave_one_dataset_out(dump_reports)


if __name__ == "__main__":
    main()
