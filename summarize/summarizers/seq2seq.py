"""Abstractive summaries from a sequence-to-sequence model, for articles of any length.

A model reads at most ``max_input_tokens`` tokens (1,024 for BART). A longer article is cut
into chunks of whole sentences that fit, each chunk overlapping the previous one by a
sentence or two so a fact split across a boundary is seen whole; the chunk summaries are
then summarised again, round after round, until one input holds them all. Nothing is cut
off: a sentence longer than the limit is split at word boundaries rather than truncated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarize.article import Article
from summarize.errors import SummarizerError
from summarize.sentences import detokenize_article, split_sentences
from summarize.summarizers.base import check_sentence_count
from summarize.summarizers.generator import TextGenerator


@dataclass(frozen=True)
class Seq2SeqOptions:
    """How a long article is chunked.

    ``overlap_sentences``: sentences (or pieces of an over-long sentence) that each chunk
    repeats from the end of the previous one.
    """

    overlap_sentences: int = 1

    def __post_init__(self) -> None:
        if self.overlap_sentences < 0:
            raise SummarizerError(
                f"overlap_sentences must be 0 or more, got {self.overlap_sentences}"
            )


class Seq2SeqSummarizer:
    """Summarise an article with a :class:`TextGenerator`, chunking what does not fit."""

    name = "seq2seq"

    def __init__(self, generator: TextGenerator, options: Seq2SeqOptions | None = None) -> None:
        self.generator = generator
        self.options = options or Seq2SeqOptions()

    @property
    def model_id(self) -> str:
        """The model that writes the summaries, for the digest's provenance."""
        return self.generator.model_id

    @property
    def revision(self) -> str | None:
        """The model's revision, for the digest's provenance."""
        return self.generator.revision

    def summarize(self, article: Article, sentences: int) -> list[str]:
        """At most ``sentences`` sentences summarising ``article``, in the model's words."""
        check_sentence_count(sentences)
        units = split_sentences(article.text, article.language)
        if not units:
            return []
        summary = self._summarize_units(units, article.language)
        return split_sentences(summary, article.language)[:sentences]

    def _summarize_units(self, units: list[str], language: str | None) -> str:
        """Summarise chunk by chunk, then the summaries, until one input holds everything.

        Sizes are first estimated sentence by sentence, so a long article is never tokenised
        whole (the tokenizer warns about, but does not need, inputs past its limit).
        """
        generator = self.generator
        while True:
            estimate = estimate_tokens(units, generator)
            text = " ".join(units)
            may_fit = estimate <= generator.max_input_tokens + len(units)
            if may_fit and generator.count_tokens(text) <= generator.max_input_tokens:
                return detokenize_article(generator.generate([text])[0])
            chunks = plan_chunks(units, generator, self.options.overlap_sentences)
            summaries = generator.generate([" ".join(chunk) for chunk in chunks])
            units = [
                sentence
                for summary in summaries
                for sentence in split_sentences(detokenize_article(summary), language)
            ]
            if not units:
                return ""
            if estimate_tokens(units, generator) >= estimate:
                raise SummarizerError(
                    f"summaries from {generator.model_id} are no shorter than their input "
                    f"(about {estimate} tokens), so a long article cannot be condensed into one "
                    f"input of {generator.max_input_tokens} tokens: lower --max-length"
                )


def estimate_tokens(units: Sequence[str], generator: TextGenerator) -> int:
    """Tokens of ``units`` joined by spaces, counted unit by unit (exact up to merges)."""
    overhead = generator.count_tokens("")
    return overhead + sum(generator.count_tokens(unit) - overhead for unit in units)


def plan_chunks(units: Sequence[str], generator: TextGenerator, overlap: int) -> list[list[str]]:
    """Cut ``units`` (sentences) into consecutive, overlapping chunks that each fit the model.

    Every unit lands in at least one chunk, in order; a unit too long for any chunk is first
    split at word boundaries (or, for one enormous word, in halves).
    """
    limit = generator.max_input_tokens
    pieces = [
        piece for unit in units for piece in _split_to_fit(unit, generator.count_tokens, limit)
    ]
    overhead = generator.count_tokens("")
    costs = [generator.count_tokens(piece) - overhead for piece in pieces]
    budget = limit - overhead

    def fits(chunk: Sequence[str]) -> bool:
        return generator.count_tokens(" ".join(chunk)) <= limit

    chunks: list[list[str]] = []
    start = 0
    while start < len(pieces):
        end, used = start + 1, costs[start]
        while end < len(pieces) and used + costs[end] <= budget:
            used += costs[end]
            end += 1
        while end - start > 1 and not fits(pieces[start:end]):
            end -= 1
        chunks.append(list(pieces[start:end]))
        if end == len(pieces):
            break
        start = max(end - overlap, start + 1)
    return chunks


def _split_to_fit(text: str, count_tokens: Callable[[str], int], limit: int) -> list[str]:
    """``text`` as consecutive pieces that each fit in ``limit`` tokens, joined by spaces."""
    if count_tokens(text) <= limit:
        return [text]
    words = text.split()
    if len(words) == 1:
        middle = len(text) // 2
        if middle == 0:
            raise SummarizerError(f"a single character needs more than {limit} tokens")
        return _split_to_fit(text[:middle], count_tokens, limit) + _split_to_fit(
            text[middle:], count_tokens, limit
        )
    pieces: list[str] = []
    current: list[str] = []
    for word in words:
        if current and count_tokens(" ".join([*current, word])) > limit:
            pieces.append(" ".join(current))
            current = []
        if count_tokens(word) > limit:
            pieces.extend(_split_to_fit(word, count_tokens, limit))
        else:
            current.append(word)
    if current:
        pieces.append(" ".join(current))
    return pieces
