"""The ``headline`` command line: a thin click layer over the library packages.

``summarize/``, ``translate/`` and ``eval/`` never import each other's internals for the
article path; this module wires them together. User errors from any package become one
``Error: ...`` line and exit code 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from eval.errors import EvalError
from eval.signature import headline_version
from summarize.errors import SummarizeError
from summarize.fetch import DEFAULT_USER_AGENT, FetchOptions
from summarize.render import ARTICLE_FORMATS, DIGEST_FORMATS, render_article, render_digest
from summarize.sources import read_article
from translate.errors import TranslateError
from translate.profiles import profile_names

if TYPE_CHECKING:
    from eval.bootstrap import BootstrapOptions
    from eval.metrics.base import Metric
    from eval.references import ReferenceOptions, ReferenceSet
    from eval.scoring import SystemOutputs
    from eval.systems import GenerationOptions
    from summarize.digest import Digest
    from summarize.summarizers import Summarizer
    from translate.engine import EngineOptions
    from translate.feed.reader import FeedItem
    from translate.feed.runner import FeedOptions
    from translate.store import LineStore
    from translate.translator import Translator, TranslatorOptions

USER_ERRORS: tuple[type[Exception], ...] = (SummarizeError, TranslateError, EvalError)


class HeadlineGroup(click.Group):
    """Root group that turns library errors into one clean ``Error:`` line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except USER_ERRORS as exc:
            if _debug_enabled(ctx):
                raise
            raise click.ClickException(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if _debug_enabled(ctx):
                raise
            raise click.ClickException(
                f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)"
            ) from None


def _debug_enabled(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug"))


@click.group(cls=HeadlineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(headline_version(), prog_name="headline")
@click.option(
    "--debug",
    is_flag=True,
    envvar="HEADLINE_DEBUG",
    help="Show the full traceback instead of a one-line error.",
)
def main(debug: bool) -> None:
    """Turn a news page into a short multilingual digest.

    \b
    Examples:
      headline summarize https://example.com/news/story.html
      headline summarize saved-page.html --format json --to ru,hy
      headline summarize page.txt --method textrank --no-translate
      headline extract saved-page.html --format json
      headline translate "Leaders play drums at summit" --to ru,hy
      headline feed https://site/rss.xml -o out.jsonl
      headline eval summaries --references refs.jsonl --system lead --system textrank
      headline models fetch --profile default
    """


def output_options(
    formats: tuple[str, ...], format_help: str = "Output format."
) -> Callable[[Callable[..., Any]], Any]:
    """``--format`` (one of ``formats``, text by default) and ``-o/--output`` for a command."""

    def decorate(command: Callable[..., Any]) -> Any:
        command = click.option(
            "-o", "--output", default=None, help="Write to this file instead of stdout."
        )(command)
        return click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default="text",
            show_default=True,
            help=format_help,
        )(command)

    return decorate


def write_output(text: str, output: str | None) -> None:
    """Write ``text`` to ``output`` (a path, or stdout for None or ``-``)."""
    if output in (None, "-"):
        click.echo(text)
        return
    with click.open_file(output, "w", encoding="utf-8", atomic=True) as handle:
        handle.write(text if text.endswith("\n") else text + "\n")


_DEADLINE_PER_TIMEOUT = 3


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --timeout, --max-bytes and --user-agent; the command receives ``fetch: FetchOptions``.

    The total deadline of a fetch (retries included) is three times the timeout.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, timeout: float, max_bytes: int, user_agent: str, **kwargs: Any) -> Any:
        options = FetchOptions(
            timeout=timeout,
            deadline=timeout * _DEADLINE_PER_TIMEOUT,
            max_bytes=max_bytes,
            user_agent=user_agent,
        )
        return command(*args, fetch=options, **kwargs)

    decorators = (
        click.option(
            "--timeout",
            type=click.FloatRange(min=0.1),
            default=FetchOptions.timeout,
            show_default=True,
            envvar="HEADLINE_TIMEOUT",
            help="Seconds to wait for a server on each connect/read "
            f"(the whole fetch gives up after {_DEADLINE_PER_TIMEOUT}x this).",
        ),
        click.option(
            "--max-bytes",
            type=click.IntRange(min=1),
            default=FetchOptions.max_bytes,
            show_default=True,
            envvar="HEADLINE_MAX_BYTES",
            help="Largest page or file to read; bigger ones are refused.",
        ),
        click.option(
            "--user-agent",
            default=DEFAULT_USER_AGENT,
            show_default=True,
            envvar="HEADLINE_USER_AGENT",
            help="User-Agent header sent with every request.",
        ),
    )
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return wrapper


