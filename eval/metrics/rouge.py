"""ROUGE-1/2/L/Lsum through rouge-score, with a tokenizer that keeps every script's letters.

rouge-score's default tokenizer keeps only ``[a-z0-9]``: Russian or Armenian text becomes
empty and scores 0. English keeps rouge-score's own tokenizer and Porter stemming (so figures
match published ones); every other language goes through :class:`UnicodeTokenizer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib.metadata import version

import numpy as np

from eval.metrics.base import Metric, Stats

ROUGE_TYPES = ("rouge1", "rouge2", "rougeL", "rougeLsum")
_PARTS = ("precision", "recall", "fmeasure")
_WORD = re.compile(r"\w+", re.UNICODE)


class UnicodeTokenizer:
    """Lower-cased ``\\w+`` tokens of any script (no stemming)."""

    def tokenize(self, text: str) -> list[str]:
        """The word tokens of ``text``."""
        return _WORD.findall(text.lower())


class RougeMetric(Metric):
    """ROUGE F1 under ``rouge1``... and P/R under ``rouge1_precision``...; several references
    take the best-scoring one per example (rouge-score's ``score_multi``).

    ROUGE-Lsum reads sentences from newlines; texts without newlines are split with
    ``sentence_splitter`` when one is given.
    """

    name = "rouge"
    primary = ROUGE_TYPES

    def __init__(
        self,
        language: str = "en",
        sentence_splitter: Callable[[str], list[str]] | None = None,
    ) -> None:
        from rouge_score import rouge_scorer

        self.language = language
        self.stemmed = language == "en"
        self.sentence_splitter = sentence_splitter
        self.keys = ROUGE_TYPES + tuple(
            f"{rouge}_{part}" for rouge in ROUGE_TYPES for part in ("precision", "recall")
        )
        tokenizer = None if self.stemmed else UnicodeTokenizer()
        self._scorer = rouge_scorer.RougeScorer(
            list(ROUGE_TYPES), use_stemmer=self.stemmed, tokenizer=tokenizer
        )

    def _lines(self, text: str) -> str:
        if "\n" in text or self.sentence_splitter is None:
            return text
        return "\n".join(self.sentence_splitter(text))

    def example_stats(self, predictions: Sequence[str], references: Sequence[list[str]]) -> Stats:
        rows = []
        for prediction, targets in zip(predictions, references, strict=True):
            scores = self._scorer.score_multi(
                [self._lines(target) for target in targets], self._lines(prediction)
            )
            rows.append([getattr(scores[rouge], part) for rouge in ROUGE_TYPES for part in _PARTS])
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(ROUGE_TYPES) * 3)

    def score(self, stats: Stats) -> dict[str, float]:
        means = stats.mean(axis=0) * 100.0 if len(stats) else np.zeros(stats.shape[1])
        out: dict[str, float] = {}
        for index, rouge in enumerate(ROUGE_TYPES):
            precision, recall, fmeasure = means[index * 3 : index * 3 + 3]
            out[rouge] = float(fmeasure)
            out[f"{rouge}_precision"] = float(precision)
            out[f"{rouge}_recall"] = float(recall)
        return out

    def settings(self) -> str:
        tokenizer = "rouge-score-default+porter" if self.stemmed else "unicode-words"
        return f"tok:{tokenizer}|lang:{self.language}|agg:mean-f1|multi-ref:max"

    def tool_version(self) -> str:
        return f"rouge-score {version('rouge-score')}"
