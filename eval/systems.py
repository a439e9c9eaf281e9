"""Generate a system's outputs for a reference set, with progress and resume.

Outputs go to a :class:`common.store.JsonlStore` one batch at a time, so a long run that
is killed starts again where it stopped; the file is itself a valid ``--predictions`` input
(``id``, ``system``, ``summary``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from eval.references import ReferenceItem

if TYPE_CHECKING:
    from common.store import JsonlStore
    from eval.metrics.rouge import RougeMetric
    from summarize.summarizers import Summarizer
    from translate import Translator

Produce = Callable[[Sequence[ReferenceItem]], list[str]]
Progress = Callable[[str, int, int], None]

@dataclass(frozen=True)
class GenerationOptions:
    """Where outputs are kept across runs (None: in memory only), the batch size, and a
    ``progress(system, done, total)`` callback."""

    store_path: Path | None = None
    batch_size: int = 16
    progress: Progress | None = None


def summarizer_outputs(summarizer: Summarizer, language: str, sentences: int) -> Produce:
    """A producer that summarises each item's article as ``headline summarize`` would (one
    paragraph; pre-tokenised text is recognised and read as running text by the sentence
    layer); sentences are joined by newlines, the form ROUGE-Lsum reads."""
    from summarize import Article, summarize_article

    def produce(items: Sequence[ReferenceItem]) -> list[str]:
        outputs = []
        for item in items:
            article = Article(title=None, paragraphs=[item.article.strip()], language=language)
            outputs.append("\n".join(summarize_article(article, summarizer, sentences)))
        return outputs

    return produce


def summary_rouge(language: str) -> RougeMetric:
    """ROUGE as ``headline eval summaries`` scores summaries: a text without newlines (a
    reference, pre-tokenised or not) is cut into sentences for ROUGE-Lsum by the same splitter
    the summarisers use."""
    from eval.metrics.rouge import RougeMetric
    from summarize.sentences import split_sentences

    return RougeMetric(language, sentence_splitter=lambda text: split_sentences(text, language))


def translator_outputs(translator: Translator, target: str) -> Produce:
    """A producer that translates each item's source text into ``target``."""

    def produce(items: Sequence[ReferenceItem]) -> list[str]:
        return translator.translate([item.article for item in items], target)

    return produce


def _key(system: str, item_id: str) -> str:
    return f"{system}\t{item_id}"


def generate(
    system: str, items: Sequence[ReferenceItem], produce: Produce, options: GenerationOptions
) -> list[str]:
    """``system``'s output for every item, in item order, reusing outputs already stored."""
    if options.store_path is None:
        return _run_batches(system, items, produce, options, None, {})
    from common.store import JsonlStore

    with JsonlStore(options.store_path, id_field="key") as store:
        known = {
            str(record["id"]): str(record["summary"])
            for record in store.records()
            if record.get("system") == system and "summary" in record
        }
        return _run_batches(system, items, produce, options, store, known)


def _run_batches(
    system: str,
    items: Sequence[ReferenceItem],
    produce: Produce,
    options: GenerationOptions,
    store: JsonlStore | None,
    known: dict[str, str],
) -> list[str]:
    pending = [item for item in items if item.id not in known]
    done = len(items) - len(pending)
    if options.progress is not None:
        options.progress(system, done, len(items))
    for start in range(0, len(pending), options.batch_size):
        batch = pending[start : start + options.batch_size]
        outputs = produce(batch)
        fresh = dict(zip((item.id for item in batch), outputs, strict=True))
        if store is not None:
            store.append(
                {"key": _key(system, item_id), "id": item_id, "system": system, "summary": text}
                for item_id, text in fresh.items()
            )
        known.update(fresh)
        done += len(batch)
        if options.progress is not None:
            options.progress(system, done, len(items))
    return [known[item.id] for item in items]