@main.command("extract")
@click.argument("source")
@output_options(ARTICLE_FORMATS)
@fetch_options
def extract_command(source: str, fmt: str, output: str | None, fetch: FetchOptions) -> None:
    """Print the article alone (title, date, authors, body) from SOURCE, without a summary.

    SOURCE is an http(s) URL, a saved HTML page, a text copy of a whole page, or - for
    stdin; HTML or text is told from the content, not the file name.

    \b
    Examples:
      headline extract https://example.com/news/story.html
      headline extract saved-page.html --format json
      headline extract copied-page.txt --format markdown -o story.md
      cat page.html | headline extract -
    """
    article = read_article(source, fetch)
    write_output(render_article(article, fmt), output)


SUMMARY_METHODS = ("auto", "seq2seq", "textrank", "lead")


def build_summarizer(
    method: str,
    model: str | None,
    engine: EngineOptions,
    notice: Callable[[str], None] | None = None,
    language: str | None = None,
) -> Summarizer:
    """The summariser for ``--method``: the summarize and eval commands both build it here.

    ``seq2seq`` loads ``model`` (the registry's default when None) and fails with a clear
    error if it cannot; ``auto`` falls back to textrank instead, after one ``notice`` line
    (stderr by default) saying why and how to get the model. Offline, a model missing from
    the cache is known at once from the local files, so the fallback never waits on a network.
    Given the article's ``language``, ``auto`` also takes textrank, without loading anything,
    when the registry says the model does not summarise that language.
    """
    from summarize.models import DEFAULT_SUMMARIZER, summarizer_languages
    from summarize.summarizers import get_summarizer
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer
    from translate.engine import load_seq2seq

    if method not in ("seq2seq", "auto"):
        return get_summarizer(method)
    model_id = model or DEFAULT_SUMMARIZER.id
    tell = notice or _stderr_notice
    known = summarizer_languages(model_id)
    code = (language or "").split("-")[0].lower()
    if method == "auto" and code and known and code not in known:
        tell(
            f"notice: summarising with textrank: {model_id} summarises {', '.join(known)} "
            f"only and this article is in {code}; pass --summarizer-model for a model that "
            "covers it"
        )
        return get_summarizer("textrank")
    # One article at a time: every core on its one input rather than one core per batch.
    single_input = dataclasses.replace(engine, thread_layout="single")
    try:
        return Seq2SeqSummarizer(load_seq2seq(model_id, single_input))
    except TranslateError as exc:
        if method == "seq2seq":
            raise
        tell(f"notice: summarising with textrank: {exc}")
        return get_summarizer("textrank")


def summarizer_model(summarizer: Summarizer) -> tuple[str | None, str | None]:
    """``(model id, revision)`` behind a summariser; ``(None, None)`` for lead and textrank."""
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer

    if isinstance(summarizer, Seq2SeqSummarizer):
        return summarizer.model_id, summarizer.revision
    return None, None


