"""The ``headline`` command line: click only, one library call per command.

Options are gathered into the library's option records by shared decorators, so a setting
has one name in every command. Any :class:`~common.errors.HeadlineError` becomes one
``Error: ...`` line and exit code 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import click

from common.errors import HeadlineError

if TYPE_CHECKING:
    from headline.evaluation import EvalRequest, ReportOutputs
    from headline.feed import FeedRunOptions
    from headline.records import Digest
    from headline.summarizing import SummaryOptions
    from headline.translating import TranslatedChunk, TranslationOptions
    from seq2seq import EngineOptions
    from summarize.fetch_options import FetchOptions

# Kept in step with the libraries' own lists (a test checks), so --help imports none of them.
SUMMARY_METHODS = ("auto", "seq2seq", "textrank", "lead")
PROFILES = ("default", "quality", "nllb")
BACKENDS = ("auto", "transformers", "ctranslate2")
DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = ("auto", "int8", "float32", "float16", "bfloat16", "int8_float16", "int8_bfloat16")
ARTICLE_FORMATS = ("text", "json", "markdown")
DIGEST_FORMATS = ("text", "json", "markdown", "html")
FEED_OUTPUT_FORMATS = ("jsonl", "csv", "html")
REPORT_FORMATS = ("table", "json", "csv")
ENGINES = ("local", "ray")
DEADLINE_PER_TIMEOUT = 3
DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 10_000_000
MAX_BEAM_SIZE = 64
MAX_OUTPUT_TOKENS = 4096
MAX_RESAMPLES = 100_000


class OneLineError(click.ClickException):
    """An error shown as exactly one ``Error:`` line: control characters and line breaks
    in the message (a path holding a newline, say) are shown escaped."""

    def __init__(self, message: str) -> None:
        super().__init__("".join(_escaped(char) for char in message))


class OneLineUsageError(OneLineError):
    """A usage error (unknown or missing option, bad value): one line, exit code 2."""

    exit_code = 2


def _escaped(char: str) -> str:
    if char.isprintable() or char == " ":
        return char
    return char.encode("unicode_escape").decode("ascii")


class HeadlineGroup(click.Group):
    """Root group that turns library errors into one clean ``Error:`` line (exit 1) and
    usage errors into one ``Error:`` line naming the option (exit 2), without the usage."""

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise OneLineUsageError(exc.format_message()) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.exceptions.NoArgsIsHelpError:
            raise
        except click.UsageError as exc:
            raise OneLineUsageError(exc.format_message()) from None
        except OneLineError:
            raise
        except click.ClickException as exc:
            raise OneLineError(exc.format_message()) from None
        except (click.exceptions.Exit, click.Abort):
            raise
        except HeadlineError as exc:
            if _debug_enabled(ctx):
                raise
            raise OneLineError(str(exc)) from None
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if _debug_enabled(ctx):
                raise
            raise OneLineError(
                f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)"
            ) from None


def _debug_enabled(ctx: click.Context) -> bool:
    return bool(ctx.find_root().params.get("debug"))


@click.group(cls=HeadlineGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="headline", prog_name="headline")
@click.option("--debug", is_flag=True, envvar="HEADLINE_DEBUG",
              help="Show the full traceback instead of a one-line error.")
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


# -- shared option sets -------------------------------------------------------------------

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _apply(command: Callable[..., Any], decorators: Sequence[Decorator]) -> Callable[..., Any]:
    for decorator in reversed(decorators):
        command = decorator(command)
    return command


def output_options(formats: tuple[str, ...], format_help: str = "Output format.") -> Decorator:
    """``--format`` (one of ``formats``, the first by default) and ``-o/--output``."""
    return lambda command: _apply(command, [
        click.option("--format", "fmt", type=click.Choice(formats), default=formats[0],
                     show_default=True, help=format_help),
        click.option("-o", "--output", default=None, help="Write to this file instead of stdout."),
    ])


def fetch_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--timeout, --max-bytes, --user-agent; the command receives ``fetch: FetchOptions``.

    The total deadline of a fetch (retries included) is three times the timeout.
    """

    @functools.wraps(command)
    def wrapper(*args: Any, timeout: float, max_bytes: int, user_agent: str | None,
                **kwargs: Any) -> Any:
        from summarize.fetch_options import FetchOptions

        fetch = FetchOptions(timeout=timeout, deadline=timeout * DEADLINE_PER_TIMEOUT,
                             max_bytes=max_bytes, user_agent=user_agent or FetchOptions.user_agent)
        return command(*args, fetch=fetch, **kwargs)

    return _apply(wrapper, [
        click.option("--timeout", type=click.FloatRange(min=0.1), default=DEFAULT_TIMEOUT,
                     show_default=True, envvar="HEADLINE_TIMEOUT",
                     help="Seconds to wait for a server on each connect/read "
                     f"(the whole fetch gives up after {DEADLINE_PER_TIMEOUT}x this)."),
        click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                     show_default=True, envvar="HEADLINE_MAX_BYTES",
                     help="Largest page or file to read; bigger ones are refused."),
        click.option("--user-agent", default=None, envvar="HEADLINE_USER_AGENT",
                     help="User-Agent header sent with every request [default: headline's own, "
                     "with its version]."),
    ])


