"""Extraction quality on the dev pages: ours vs plain trafilatura, for HTML and text dumps.

Metric: the Zyte article-extraction benchmark's own (4-token shingles, precision averaged
over pages that returned text, recall over all pages, F1 of the two), implemented once in
``summarize/extract/quality.py`` and shared with the gate test. Text dumps are the pages
rendered by html-text with ``guess_layout=True`` (every visible line, as a browser copy).
Data: ../shared/data/extraction-dev (30 pages of github scrapinghub/article-extraction-benchmark
@4a3bc97, MIT). Nothing is downloaded.

    python benchmarks/extraction_quality.py [--pages DIR] [--per-page]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize import SummarizeError
from summarize.extract import extract
from summarize.extract.quality import (
    DevPage,
    as_text_dump,
    load_dev_pages,
    score_corpus,
    score_page,
)

DEFAULT_PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "extraction-dev"
Extractor = Callable[[str, str | None], str]


def ours(content: str, url: str | None) -> str:
    try:
        return extract(content, url).text
    except SummarizeError:
        return ""


def trafilatura_default(content: str, url: str | None) -> str:
    return trafilatura.extract(content, url=url) or ""


def trafilatura_precision(content: str, url: str | None) -> str:
    return trafilatura.extract(content, url=url, favor_precision=True) or ""


def whole_text(content: str, url: str | None) -> str:
    return content


EXTRACTORS: dict[str, Extractor] = {
    "headline (ours)": ours,
    "trafilatura": trafilatura_default,
    "trafilatura favor_precision": trafilatura_precision,
    "whole input": whole_text,
}


def run(pages: list[DevPage], as_dump: bool, per_page: bool) -> None:
    inputs = [(as_text_dump(page.html) if as_dump else page.html, page) for page in pages]
    print(f"\n{'text dumps (html-text, guess_layout=True)' if as_dump else 'HTML pages'}")
    print(f"{'extractor':30} {'precision':>9} {'recall':>7} {'F1':>6} {'s/page':>7}")
    results = {}
    for name, extractor in EXTRACTORS.items():
        started = time.perf_counter()
        scores = [
            score_page(page.reference, extractor(content, None if as_dump else page.url))
            for content, page in inputs
        ]
        seconds = (time.perf_counter() - started) / len(inputs)
        corpus = score_corpus(scores)
        results[name] = (corpus, scores)
        figures = f"{corpus.precision:9.3f} {corpus.recall:7.3f} {corpus.f1:6.3f} {seconds:7.3f}"
        print(f"{name:30} {figures}")
    best_baseline = max(results[name][0].f1 for name in EXTRACTORS if name != "headline (ours)")
    print(f"ours - best other: {results['headline (ours)'][0].f1 - best_baseline:+.3f} F1")
    if per_page:
        for index, page in enumerate(pages):
            cells = " ".join(
                f"{(scores[index].precision or 0):.2f}/{scores[index].recall:.2f}"
                for _, scores in results.values()
            )
            print(f"  {page.page_id[:10]} {cells}  {page.url[:60]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="benchmark folder")
    parser.add_argument("--per-page", action="store_true", help="precision/recall per page")
    args = parser.parse_args()
    pages = load_dev_pages(args.pages)
    print(f"{len(pages)} pages from {args.pages}")
    run(pages, as_dump=False, per_page=args.per_page)
    run(pages, as_dump=True, per_page=args.per_page)


if __name__ == "__main__":
    main()