def _stderr_notice(message: str) -> None:
    click.echo(message, err=True)


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --backend, --device, --compute-type, --beam-size, --max-length and --offline;
    the command receives ``engine: EngineOptions``."""
    from translate.engine.options import BACKENDS, COMPUTE_TYPES, DEVICES

    @functools.wraps(command)
    def wrapper(
        *args: Any,
        backend: str,
        device: str,
        compute_type: str,
        beam_size: int | None,
        max_length: int | None,
        offline: bool,
        **kwargs: Any,
    ) -> Any:
        from translate.engine import EngineOptions

        engine = EngineOptions(
            backend=backend,
            device=device,
            compute_type=compute_type,
            beam_size=beam_size,
            max_length=max_length,
            offline=offline,
        )
        return command(*args, engine=engine, **kwargs)

    decorators = (
        click.option("--backend", type=click.Choice(BACKENDS), default="auto", show_default=True,
                     envvar="HEADLINE_BACKEND",
                     help="ctranslate2 (int8, fast on CPU) or transformers; auto picks "
                     "ctranslate2 on CPU and transformers on GPU."),
        click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True,
                     envvar="HEADLINE_DEVICE", help="Where models run."),
        click.option("--compute-type", type=click.Choice(COMPUTE_TYPES), default="auto",
                     show_default=True, envvar="HEADLINE_COMPUTE_TYPE",
                     help="int8 by default on CPU; float16/bfloat16 need a GPU."),
        click.option("--beam-size", type=click.IntRange(min=1), default=None,
                     help="Beam width (1 = greedy); default: the model's own setting."),
        click.option("--max-length", type=click.IntRange(min=1), default=None,
                     help="Most output tokens per text; default: the model's own setting."),
        click.option("--offline", is_flag=True, envvar="HEADLINE_OFFLINE",
                     help="Never touch the network; models must be cached or local "
                     "(HF_HUB_OFFLINE=1 does the same)."),
    )
    for decorator in reversed(decorators):
        wrapper = decorator(wrapper)
    return wrapper


@dataclasses.dataclass(frozen=True)
class TranslationSetup:
    """Target languages and how to build the translator for them (behind the translation
    cache at ``cache_path``, the default file when None, unless ``use_cache`` is False)."""

    targets: tuple[str, ...]
    options: TranslatorOptions
    use_cache: bool = True
    cache_path: str | None = None

    def translator(self, source: str | None = None) -> Translator:
        """The translator for these options (from ``source`` when given), cache included.

        A method of a plain frozen record, so Ray workers can be handed it and build their own.
        """
        from translate.cache import CachedTranslator, TranslationCache
        from translate.translator import build_translator

        options = self.options if source is None else dataclasses.replace(
            self.options, source=source
        )
        translator = build_translator(options)
        if not self.use_cache:
            return translator
        return CachedTranslator(translator, TranslationCache(self.cache_path))


def cache_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """Add --cache PATH and --no-cache; the command receives ``use_cache`` and
    ``cache_path``."""
    @functools.wraps(command)
    def wrapper(*args: Any, no_cache: bool, **kwargs: Any) -> Any:
        return command(*args, use_cache=not no_cache, **kwargs)

    wrapper = click.option("--no-cache", is_flag=True,
                           help="Do not read or write the translation cache.")(wrapper)
    return click.option("--cache", "cache_path", default=None, envvar="HEADLINE_CACHE",
                        help="Translation cache file [default: translations.sqlite3 in the "
                        "user cache].")(wrapper)


def translation_options(skippable: bool = False) -> Callable[[Callable[..., Any]], Any]:
    """Add --to, --profile, --translator (and --no-translate when ``skippable``) plus the
    engine and cache options; the command receives ``engine`` and ``translation:
    TranslationSetup`` (None after --no-translate)."""
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(
            *args: Any,
            to: str,
            profile: str,
            translator: tuple[str, ...],
            engine: EngineOptions,
            use_cache: bool,
            cache_path: str | None,
            no_translate: bool = False,
            **kwargs: Any,
        ) -> Any:
            from translate.translator import TranslatorOptions, normalize_language, parse_overrides

            targets = tuple(
                dict.fromkeys(normalize_language(code) for code in to.split(",") if code.strip())
            )
            if not targets:
                raise click.BadParameter("give a language, e.g. ru,hy", param_hint="--to")
            options = TranslatorOptions(
                profile=profile, overrides=parse_overrides(translator), engine=engine
            )
            setup = None if no_translate else TranslationSetup(
                targets, options, use_cache, cache_path
            )
            return command(*args, engine=engine, translation=setup, **kwargs)

        decorators = [
            click.option("--to", default="ru,hy", show_default=True, envvar="HEADLINE_TO",
                         help="Target languages, comma-separated."),
            click.option("--profile", type=click.Choice(profile_names()), default="default",
                         show_default=True, envvar="HEADLINE_PROFILE",
                         help="Model set: default (opus-mt), quality (MADLAD-400 3B), "
                         "nllb (NLLB-200, non-commercial licence)."),
            click.option("--translator", multiple=True, metavar="LANG=ID_OR_DIR",
                         help="Use this hub id or local model directory for LANG "
                         "(repeatable)."),
        ]
        if skippable:
            decorators.append(click.option("--no-translate", is_flag=True,
                                           help="Skip translation."))
        wrapped: Callable[..., Any] = wrapper
        for decorator in reversed(decorators):
            wrapped = decorator(wrapped)
        return engine_options(cache_options(wrapped))

    return decorate


def add_translations(digest: Digest, setup: TranslationSetup | None) -> None:
    """Fill ``digest.translations`` and ``digest.models`` for every target language.

    The title is one segment and the summary is translated sentence by sentence, in one
    batch per language; the article's own language is kept as is.
    """
    if setup is None:
        return
    from translate.translator import translate_title_and_summary

    source = (digest.language or setup.options.source).split("-")[0].lower()
    translator = setup.translator(source)
    for target in setup.targets:
        part = translate_title_and_summary(translator, digest.title, digest.summary, target)
        digest.translations[target] = part.as_dict()
        model = {"id": part.model.id, "revision": part.model.revision}
        digest.models[f"translate:{target}"] = model


@dataclasses.dataclass(frozen=True)
class SummarizeRequest:
    """The summarize command's own options: one field per option, so new ones slot in here."""

    method: str = "auto"
    sentences: int = 3
    fmt: str = "text"
    summarizer_model: str | None = None