def engine_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--backend, --device, --compute-type, --beam-size, --max-length, --offline; the command
    receives ``engine: EngineOptions``."""

    @functools.wraps(command)
    def wrapper(*args: Any, backend: str, device: str, compute_type: str, beam_size: int | None,
                max_length: int | None, offline: bool, **kwargs: Any) -> Any:
        from seq2seq import EngineOptions

        engine = EngineOptions(backend=backend, device=device, compute_type=compute_type,
                               beam_size=beam_size, max_length=max_length, offline=offline)
        return command(*args, engine=engine, **kwargs)

    return _apply(wrapper, [
        click.option("--backend", type=click.Choice(BACKENDS), default="auto", show_default=True,
                     envvar="HEADLINE_BACKEND",
                     help="ctranslate2 (int8, fast on CPU) or transformers; auto picks "
                     "ctranslate2 on CPU and transformers on GPU."),
        click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True,
                     envvar="HEADLINE_DEVICE", help="Where models run."),
        click.option("--compute-type", type=click.Choice(COMPUTE_TYPES), default="auto",
                     show_default=True, envvar="HEADLINE_COMPUTE_TYPE",
                     help="int8 by default on CPU; float16/bfloat16 need a GPU."),
        click.option("--beam-size", type=click.IntRange(1, MAX_BEAM_SIZE), default=None,
                     help="Beam width (1 = greedy); default: the model's own setting."),
        click.option("--max-length", type=click.IntRange(1, MAX_OUTPUT_TOKENS), default=None,
                     help="Most output tokens per text; default: the model's own setting."),
        click.option("--offline", is_flag=True, envvar="HEADLINE_OFFLINE",
                     help="Never touch the network; models must be cached or local "
                     "(HF_HUB_OFFLINE=1 does the same)."),
    ])


def translation_options(skippable: bool = False, source_help: str = "") -> Decorator:
    """--to, --from, --profile, --translator, --cache/--no-cache (and --no-translate when
    ``skippable``) plus the engine options; the command receives ``engine`` and
    ``translation: TranslationOptions`` (None after --no-translate)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, to: str, source_language: str | None, profile: str,
                    translator: tuple[str, ...], engine: EngineOptions, no_cache: bool,
                    cache_path: str | None, no_translate: bool = False, **kwargs: Any) -> Any:
            from headline.translating import TranslationOptions
            from translate.translator import parse_overrides

            targets = tuple(code for code in to.split(",") if code.strip())
            if not targets:
                raise click.BadParameter("give a language, e.g. ru,hy", param_hint="--to")
            setup = None if no_translate else TranslationOptions(
                targets=targets, source=source_language, profile=profile,
                overrides=parse_overrides(translator), engine=engine,
                use_cache=not no_cache, cache_path=cache_path,
            )
            return command(*args, engine=engine, translation=setup, **kwargs)

        decorators = [
            click.option("--to", default="ru,hy", show_default=True, envvar="HEADLINE_TO",
                         help="Target languages, comma-separated."),
            click.option("--from", "source_language", default=None, metavar="LANG",
                         help=f"Language of the source text {source_help}".rstrip() + "."),
            click.option("--profile", type=click.Choice(PROFILES), default="default",
                         show_default=True, envvar="HEADLINE_PROFILE",
                         help="Model set: default (opus-mt), quality (MADLAD-400 3B), "
                         "nllb (NLLB-200, non-commercial licence)."),
            click.option("--translator", multiple=True, metavar="LANG=ID_OR_DIR",
                         help="Use this hub id or local model directory for LANG "
                         "(repeatable)."),
            click.option("--cache", "cache_path", default=None, envvar="HEADLINE_CACHE",
                         help="Translation cache file [default: translations.sqlite3 in the "
                         "user cache]."),
            click.option("--no-cache", is_flag=True,
                         help="Do not read or write the translation cache."),
        ]
        if skippable:
            decorators.append(click.option("--no-translate", is_flag=True,
                                           help="Skip translation."))
        return engine_options(_apply(wrapper, decorators))

    return decorate


