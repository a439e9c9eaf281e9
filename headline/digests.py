"""An article's digest: read, extract, summarise, then translate headline and summary.

:func:`digest` is what ``headline summarize`` prints, as a Python call. A target language
that fails (no model for the pair, a model error) is recorded in that language's
:class:`~headline.records.Translation` and the rest of the digest is still returned; the
caller decides what a partial digest means (the command line exits 1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from headline.records import Digest
from headline.summarizing import Notice, SummaryOptions, build_summarizer, stderr_notice
from headline.translating import TextParts, TranslationOptions, translate_parts
from seq2seq import EngineOptions
from summarize.article import Article
from summarize.fetch_options import FetchOptions
from summarize.sources import read_article
from summarize.summarizers import Summarizer, summarize_article


@dataclass(frozen=True)
class DigestOptions:
    """Everything a digest needs: how to fetch, summarise and translate (None: no
    translation), and the engine settings a seq2seq summariser runs with."""

    summary: SummaryOptions = field(default_factory=SummaryOptions)
    translation: TranslationOptions | None = field(default_factory=TranslationOptions)
    fetch: FetchOptions = field(default_factory=FetchOptions)
    engine: EngineOptions = field(default_factory=EngineOptions)


def digest(
    source: str,
    to: Sequence[str] = ("ru", "hy"),
    method: str = "auto",
    sentences: int = 3,
    options: DigestOptions | None = None,
    notice: Notice = stderr_notice,
) -> Digest:
    """The digest of ``source`` (URL, file path or ``-``) in English and each of ``to``.

    ``to=()`` skips translation. ``options`` gives full control; when it is given, ``to``,
    ``method`` and ``sentences`` are ignored in favour of its fields.
    """
    if options is None:
        translation = TranslationOptions(targets=tuple(to)) if to else None
        options = DigestOptions(SummaryOptions(method, sentences=sentences), translation)
    return digest_article(read_article(source, options.fetch), options, notice)


def digest_article(
    article: Article, options: DigestOptions, notice: Notice = stderr_notice
) -> Digest:
    """The digest of an article already extracted."""
    summarizer = build_summarizer(options.summary, options.engine, notice, article.language)
    result = summarize_into_digest(article, summarizer, options.summary.sentences)
    if options.translation is not None:
        add_translations(result, options.translation)
    return result


def summarize_into_digest(article: Article, summarizer: Summarizer, sentences: int) -> Digest:
    """The untranslated digest, with its summariser's provenance, and a warning when the
    article itself is shorter than the summary asked for (a model's shorter abstract is not)."""
    from headline.summarizing import summarizer_model
    from summarize.summarizers.base import article_sentences

    summary = summarize_article(article, summarizer, sentences)
    result = Digest.from_article(article, summary, summarizer.name)
    model_id, revision = summarizer_model(summarizer)
    if model_id is not None:
        result.models["summarize"] = {"id": model_id, "revision": revision}
    available = len(article_sentences(article, limit=sentences))
    if available < sentences:
        result.warnings.append(
            f"the article has only {available} sentence(s); {sentences} were asked for"
        )
    return result


def add_translations(result: Digest, options: TranslationOptions) -> None:
    """Fill ``translations`` and ``models`` for every target language, in one batch per
    language; the article's own language is kept as is."""
    translator = options.translator(result.language)
    part = TextParts(result.title, tuple(result.summary))
    for target in options.targets:
        translation = translate_parts(translator, [part], target)[0]
        result.translations[target] = translation
        if translation.error is None:
            model = {"id": translation.model, "revision": translation.revision}
            result.models[f"translate:{target}"] = model