def summarize_source(
    source: str, fetch: FetchOptions, request: SummarizeRequest, engine: EngineOptions
) -> Digest:
    """Read, extract and summarise SOURCE into a digest (no translation yet)."""
    from summarize.digest import Digest
    from summarize.summarizers import summarize_article

    article = read_article(source, fetch)
    summarizer = build_summarizer(
        request.method, request.summarizer_model, engine, language=article.language
    )
    summary = summarize_article(article, summarizer, request.sentences)
    digest = Digest.from_article(article, summary, summarizer.name)
    model_id, revision = summarizer_model(summarizer)
    if model_id is not None:
        digest.models["summarize"] = {"id": model_id, "revision": revision}
    if len(summary) < request.sentences:
        digest.warnings.append(
            f"the article has only {len(summary)} sentence(s); {request.sentences} were asked for"
        )
    return digest


@main.command("summarize")
@click.argument("source")
@click.option(
    "--method",
    type=click.Choice(SUMMARY_METHODS),
    default="auto",
    show_default=True,
    envvar="HEADLINE_METHOD",
    help="seq2seq: a neural summary (--summarizer-model); auto: seq2seq when its model "
    "loads, else textrank with a notice; lead: the first sentences; textrank: central, "
    "early, non-redundant sentences (lead and textrank need no model, any language).",
)
@click.option(
    "--summarizer-model",
    default=None,
    metavar="ID_OR_DIR",
    envvar="HEADLINE_SUMMARIZER_MODEL",
    help="Hub id or local directory of a seq2seq summariser "
    "[default: sshleifer/distilbart-cnn-12-6].",
)
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Summary length in sentences.",
)
@output_options(DIGEST_FORMATS)
@translation_options(skippable=True)
@fetch_options
def summarize_command(
    source: str,
    output: str | None,
    fetch: FetchOptions,
    engine: EngineOptions,
    translation: TranslationSetup | None,
    **settings: Any,
) -> None:
    """Summarise the article in SOURCE: headline, date, authors and the key sentences,
    translated into Russian and Armenian.

    SOURCE is an http(s) URL, a saved HTML page, a text copy of a whole page, or - for
    stdin; HTML or text is told from the content, not the file name.

    \b
    Examples:
      headline summarize https://example.com/news/story.html
      headline summarize saved-page.html --format json --to ru --method textrank
      headline summarize page.html --no-translate --method seq2seq --summarizer-model ./my-bart
      headline summarize copied-page.txt --method lead -n 2 --format markdown -o story.md
      cat page.html | headline summarize - --sentences 2
    """
    request = SummarizeRequest(**settings)
    digest = summarize_source(source, fetch, request, engine)
    add_translations(digest, translation)
    write_output(render_digest(digest, request.fmt), output)


@main.command("translate")
@click.argument("text")
@translation_options()
@output_options(
    ("text", "jsonl"),
    "text: one line per input line (LANG<TAB>line with several languages); "
    "jsonl: one object per input line.",
)
def translate_command(
    text: str,
    fmt: str,
    output: str | None,
    engine: EngineOptions,
    translation: TranslationSetup,
) -> None:
    """Translate TEXT (or each line of stdin with -): one line in, one line out, same order.

    \b
    Examples:
      headline translate "Leaders play drums at summit" --to ru,hy
      headline translate - --to hy < headlines.txt > headlines.hy.txt
      headline translate - --to ru --translator ru=./my-opus-mt --format jsonl < titles.txt
    """
    import json

    from translate.numbers import number_warnings

    lines = sys.stdin.read().splitlines() if text == "-" else [text]
    lines = [" ".join(line.split()) for line in lines]
    translator = translation.translator()
    results = {target: translator.translate(lines, target) for target in translation.targets}
    records = []
    for number, line in enumerate(lines, start=1):
        record: dict[str, Any] = {"source": line}
        warnings: dict[str, list[str]] = {}
        for target in translation.targets:
            record[target] = " ".join(results[target][number - 1].split())
            found = number_warnings(line, record[target])
            if found:
                warnings[target] = found
                for warning in found:
                    click.echo(f"warning: line {number}, {target}: {warning}", err=True)
        record["warnings"] = warnings
        records.append(record)
    if fmt == "jsonl":
        rendered = [json.dumps(record, ensure_ascii=False) for record in records]
    elif len(translation.targets) == 1:
        rendered = [record[translation.targets[0]] for record in records]
    else:
        rendered = [f"{t}\t{record[t]}" for record in records for t in translation.targets]
    write_output("\n".join(rendered), output)