def summary_options(default_method: str = "auto", for_links: bool = False) -> Decorator:
    """--method, --summarizer-model, -n/--sentences; the command receives ``summary``."""
    what = "Summariser for --summarize" if for_links else "Summariser"

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, method: str, summarizer_model: str | None, sentences: int,
                    **kwargs: Any) -> Any:
            from headline.summarizing import SummaryOptions

            summary = SummaryOptions(method, summarizer_model, sentences)
            return command(*args, summary=summary, **kwargs)

        return _apply(wrapper, [
            click.option("--method", type=click.Choice(SUMMARY_METHODS), default=default_method,
                         show_default=True, envvar="HEADLINE_METHOD",
                         help=f"{what}: seq2seq, a neural summary (--summarizer-model); auto: "
                         "seq2seq when its model loads, else textrank with a notice; lead: the "
                         "first sentences; textrank: central, early, non-redundant sentences "
                         "(lead and textrank need no model, any language)."),
            click.option("--summarizer-model", "--model", "summarizer_model", default=None,
                         metavar="ID_OR_DIR", envvar="HEADLINE_SUMMARIZER_MODEL",
                         help="Hub id or local directory of a seq2seq summariser "
                         "[default: sshleifer/distilbart-cnn-12-6]."),
            click.option("-n", "--sentences", type=click.IntRange(min=1), default=3,
                         show_default=True, help="Summary length in sentences."),
        ])

    return decorate


# -- extract, summarize, translate --------------------------------------------------------


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
    from headline.output import write_text
    from headline.render import render_article
    from summarize.sources import read_article

    write_text(render_article(read_article(source, fetch), fmt), output)


@main.command("summarize")
@click.argument("source")
@summary_options()
@output_options(DIGEST_FORMATS)
@translation_options(skippable=True, source_help="[default: detected from the article]")
@fetch_options
@click.pass_context
def summarize_command(
    ctx: click.Context, source: str, summary: SummaryOptions, fmt: str, output: str | None,
    engine: EngineOptions, translation: TranslationOptions | None, fetch: FetchOptions,
) -> None:
    """Summarise the article in SOURCE: headline, date, authors and the key sentences,
    translated into Russian and Armenian.

    SOURCE is an http(s) URL, a saved HTML page, a text copy of a whole page, or - for
    stdin; HTML or text is told from the content, not the file name. A language that
    cannot be translated is named on stderr and the rest of the digest is still printed,
    with exit code 1.

    \b
    Examples:
      headline summarize https://example.com/news/story.html
      headline summarize saved-page.html --format json --to ru --method textrank
      headline summarize page.html --no-translate --method seq2seq --summarizer-model ./my-bart
      headline summarize copied-page.txt --method lead -n 2 --format markdown -o story.md
      cat page.html | headline summarize - --sentences 2
    """
    from headline.digests import DigestOptions, digest
    from headline.output import write_text
    from headline.render import render_digest

    options = DigestOptions(summary, translation, fetch, engine)
    result = digest(source, options=options, notice=_notice)
    write_text(render_digest(result, fmt), output)
    _fail_for_languages(ctx, result)


