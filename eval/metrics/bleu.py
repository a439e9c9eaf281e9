"""BLEU through sacrebleu, with its signature (tokenizer, smoothing, case, version)."""

from __future__ import annotations

from eval.metrics._sacrebleu import SacrebleuMetric


class BleuMetric(SacrebleuMetric):
    """Corpus BLEU; ``tokenize`` is any sacrebleu tokenizer name (``13a`` by default)."""

    name = "bleu"
    keys = ("bleu",)
    primary = ("bleu",)

    def __init__(self, tokenize: str = "13a") -> None:
        from sacrebleu.metrics.bleu import BLEU

        self._metric = BLEU(tokenize=tokenize, force=True)