@main.group("models", invoke_without_command=True)
@click.pass_context
def models_group(ctx: click.Context) -> None:
    """List the known models (job, id, family, licence, size, whether cached here).

    \b
    Examples:
      headline models
      headline models fetch --profile default
    """
    if ctx.invoked_subcommand is None:
        click.echo(_models_table())


def _models_table() -> str:
    from summarize.models import SUMMARIZER_MODELS
    from translate.engine import cached_source
    from translate.profiles import PROFILES

    rows = [("JOB", "MODEL", "FAMILY", "LICENCE", "SIZE", "LOCAL")]
    for model in SUMMARIZER_MODELS:
        licence = model.licence
        if not model.commercial_use and "non-commercial" not in licence:
            licence += " (non-commercial)"
        rows.append((f"summarize ({model.role})", model.id, model.family, licence, model.size,
                     "yes" if cached_source(model.id) else "no"))
    for profile, languages in PROFILES.items():
        by_model: dict[str, list[str]] = {}
        for language, info in languages.items():
            by_model.setdefault(info.model_id, []).append(language)
        for model_id, targets in by_model.items():
            info = languages[targets[0]]
            job = f"translate {info.source or 'any'}->{','.join(targets)} ({profile})"
            rows.append((job, model_id, info.family, info.licence_label, info.size,
                         "yes" if cached_source(model_id) else "no"))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )


@models_group.command("fetch")
@click.option("--profile", type=click.Choice(profile_names()), default="default",
              show_default=True, help="Translation profile whose models to download.")
@click.option("--summarizer/--no-summarizer", default=True, show_default=True,
              help="Also download the default summariser.")
def models_fetch_command(profile: str, summarizer: bool) -> None:
    """Download a profile's models (and the default summariser) for offline use."""
    from summarize.models import DEFAULT_SUMMARIZER
    from translate.engine import fetch_model
    from translate.profiles import profile_models

    model_ids = [info.model_id for info in profile_models(profile)]
    if summarizer:
        model_ids.append(DEFAULT_SUMMARIZER.id)
    for model_id in model_ids:
        click.echo(f"fetching {model_id} ...", err=True)
        source = fetch_model(model_id)
        click.echo(f"{model_id}\t{source.revision}\t{source.path}")


FEED_OUTPUT_FORMATS = ("jsonl", "csv", "html")


class LinkSummarizer:
    """Feed ``--summarize``: fetch an item's link, extract the article, summarise it.

    Only http(s) links are followed (a link is never read as a local path) and private
    addresses are refused unless the fetch options allow them. The summariser is built on
    first use in each process, so the object pickles cheaply for Ray workers.
    """

    def __init__(
        self, fetch: FetchOptions, method: str, model: str | None, engine: EngineOptions,
        sentences: int,
    ) -> None:
        self.fetch, self.method, self.model = fetch, method, model
        self.engine, self.sentences = engine, sentences
        self._summarizer: Summarizer | None = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if k not in ("_summarizer", "_lock")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, _summarizer=None, _lock=threading.Lock())

    def __call__(self, item: FeedItem) -> str:
        from summarize.summarizers import summarize_article

        link = item.link or ""
        if not link.lower().startswith(("http://", "https://")):
            raise TranslateError(f"{link}: only http and https links are fetched")
        with self._lock:  # items are summarised in threads: load a model once
            if self._summarizer is None:
                self._summarizer = build_summarizer(self.method, self.model, self.engine)
        try:
            article = read_article(link, self.fetch)
            return " ".join(summarize_article(article, self._summarizer, self.sentences))
        except SummarizeError as exc:
            raise TranslateError(str(exc)) from exc


def open_feed_output(output: str, fmt: str, options: FeedOptions) -> LineStore:
    """The sink every feed record goes through, by output format (resumable, locked)."""
    from translate.feed.csv_store import CsvStore, csv_columns
    from translate.store import JsonlStore

    if fmt == "csv":
        return CsvStore(output, csv_columns(options.targets, options.fields)).open()
    return JsonlStore(output).open()


@main.command("feed")
@click.argument("source")
@click.option("-o", "--output", required=True,
              help="Output file; a rerun skips ids in it (.html: one page, written at the end).")
@click.option("--format", "fmt", type=click.Choice(FEED_OUTPUT_FORMATS), default=None,
              help="Output format [default: from the output's extension, else jsonl].")
@click.option("--fields", default="title,summary", show_default=True,
              help="Item fields to translate.")
@click.option("--summarize", "summarize_links", is_flag=True,
              help="Fetch each item's link, extract and summarise it; translate the summary.")
@click.option("--method", type=click.Choice(SUMMARY_METHODS), default="textrank",
              show_default=True, help="Summariser for --summarize.")
