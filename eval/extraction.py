"""Extraction quality: how much of a page's reference main text an extractor returned.

Two metrics, each the one its benchmarks publish, so that our figures compare with theirs:

* Bag-of-words F1 (the Web Content Extraction Benchmark, Bevendorff et al. 2023, and the
  five sets in ``shared/data/extraction-more``, whose references hold the headline unless
  it was annotated apart):
  lowercase ``\\w+`` tokens, multiset overlap,
  F1 per page, then the mean over pages. An empty output scores 0; an empty reference scores
  1 only for an empty output (a page without main content is right to give nothing).
* Shingle F1 (the Zyte article-extraction benchmark, ``shared/data/extraction-dev``): ``\\w+``
  tokens in overlapping 4-token shingles counted with repeats; precision averaged over pages
  that returned text, recall over all pages, F1 of the two averages.

This module knows pages and texts only, never an extractor: the benchmark script and the
gate test pass extracted text in, so both report through one scoring path.
"""

from __future__ import annotations

import gzip
import json
import re
import textwrap
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import html_text
import lxml.html
from lxml import etree

SHINGLE_SIZE = 4
HARD_WRAP_WIDTH = 72
_TOKEN = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass(frozen=True)
class ReferencePage:
    """One benchmark page: its HTML, URL (when known) and reference main text.

    ``titled`` says whether the reference holds the headline: the Web Content Extraction
    Benchmark's main content does, unless the page's headline was annotated apart (a
    ``title`` field beside ``gold``, as in Mozilla Readability's test pages, whose expected
    content is the article block alone); the Zyte benchmark's ``articleBody`` does not.
    """

    page_id: str
    url: str | None
    html: str
    reference: str
    titled: bool = False

    def scored_text(self, title: str | None, body: str) -> str:
        """What of an article to score against this reference: its body, and its headline
        when the reference holds one."""
        return f"{title}\n{body}" if self.titled and title else body


@dataclass(frozen=True)
class PageScore:
    """Precision and recall of one page; ``precision`` is None for an empty prediction."""

    precision: float | None
    recall: float


@dataclass(frozen=True)
class CorpusScore:
    """Averages over a set of pages, the Zyte benchmark's way."""

    precision: float
    recall: float
    f1: float
    pages: int


def tokens(text: str) -> list[str]:
    """The lowercase ``\\w+`` tokens of ``text`` (the bag-of-words metric's tokenizer)."""
    return _TOKEN.findall(text.lower())


def bag_of_words_f1(reference: str, prediction: str) -> float:
    """F1 of the token multisets of ``prediction`` against ``reference`` for one page."""
    truth, predicted = Counter(tokens(reference)), Counter(tokens(prediction))
    if not truth:
        return 0.0 if predicted else 1.0
    overlap = sum((truth & predicted).values())
    if not overlap:
        return 0.0
    precision = overlap / sum(predicted.values())
    recall = overlap / sum(truth.values())
    return 2 * precision * recall / (precision + recall)


def mean_bag_of_words_f1(pairs: Iterable[tuple[str, str]]) -> float:
    """The mean over pages of :func:`bag_of_words_f1` for ``(reference, prediction)`` pairs."""
    scores = [bag_of_words_f1(reference, prediction) for reference, prediction in pairs]
    return sum(scores) / len(scores) if scores else 0.0


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[str]:
    """The multiset of ``size``-token shingles of ``text`` (one shingle for shorter texts)."""
    words = _TOKEN.findall(text)
    count = max(1, len(words) - size + 1)
    grams = (" ".join(words[i : i + size]) for i in range(count))
    return Counter(gram for gram in grams if gram)


def shingle_score(reference: str, prediction: str) -> PageScore:
    """Shingle precision and recall of ``prediction`` against ``reference`` for one page."""
    truth, predicted = shingles(reference), shingles(prediction)
    true_positive = sum((truth & predicted).values())
    truth_total = sum(truth.values())
    recall = true_positive / truth_total if truth_total else 1.0
    if not predicted:
        return PageScore(precision=None, recall=recall)
    return PageScore(precision=true_positive / sum(predicted.values()), recall=recall)


def shingle_corpus_score(pages: Iterable[PageScore]) -> CorpusScore:
    """Average precision over pages with text, recall over all pages, and their F1."""
    scored = list(pages)
    precisions = [page.precision for page in scored if page.precision is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(page.recall for page in scored) / len(scored) if scored else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return CorpusScore(precision=precision, recall=recall, f1=f1, pages=len(scored))


def hard_wrapped(text: str, width: int = HARD_WRAP_WIDTH) -> str:
    """``text`` with every line cut at ``width`` columns, as a terminal browser saves a page
    or a plain-text e-mail carries it: a layout of text dumps the reader must read too."""
    return "\n".join(
        "\n".join(textwrap.wrap(line, width)) if line.strip() else "" for line in text.split("\n")
    )


def as_text_nodes(html: str) -> str:
    """The page's visible text node by node, a line each: every link and bold word on a line
    of its own, as a scraper that does not tell inline from block elements gives it."""
    try:
        tree = lxml.html.fromstring(_CONTROL.sub("", html))
    except (etree.ParserError, ValueError):
        return ""
    for hidden in tree.xpath("//script|//style|//noscript|//template"):
        hidden.drop_tree()
    return "\n".join(text.strip() for text in tree.xpath("//text()") if text.strip())


def as_text_dump(html: str) -> str:
    """The page as a browser copy gives it: every visible line, menus and footers included.

    Control characters, which no browser shows and lxml refuses in text, are dropped first.
    """
    return str(html_text.extract_text(_CONTROL.sub("", html), guess_layout=True))


def load_zyte_pages(directory: Path) -> list[ReferencePage]:
    """The pages of a Zyte benchmark folder (``html/<id>.html.gz`` + ``ground-truth.json``)."""
    truth = json.loads((directory / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        raw = gzip.decompress((directory / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(
            ReferencePage(page_id, entry["url"], raw.decode("utf-8"), entry["articleBody"])
        )
    return pages


def load_jsonl_pages(path: Path) -> list[ReferencePage]:
    """The pages of one gzipped JSONL benchmark file (``id``, ``url``, ``html``, ``gold``)."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return list(_jsonl_pages(handle))


def _jsonl_pages(lines: Iterable[str]) -> Iterator[ReferencePage]:
    for line in lines:
        row = json.loads(line)
        yield ReferencePage(
            str(row["id"]),
            row.get("url"),
            row["html"],
            row["gold"] or "",
            titled=not row.get("title"),
        )