def _fail_for_languages(ctx: click.Context, result: Digest) -> None:
    """One error line naming every language that could not be translated, and exit 1."""
    failed = {code: result.translations[code].error for code in result.failed_languages}
    if not failed:
        return
    click.echo(f"Error: {_failure_line(failed)}; the rest is above (pass --no-translate to "
               "skip translation)", err=True)
    ctx.exit(1)


@main.command("translate")
@click.argument("text")
@translation_options(source_help="[default: en]")
@output_options(("text", "jsonl"), "text: one line per input line (LANG<TAB>line with several "
                "languages); jsonl: one object per input line.")
@click.pass_context
def translate_command(
    ctx: click.Context, text: str, fmt: str, output: str | None, engine: EngineOptions,
    translation: TranslationOptions,
) -> None:
    """Translate TEXT (or each line of stdin with -): one line in, one line out, same order.

    A language that fails is named on stderr; the other languages are still written, and
    the exit code is 1.

    \b
    Examples:
      headline translate "Leaders play drums at summit" --to ru,hy
      headline translate - --to hy --from en < headlines.txt > headlines.hy.txt
      headline translate - --to ru --translator ru=./my-opus-mt --format jsonl < titles.txt
    """
    from common.io import STDIN, check_text, stream_stdin
    from headline.output import streamed_output
    from headline.translating import TRANSLATE_CHUNK_LINES, translate_stream
    from translate.errors import TranslateError

    chunks = (stream_stdin().chunks(TRANSLATE_CHUNK_LINES) if text == STDIN
              else iter([[check_text(text, "TEXT")]]))
    failed: Mapping[str, str | None] = {}  # languages that failed on every line of part one
    lost = 0  # lines that failed alone, in a language that otherwise worked
    with streamed_output(output) as write:
        for chunk in translate_stream(chunks, translation.translator(), translation.targets):
            failed = chunk.failed
            if chunk.first == 1 and len(failed) == len(chunk.results) and fmt == "text":
                raise TranslateError(_failure_line(failed))
            lost += _warn_lines(chunk)
            write(_render_chunk(chunk, fmt))
    if failed:
        click.echo(f"Error: {_failure_line(failed)}", err=True)
    elif lost:
        click.echo(f"Error: {lost} line(s) not translated (named above; their output lines "
                   "are empty)", err=True)
    if failed or lost:
        ctx.exit(1)


def _warn_lines(chunk: TranslatedChunk) -> int:
    """Name each line's number warnings and each line that failed alone; the count of those."""
    lost = 0
    for code, parts in chunk.results.items():
        for number, part in enumerate(parts, start=chunk.first):
            for warning in part.warnings:
                click.echo(f"warning: line {number}, {code}: {warning}", err=True)
            if part.error and code not in chunk.failed:
                lost += 1
                click.echo(f"warning: line {number}, {code}: not translated: {part.error}",
                           err=True)
    return lost


def _render_chunk(chunk: TranslatedChunk, fmt: str) -> str:
    from headline.render import render_translated_lines

    rendered = render_translated_lines(chunk.lines, chunk.results, fmt, left_out=chunk.failed)
    return rendered + "\n" if rendered else ""


def _failure_line(failed: Mapping[str, str | None]) -> str:
    """The error itself when one language failed, else each language with its error."""
    if len(failed) == 1:
        (code, error), = failed.items()
        return f"{error} (nothing translated into {code})"
    reasons = "; ".join(f"{code}: {error}" for code, error in failed.items())
    return f"not translated into {', '.join(failed)} ({reasons})"


# -- models --------------------------------------------------------------------------------


@main.group("models", invoke_without_command=True)
@click.pass_context
def models_group(ctx: click.Context) -> None:
    """List the known models: job, id, family, licence, parameter count, download size
    (on disk when cached here; else ~ an estimate from float32 weights), whether cached.

    \b
    Examples:
      headline models
      headline models fetch --profile default
    """
    if ctx.invoked_subcommand is not None:
        return
    from headline.models import known_models
    from headline.render import render_table

    rows = [("JOB", "MODEL", "FAMILY", "LICENCE", "PARAMS", "DOWNLOAD", "LOCAL")]
    rows += [(m.job, m.id, m.family, m.licence, m.parameters, m.download,
              "yes" if m.local else "no") for m in known_models()]
    click.echo(render_table(rows))