@click.option("--model", default=None, help="Seq2seq summariser model (hub id or directory).")
@click.option("--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Summary length for --summarize.")
@click.option("--batch-size", type=click.IntRange(min=1), default=96, show_default=True,
              help="Most items per batch (batches also stop at a token budget).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option("--engine", "engine_name", type=click.Choice(["local", "ray"]), default="local",
              show_default=True, help="ray: run the batches as a Ray Data job.")
@click.option("--num-workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Ray actors, one translator each.")
@click.option("--ray-address", default=None, envvar="RAY_ADDRESS",
              help="ray://host:port of a cluster [default: start Ray here].")
@click.option("--allow-private-addresses", is_flag=True,
              help="Let --summarize fetch links on loopback or private networks.")
@translation_options()
@fetch_options
@click.pass_context
def feed_command(
    ctx: click.Context, source: str, output: str, fmt: str | None, fields: str,
    summarize_links: bool, method: str, model: str | None, sentences: int, batch_size: int,
    quiet: bool, engine_name: str, num_workers: int,
    ray_address: str | None, allow_private_addresses: bool, engine: EngineOptions,
    translation: TranslationSetup, fetch: FetchOptions,
) -> None:
    """Translate every item of the feed SOURCE into OUTPUT, as it goes and resumably.

    SOURCE is an RSS/Atom URL or file, JSONL, CSV or plain lines (one headline each), or -
    for stdin. Each batch is on disk before the next starts; a rerun (after a crash or
    kill) skips ids already written. A bad item is written with status "error" and the
    run goes on; the exit code is 1 when any item failed.

    \b
    Examples:
      headline feed https://site/rss.xml -o out.jsonl
      headline feed feed.xml -o out.csv --to ru
      headline feed items.jsonl -o out.jsonl --fields title,summary
      headline feed feed.xml -o out.jsonl --summarize --method textrank
      headline feed big.jsonl -o out.jsonl --engine ray --num-workers 8
      headline feed feed.xml -o digest.html      # one page, EN/RU/ARM switcher
    """
    from summarize.fetch import fetch as fetch_page
    from translate.feed.progress import Progress
    from translate.feed.reader import read_feed
    from translate.feed.runner import FeedOptions, run_feed

    options = FeedOptions(
        targets=translation.targets,
        fields=tuple(f.strip() for f in fields.split(",") if f.strip()),
        batch_size=batch_size,
    )
    suffix = output.lower().rsplit(".", 1)[-1]
    fmt = fmt or (suffix if suffix in ("csv", "html") else "jsonl")
    feed = read_feed(source, lambda url: fetch_page(url, fetch).body)
    summarize = None
    if summarize_links:
        links = dataclasses.replace(fetch, allow_private_addresses=allow_private_addresses)
        # --beam-size/--max-length are for headlines; a summariser keeps its model's own
        summary_engine = dataclasses.replace(engine, beam_size=None, max_length=None)
        summarize = LinkSummarizer(links, method, model, summary_engine, sentences)
    progress = Progress(quiet=quiet)
    if fmt == "html":
        from summarize.page import FeedPageWriter

        order = [item.id for item in feed.items]
        output_sink: FeedPageWriter | LineStore = FeedPageWriter(
            output, f"{source} — digest", order
        )
    else:
        output_sink = open_feed_output(output, fmt, options)
    with output_sink as sink:
        if engine_name == "ray":
            from translate.feed.ray_engine import RayOptions, run_feed_on_ray

            ray_options = RayOptions(num_workers=num_workers, address=ray_address)
            report = run_feed_on_ray(
                feed.items, translation.translator, sink, options, ray_options, summarize,
                progress,
            )
        else:
            translator = translation.translator()
            report = run_feed(feed.items, translator, sink, options, summarize, progress)
    if not quiet:
        click.echo(
            f"{output}: {report.written} written ({report.failed} failed), "
            f"{report.skipped} already there, {feed.duplicates} duplicate ids skipped",
            err=True,
        )
        for error in report.errors[:5]:
            click.echo(f"  failed: {error}", err=True)
    if report.failed:
        ctx.exit(1)


@main.group("eval")
def eval_group() -> None:
    """Score summaries and translations against reference sets, with 95% intervals.

    \b
    Examples:
      headline eval summaries --references refs.jsonl --system lead --system textrank
      headline eval summaries --references refs.jsonl --predictions outputs.jsonl --plot r.png
      headline eval translations --references en-hy.jsonl --target hy --predictions hy.txt
    """


@dataclasses.dataclass(frozen=True)
class EvalRequest:
    """What both eval commands share: the reference set, the given outputs, the report."""

    references: ReferenceOptions
    predictions: str | None
    systems: tuple[str, ...]
    bootstrap: BootstrapOptions
    fmt: str
    output: str | None
    per_example: str | None
    plot: str | None
    generation: GenerationOptions


