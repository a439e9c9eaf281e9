"""Which reading of a page is its article: readability-lxml, unless it kept only a fragment.

Measured over five public benchmarks (benchmarks/extraction_quality.py), readability-lxml
is the best single reading on four and level on the fifth; where it goes wrong it mostly
returns a few words (a caption, a lede, nothing) of a story trafilatura reads whole. So
trafilatura is consulted only when readability's reading is short, and taken when it is
several times longer; other pages never pay for it. When both find nothing, trafilatura's
recall mode is the last try. The two thresholds were chosen by leave-one-dataset-out over
those benchmarks, on a coarse grid (the benchmark prints the held-out figure of each).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarize.extract.readings import PageReadings, Reading


@dataclass(frozen=True)
class SelectorOptions:
    """When readability's reading counts as a fragment of a longer story."""

    fragment_words: int = 80
    """Readings at least this long are kept without looking further."""
    fragment_factor: float = 4.0
    """A shorter reading gives way to trafilatura's when that is this many times longer."""


def choose_reading(readings: PageReadings, options: SelectorOptions | None = None) -> Reading:
    """The reading that holds the page's article (possibly empty: no article found)."""
    options = options or SelectorOptions()
    primary = readings.readability
    if primary.words >= options.fragment_words:
        return primary
    alternative = readings.trafilatura
    if alternative.words and alternative.words >= options.fragment_factor * primary.words:
        return alternative
    if primary.words:
        return primary
    return readings.trafilatura_recall