@models_group.command("fetch")
@click.option("--profile", type=click.Choice(PROFILES), default="default",
              show_default=True, help="Translation profile whose models to download.")
@click.option("--summarizer/--no-summarizer", default=True, show_default=True,
              help="Also download the default summariser.")
def models_fetch_command(profile: str, summarizer: bool) -> None:
    """Download a profile's models (and the default summariser) for offline use."""
    from headline.models import fetch_models

    for source in fetch_models(profile, summarizer, notice=_notice):
        click.echo(f"{source.model_id}\t{source.revision}\t{source.path}")


# -- feed ----------------------------------------------------------------------------------


@main.command("feed")
@click.argument("sources", nargs=-1, required=True)
@click.option("-o", "--output", required=True,
              help="Output file; a rerun skips ids in it (.html: one page, written at the end).")
@click.option("--format", "fmt", type=click.Choice(FEED_OUTPUT_FORMATS), default=None,
              help="Output format [default: from the output's extension, else jsonl].")
@click.option("--fields", default="title,summary", show_default=True,
              help="Item fields to translate.")
@click.option("--summarize", "summarize_links", is_flag=True,
              help="Fetch each item's link, extract and summarise it; translate the summary.")
@summary_options(for_links=True)
@click.option("--batch-size", type=click.IntRange(min=1), default=96, show_default=True,
              help="Most items per batch (batches also stop at a token budget).")
@click.option("-q", "--quiet", is_flag=True, help="No progress or summary on stderr.")
@click.option("--engine", "engine_name", type=click.Choice(ENGINES), default="local",
              show_default=True, help="ray: run the batches on a pool of Ray actors.")
@click.option("--num-workers", type=click.IntRange(min=1), default=2, show_default=True,
              help="Ray actors, one translator each.")
@click.option("--ray-address", default=None, envvar="RAY_ADDRESS",
              help="ray://host:port or auto for a running cluster [default: start Ray here].")
@click.option("--allow-private-addresses", is_flag=True,
              help="Let --summarize fetch links on loopback or private networks.")
@click.option("--retry-errors/--no-retry-errors", default=True, show_default=True,
              help="Translate again the items whose earlier record is an error.")
@click.option("--watch", "watch_interval", default=None, metavar="INTERVAL",
              help="Poll the feeds every INTERVAL (30s, 5m, 1h) and translate new items.")
@click.option("--max-polls", type=click.IntRange(min=1), default=None,
              help="With --watch: stop after this many polls [default: until stopped].")