def eval_options(article_column: str) -> Callable[[Callable[..., Any]], Any]:
    """The options both eval commands share; the command receives ``request: EvalRequest``
    (``article_column`` is the default column of the text each system reads)."""
    from eval.references import REFERENCE_COLUMNS
    from eval.report import REPORT_FORMATS

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, references: str, article_column: str,
                    reference_column: str | None, id_column: str, limit: int | None,
                    sample: int | None, seed: int, resamples: int, predictions: str | None,
                    system: tuple[str, ...], fmt: str, output: str | None,
                    per_example: str | None, plot: str | None, outputs: str | None,
                    **kwargs: Any) -> Any:
            from pathlib import Path

            from eval.bootstrap import BootstrapOptions
            from eval.references import ReferenceOptions
            from eval.systems import GenerationOptions

            if predictions is None and not system:
                raise click.UsageError("give --predictions FILE or at least one --system")
            request = EvalRequest(
                references=ReferenceOptions(references, article_column, reference_column,
                                            id_column, limit, sample, seed),
                predictions=predictions,
                systems=system,
                bootstrap=BootstrapOptions(resamples=resamples, seed=seed),
                fmt=fmt, output=output, per_example=per_example, plot=plot,
                generation=GenerationOptions(
                    store_path=Path(outputs) if outputs else None, progress=_eval_progress
                ),
            )
            return command(*args, request=request, **kwargs)

        decorators = [
            click.option("--references", required=True, metavar="FILE_OR_HUB_ID",
                         help="Local JSONL/CSV/Parquet file, or a hub dataset "
                         "name[:config[:split]] (split: test by default)."),
            click.option("--article-column", default=article_column, show_default=True,
                         help="Column with the text the systems read."),
            click.option("--reference-column", default=None,
                         help=f"Column with the reference(s), a list column for several "
                         f"[default: first of {', '.join(REFERENCE_COLUMNS)}]."),
            click.option("--id-column", default="id", show_default=True,
                         help="Column with item ids (rows are numbered when it is absent)."),
            click.option("--limit", type=click.IntRange(min=1), default=None,
                         help="Use only the first N items."),
            click.option("--sample", type=click.IntRange(min=1), default=None,
                         help="Use N items drawn at random with --seed."),
            click.option("--seed", type=int, default=0, show_default=True,
                         help="Seed of --sample and of the bootstrap."),
            click.option("--resamples", type=click.IntRange(min=10), default=1000,
                         show_default=True, help="Bootstrap resamples."),
            click.option("--predictions", default=None, metavar="FILE",
                         help="Outputs to score: JSONL with id and summary/prediction (and "
                         "system for several), or one line per item."),
            click.option("--system", multiple=True, help="Generate outputs with this system "
                         "(repeatable)."),
            click.option("--outputs", default=None, metavar="FILE",
                         help="Keep generated outputs in this JSONL file; a rerun resumes it."),
            click.option("--format", "fmt", type=click.Choice(REPORT_FORMATS), default="table",
                         show_default=True, help="Report format."),
            click.option("-o", "--output", default=None, help="Write the report to this file."),
            click.option("--per-example", default=None, metavar="FILE",
                         help="Write each item's scores to this CSV file."),
            click.option("--plot", default=None, metavar="FILE.png",
                         help="Write a bar chart of systems with interval whiskers."),
        ]
        wrapped: Callable[..., Any] = wrapper
        for decorator in reversed(decorators):
            wrapped = decorator(wrapped)
        return wrapped

    return decorate


def _eval_progress(system: str, done: int, total: int) -> None:
    click.echo(f"\r{system}: {done}/{total}", err=True, nl=done >= total)


def _finish_eval(
    request: EvalRequest,
    reference_set: ReferenceSet,
    systems: list[SystemOutputs],
    metrics: list[Metric],
    human: dict[str, dict[str, float]],
) -> None:
    """Score, then write the report, per-example scores and plot that were asked for."""
    from eval.plot import plot_report
    from eval.report import render_examples_csv, render_report
    from eval.scoring import evaluate

    report = evaluate(reference_set, systems, metrics, request.bootstrap, human)
    write_output(render_report(report, request.fmt), request.output)
    if request.per_example:
        write_output(render_examples_csv(report), request.per_example)
    if request.plot:
        plot_report(report, request.plot)


