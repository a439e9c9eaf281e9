"""Extraction quality as the Zyte article-extraction benchmark measures it.

Text is split into ``\\w+`` tokens, tokens into overlapping 4-token shingles counted with
repeats. Precision is averaged over pages that returned text, recall over all pages, and F1 is
the harmonic mean of the two averages. The gate test and the benchmark script both use this
module so that their figures always agree.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import html_text

SHINGLE_SIZE = 4
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class DevPage:
    """One page of the extraction dev set: its HTML, URL and reference article body."""

    page_id: str
    url: str
    html: str
    reference: str


@dataclass(frozen=True)
class PageScore:
    """Shingle precision and recall of one page; ``precision`` is None for an empty prediction."""

    precision: float | None
    recall: float


@dataclass(frozen=True)
class CorpusScore:
    """Averages over a set of pages, the benchmark's way."""

    precision: float
    recall: float
    f1: float
    pages: int


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of ``size``-token shingles of ``text`` (one shingle for shorter texts)."""
    tokens = _TOKEN.findall(text)
    count = max(1, len(tokens) - size + 1)
    grams = (" ".join(tokens[i : i + size]) for i in range(count))
    return Counter(gram for gram in grams if gram)


def score_page(reference: str, prediction: str) -> PageScore:
    """Precision and recall of the shingles of ``prediction`` against ``reference``."""
    truth = shingles(reference)
    predicted = shingles(prediction)
    true_positive = sum((truth & predicted).values())
    false_positive = sum((predicted - truth).values())
    false_negative = sum((truth - predicted).values())
    recall_total = true_positive + false_negative
    recall = true_positive / recall_total if recall_total else 1.0
    if not predicted:
        return PageScore(precision=None, recall=recall)
    return PageScore(precision=true_positive / (true_positive + false_positive), recall=recall)


def score_corpus(pages: Iterable[PageScore]) -> CorpusScore:
    """Average precision over pages with text, recall over all pages, and their F1."""
    scored = list(pages)
    precisions = [page.precision for page in scored if page.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(page.recall for page in scored) / len(scored) if scored else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CorpusScore(precision=precision, recall=recall, f1=f1, pages=len(scored))


def load_dev_pages(directory: Path) -> list[DevPage]:
    """The pages of a benchmark folder (``html/<id>.html.gz`` + ``ground-truth.json``)."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(DevPage(page_id, entry["url"], raw.decode("utf-8"), entry["articleBody"]))
    return pages


def as_text_dump(html: str) -> str:
    """The page as a browser copy would give it: every visible line, menus included."""
    return str(html_text.extract_text(html, guess_layout=True))


def evaluate(pages: Iterable[DevPage], extractor: Callable[[DevPage], str]) -> CorpusScore:
    """Score ``extractor`` (page -> extracted body, "" for nothing) over ``pages``."""
    return score_corpus(score_page(page.reference, extractor(page)) for page in pages)
