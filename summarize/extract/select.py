"""Which reading of a page is its article: readability-lxml, unless it kept only a fragment.

Measured over five public benchmarks (benchmarks/extraction_quality.py), readability-lxml
is the best single reading on four and level on the fifth; where it goes wrong it mostly
returns a few words (a caption, a lede, nothing) or one block of a page whose text runs
through several, of a story trafilatura reads whole. So trafilatura is consulted only when
readability's reading is short, in words or as a share of what the page shows outside its
links, and taken when it is several times longer; other pages never pay for it. When both
find nothing, trafilatura's recall mode is the last try. The thresholds were chosen by
leave-one-dataset-out over those benchmarks, on a coarse grid (the benchmark prints the
held-out figure of each).
"""

from __future__ import annotations

from dataclasses import dataclass

from summarize.extract.readings import PageReadings, Reading


@dataclass(frozen=True)
class SelectorOptions:
    """When readability's reading counts as a fragment of a longer story."""

    fragment_words: int = 10
    """Readings shorter than this are fragments."""
    fragment_share: float = 0.3
    """So are readings holding less than this share of the page's words outside links."""
    fragment_factor: float = 4.0
    """A fragment gives way to trafilatura's reading when that is this many times longer."""


def choose_reading(readings: PageReadings, options: SelectorOptions | None = None) -> Reading:
    """The reading that holds the page's article (possibly empty: no article found)."""
    options = options or SelectorOptions()
    primary = readings.readability
    if not _is_fragment(primary, readings, options):
        return primary
    alternative = readings.trafilatura
    if alternative.words and alternative.words >= options.fragment_factor * primary.words:
        return alternative
    if primary.words:
        return primary
    return readings.trafilatura_recall


def _is_fragment(reading: Reading, readings: PageReadings, options: SelectorOptions) -> bool:
    if reading.words < options.fragment_words:
        return True
    return reading.words < options.fragment_share * readings.words