def _given_outputs(
    request: EvalRequest, reference_set: ReferenceSet
) -> tuple[list[SystemOutputs], dict[str, dict[str, float]]]:
    from eval.predictions import load_predictions
    from eval.scoring import SystemOutputs

    if request.predictions is None:
        return [], {}
    ids = reference_set.ids()
    given = load_predictions(request.predictions, ids)
    systems = [
        SystemOutputs(name, [outputs[item_id] for item_id in ids])
        for name, outputs in given.outputs.items()
    ]
    return systems, given.human


@eval_group.command("summaries")
@eval_options(article_column="article")
@click.option("--language", default="en", show_default=True,
              help="Language of the summaries: en uses stemming; others a Unicode tokenizer.")
@click.option("--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Summary length of generated outputs.")
@engine_options
def eval_summaries_command(
    request: EvalRequest, language: str, sentences: int, engine: EngineOptions
) -> None:
    """Score summaries with ROUGE-1/2/L/Lsum (F1; P/R in JSON), intervals and paired tests.

    --system is lead, textrank, or seq2seq[:MODEL] (the same code as `headline summarize`).
    When the predictions carry human scores per system (coherence, consistency, fluency,
    relevance), the report adds system-level Kendall tau and Pearson for each metric.

    \b
    Examples:
      headline eval summaries --references cnn_dailymail:3.0.0:test --system lead --limit 500
      headline eval summaries --references refs.jsonl --system textrank --system lead \\
          --format json -o report.json --plot report.png
      headline eval summaries --references refs.jsonl --predictions outputs.jsonl
    """
    from eval.metrics.rouge import RougeMetric
    from eval.references import load_references
    from eval.scoring import SystemOutputs
    from eval.systems import generate, summarizer_outputs
    from summarize.sentences import split_sentences

    reference_set = load_references(request.references)
    systems, human = _given_outputs(request, reference_set)
    for spec in request.systems:
        method, _, model = spec.partition(":")
        if method not in ("lead", "textrank", "seq2seq"):
            raise click.BadParameter(f"unknown system {spec!r} (lead, textrank, "
                                     "seq2seq[:MODEL])", param_hint="--system")
        summarizer = build_summarizer(method, model or None, engine, language=language)
        produce = summarizer_outputs(summarizer, language, sentences)
        texts = generate(spec, reference_set.items, produce, request.generation)
        systems.append(SystemOutputs(spec, texts, *summarizer_model(summarizer)))
    metric = RougeMetric(language, sentence_splitter=lambda text: split_sentences(text, language))
    _finish_eval(request, reference_set, systems, [metric], human)


@eval_group.command("translations")
@eval_options(article_column="source")
@click.option("--target", required=True, help="Language of the references (ru, hy...).")
@click.option("--source-language", default="en", show_default=True,
              help="Language of the source column (for generated translations).")
@click.option("--profile", type=click.Choice(profile_names()), default="default",
              show_default=True, help="Model set used by --system profile.")
@click.option("--bleu-tokenize", type=click.Choice(["13a", "intl", "char", "none"]),
              default="13a", show_default=True, help="sacrebleu tokenizer for BLEU.")
@engine_options
def eval_translations_command(
    request: EvalRequest,
    target: str,
    source_language: str,
    profile: str,
    bleu_tokenize: str,
    engine: EngineOptions,
) -> None:
    """Score translations with BLEU, chrF and chrF++ (sacrebleu, with its signature).

    --system is a model (hub id or local directory) for --target, or `profile` for the
    --profile model set.

    \b
    Examples:
      headline eval translations --references ntrex128_en-hy_400.jsonl --target hy \\
          --predictions hy.txt
      headline eval translations --references en-ru.jsonl --target ru --system profile \\
          --system ./my-opus-mt-en-ru --limit 100
    """
    from eval.metrics.bleu import BleuMetric
    from eval.metrics.chrf import ChrfMetric
    from eval.references import load_references
    from eval.scoring import SystemOutputs
    from eval.systems import generate, translator_outputs
    from translate.translator import TranslatorOptions, build_translator, normalize_language

    target = normalize_language(target)
    reference_set = load_references(request.references)
    systems, human = _given_outputs(request, reference_set)
    for spec in request.systems:
        overrides = {} if spec == "profile" else {target: spec}
        translator = build_translator(TranslatorOptions(
            profile=profile, source=source_language, overrides=overrides, engine=engine
        ))
        produce = translator_outputs(translator, target)
        texts = generate(spec, reference_set.items, produce, request.generation)
        ref = translator.model_ref(target)
        systems.append(SystemOutputs(spec, texts, model=ref.id, revision=ref.revision))
    metrics: list[Metric] = [BleuMetric(bleu_tokenize), ChrfMetric(0), ChrfMetric(2)]
    _finish_eval(request, reference_set, systems, metrics, human)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
