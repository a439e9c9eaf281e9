"""One metric per module on one base class (:class:`eval.metrics.base.Metric`)."""

from eval.metrics.base import Metric
from eval.metrics.bleu import BleuMetric
from eval.metrics.chrf import ChrfMetric
from eval.metrics.rouge import RougeMetric, UnicodeTokenizer

__all__ = ["BleuMetric", "ChrfMetric", "Metric", "RougeMetric", "UnicodeTokenizer"]