@translation_options(source_help="[default: en]")
@fetch_options
@click.pass_context
def feed_command(
    ctx: click.Context, sources: tuple[str, ...], output: str, fmt: str | None, fields: str,
    summarize_links: bool, summary: SummaryOptions, batch_size: int, quiet: bool,
    engine_name: str, num_workers: int, ray_address: str | None,
    allow_private_addresses: bool, retry_errors: bool, watch_interval: str | None,
    max_polls: int | None, engine: EngineOptions,
    translation: TranslationOptions, fetch: FetchOptions,
) -> None:
    """Translate every item of the feeds SOURCES into OUTPUT, as it goes and resumably.

    A source is an RSS/Atom URL or file, JSONL, CSV or plain lines (one headline each), - for
    stdin, or an OPML list of feeds. With several feeds each record names its feed and ids
    become FEED#ID; a feed that cannot be read is reported and the others go on. Each batch
    is on disk before the next starts; a rerun (after a crash or kill) skips ids already
    written and retries error records. A bad item is written with status "error" and the
    run goes on; the exit code is 1 when any item or feed failed.

    \b
    Examples:
      headline feed https://site/rss.xml -o out.jsonl
      headline feed https://a/rss.xml https://b/atom.xml -o out.jsonl
      headline feed subscriptions.opml -o out.jsonl
      headline feed feed.xml -o out.csv --to ru
      headline feed items.jsonl -o out.jsonl --fields title,summary
      headline feed feed.xml -o out.jsonl --summarize --method textrank
      headline feed big.jsonl -o out.jsonl --engine ray --num-workers 8
      headline feed feed.xml -o digest.html      # one page, EN/RU/ARM switcher
      headline feed a.xml https://b/rss -o out.jsonl --watch 5m
    """
    from headline.feed import FeedRunOptions, run_feed
    from headline.feed.interrupt import stop_on_signals
    from headline.feed.progress import Progress

    options = FeedRunOptions(
        output=output, fmt=fmt, translation=translation,
        fields=tuple(name.strip() for name in fields.split(",") if name.strip()),
        batch_size=batch_size, summary=summary if summarize_links else None, fetch=fetch,
        allow_private_links=allow_private_addresses, engine=engine_name,
        num_workers=num_workers, ray_address=ray_address, retry_errors=retry_errors,
    )
    if watch_interval is not None:
        _watch(ctx, list(sources), options, watch_interval, max_polls)
        return
    with stop_on_signals() as stop:
        result = run_feed(sources, options, Progress(quiet=quiet), stop.is_set)
    report = result.report
    if report.interrupted and stop.signum is not None:
        click.echo(f"Interrupted: {report.written} written to {output}; run the same command "
                   "again to resume", err=True)
        ctx.exit(128 + stop.signum)
    for problem in result.feed_errors:
        click.echo(f"failed feed: {problem}", err=True)
    if not quiet:
        click.echo(f"{output}: {report.written} written ({report.failed} failed, "
                   f"{report.retried} retried), "
                   f"{report.skipped} already there, {result.duplicates} duplicate ids skipped",
                   err=True)
        for error in report.errors[:5]:
            click.echo(f"  failed: {error}", err=True)
    if report.failed or result.feed_errors:
        ctx.exit(1)


def _watch(
    ctx: click.Context, sources: list[str], options: FeedRunOptions, interval: str,
    max_polls: int | None,
) -> None:
    """``feed --watch``: one stderr line per poll; a signal ends the wait or the poll."""
    from headline.feed.interrupt import stop_on_signals
    from headline.feed.watch import parse_interval, watch_feeds

    seconds = parse_interval(interval)
    with stop_on_signals() as stop:
        watch = watch_feeds(
            sources, options, seconds, max_polls, lambda line: click.echo(line, err=True),
            sleep=stop.event.wait, should_stop=stop.is_set,
        )
    if stop.signum is not None:
        click.echo(f"Interrupted: run the same command again to resume ({options.output})",
                   err=True)
        ctx.exit(128 + stop.signum)
    if watch.failed:
        ctx.exit(1)


# -- eval ----------------------------------------------------------------------------------


@main.group("eval")
def eval_group() -> None:
    """Score summaries and translations against reference sets, with 95% intervals.

    \b
    Examples:
      headline eval summaries --references refs.jsonl --system lead --system textrank
      headline eval summaries --references refs.jsonl --predictions outputs.jsonl --plot r.png
      headline eval translations --references en-hy.jsonl --target hy --predictions hy.txt
    """


