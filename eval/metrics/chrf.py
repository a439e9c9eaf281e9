"""chrF and chrF++ through sacrebleu, with its signature."""

from __future__ import annotations

from eval.metrics._sacrebleu import SacrebleuMetric


class ChrfMetric(SacrebleuMetric):
    """chrF (``word_order=0``) or chrF++ (``word_order=2``)."""

    primary: tuple[str, ...]

    def __init__(self, word_order: int = 0) -> None:
        from sacrebleu.metrics.chrf import CHRF

        self.name = "chrf++" if word_order else "chrf"
        self.keys = (self.name,)
        self.primary = self.keys
        self._metric = CHRF(word_order=word_order)