def eval_options(article_column: str) -> Decorator:
    """The options both eval commands share, and the engine options; the command receives
    ``request: EvalRequest`` and ``report_to: ReportOutputs``."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def wrapper(*args: Any, references: str, article_column: str,
                    reference_column: str | None, id_column: str, limit: int | None,
                    sample: int | None, seed: int, resamples: int, predictions: tuple[str, ...],
                    system: tuple[str, ...], fmt: str, output: str | None,
                    per_example: str | None, plot: str | None, outputs: str | None,
                    max_bytes: int, engine: EngineOptions, **kwargs: Any) -> Any:
            from pathlib import Path

            from eval.bootstrap import BootstrapOptions
            from eval.references import ReferenceOptions
            from eval.systems import GenerationOptions
            from headline.evaluation import EvalRequest, ReportOutputs, check_report_outputs

            if not predictions and not system:
                raise click.UsageError("give --predictions FILE or at least one --system")
            request = EvalRequest(
                references=ReferenceOptions(references, article_column, reference_column,
                                            id_column, limit, sample, seed),
                predictions=predictions, systems=system,
                bootstrap=BootstrapOptions(resamples=resamples, seed=seed),
                generation=GenerationOptions(
                    store_path=Path(outputs) if outputs else None, progress=_eval_progress
                ),
                engine=engine, max_bytes=max_bytes,
            )
            report_to = ReportOutputs(fmt, output, per_example, plot)
            check_report_outputs(request, report_to)
            return command(*args, request=request, report_to=report_to, **kwargs)

        return engine_options(_apply(wrapper, [
            click.option("--references", required=True, metavar="FILE_OR_HUB_ID",
                         help="Local JSONL/CSV/Parquet file, or a hub dataset "
                         "name[:config[:split]] (split: test by default)."),
            click.option("--article-column", default=article_column, show_default=True,
                         help="Column with the text the systems read."),
            click.option("--reference-column", default=None,
                         help="Column with the reference(s), a list column for several "
                         "[default: first of reference, references, summary, highlights, "
                         "target, translation]."),
            click.option("--id-column", default="id", show_default=True,
                         help="Column with item ids (rows are numbered when it is absent)."),
            click.option("--limit", type=click.IntRange(min=1), default=None,
                         help="Use only the first N items."),
            click.option("--sample", type=click.IntRange(min=1), default=None,
                         help="Use N items drawn at random with --seed."),
            click.option("--seed", type=click.IntRange(min=0), default=0, show_default=True,
                         help="Seed of --sample and of the bootstrap."),
            click.option("--resamples", type=click.IntRange(10, MAX_RESAMPLES), default=1000,
                         show_default=True, help="Bootstrap resamples."),
            click.option("--predictions", multiple=True, metavar="FILE",
                         help="Outputs to score: JSONL with id and summary/prediction (and "
                         "system for several), or one line per item (repeatable)."),
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
            click.option("--max-bytes", type=click.IntRange(min=1), default=DEFAULT_MAX_BYTES,
                         show_default=True, envvar="HEADLINE_MAX_BYTES",
                         help="Largest local reference or predictions file to read; bigger "
                         "ones are refused."),
        ]))

    return decorate


def _eval_progress(system: str, done: int, total: int) -> None:
    """``system: done/total`` redrawn in place on a terminal; in a log, one line per system
    when it is finished, so the log never holds one endless line."""
    if sys.stderr.isatty():
        click.echo(f"\r{system}: {done}/{total}", err=True, nl=done >= total)
    elif done >= total:
        click.echo(f"{system}: {done}/{total}", err=True)


@eval_group.command("summaries")
@eval_options(article_column="article")
@click.option("--language", default="en", show_default=True,
              help="Language of the summaries: en uses stemming; others a Unicode tokenizer.")
@click.option("-n", "--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              help="Summary length of generated outputs.")
def eval_summaries_command(
    request: EvalRequest, report_to: ReportOutputs, language: str, sentences: int
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
    from headline.evaluation import evaluate_summaries, write_report

    write_report(evaluate_summaries(request, language, sentences), report_to)


@eval_group.command("translations")
@eval_options(article_column="source")
@click.option("--target", required=True, help="Language of the references (ru, hy...).")
@click.option("--from", "--source-language", "source_language", default="en",
              show_default=True, help="Language of the source column (for generated "
              "translations).")
@click.option("--profile", type=click.Choice(PROFILES), default="default",
              show_default=True, help="Model set used by --system profile.")
@click.option("--bleu-tokenize", type=click.Choice(["13a", "intl", "char", "none"]),
              default="13a", show_default=True, help="sacrebleu tokenizer for BLEU.")
def eval_translations_command(
    request: EvalRequest, report_to: ReportOutputs, target: str, source_language: str,
    profile: str, bleu_tokenize: str,
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
    from headline.evaluation import evaluate_translations, write_report

    report = evaluate_translations(request, target, source_language, profile, bleu_tokenize)
    write_report(report, report_to)


def _notice(message: str) -> None:
    click.echo(message, err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
