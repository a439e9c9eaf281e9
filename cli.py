"""The ``headline`` command line: a thin click layer over the library packages.

``summarize/``, ``translate/`` and ``eval/`` never import each other's internals for the
article path; this module wires them together. User errors from any package become one
``Error: ...`` line and exit code 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

import click

from eval.errors import EvalError
from summarize.errors import SummarizeError
from summarize.fetch import DEFAULT_USER_AGENT, FetchOptions
from summarize.render import DIGEST_FORMATS, render_digest
from summarize.sources import read_article
from summarize.summarizers import SUMMARIZERS
from translate.errors import TranslateError

if TYPE_CHECKING:
    from summarize.digest import Digest
    from summarize.summarizers import Summarizer
    from translate.engine import EngineOptions

USER_ERRORS: tuple[type[Exception], ...] = (SummarizeError, TranslateError, EvalError)


def _package_version() -> str:
    try:
        return version("headline")
    except PackageNotFoundError:
        return "0+unknown"


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
@click.version_option(_package_version(), prog_name="headline")
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
      headline summarize saved-page.html --format json
      headline extract saved-page.html --format json
    """


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", default=None, help="Write to this file instead of stdout.")
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
    from summarize.render import render_article

    article = read_article(source, fetch)
    write_output(render_article(article, fmt), output)


@dataclasses.dataclass(frozen=True)
class SummarizeRequest:
    """The summarize command's own options: one field per option, so new ones slot in here."""

    method: str = "textrank"
    sentences: int = 3
    fmt: str = "text"


def summarize_source(source: str, fetch: FetchOptions, request: SummarizeRequest) -> Digest:
    """Read, extract and summarise SOURCE into a digest (no translation yet)."""
    from summarize.digest import Digest
    from summarize.summarizers import get_summarizer, summarize_article

    article = read_article(source, fetch)
    summarizer = get_summarizer(request.method)
    summary = summarize_article(article, summarizer, request.sentences)
    digest = Digest.from_article(article, summary, summarizer.name)
    if len(summary) < request.sentences:
        digest.warnings.append(
            f"the article has only {len(summary)} sentence(s); {request.sentences} were asked for"
        )
    return digest


@main.command("summarize")
@click.argument("source")
@click.option(
    "--method",
    type=click.Choice(sorted(SUMMARIZERS)),
    default="textrank",
    show_default=True,
    envvar="HEADLINE_METHOD",
    help="lead: the first sentences; textrank: central, early, non-redundant sentences. "
    "Both need no model and work in any language.",
)
@click.option(
    "-n",
    "--sentences",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="Summary length in sentences.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(DIGEST_FORMATS),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", default=None, help="Write to this file instead of stdout.")
@fetch_options
def summarize_command(
    source: str, output: str | None, fetch: FetchOptions, **settings: Any
) -> None:
    """Summarise the article in SOURCE: headline, date, authors and the key sentences.

    SOURCE is an http(s) URL, a saved HTML page, a text copy of a whole page, or - for
    stdin; HTML or text is told from the content, not the file name.

    \b
    Examples:
      headline summarize https://example.com/news/story.html
      headline summarize saved-page.html --format json
      headline summarize copied-page.txt --method lead -n 2 --format markdown -o story.md
      cat page.html | headline summarize - --sentences 2
    """
    request = SummarizeRequest(**settings)
    digest = summarize_source(source, fetch, request)
    write_output(render_digest(digest, request.fmt), output)


SUMMARY_METHODS = ("auto", "seq2seq", "textrank", "lead")


def build_summarizer(
    method: str,
    model: str | None,
    engine: EngineOptions,
    notice: Callable[[str], None] | None = None,
) -> Summarizer:
    """The summariser for ``--method``: the summarize and eval commands both build it here.

    ``seq2seq`` loads ``model`` (the registry's default when None) and fails with a clear
    error if it cannot; ``auto`` falls back to textrank instead, after one ``notice`` line
    (stderr by default) saying why and how to get the model. Offline, a model missing from
    the cache is known at once from the local files, so the fallback never waits on a network.
    """
    from summarize.models import DEFAULT_SUMMARIZER
    from summarize.summarizers import get_summarizer
    from summarize.summarizers.seq2seq import Seq2SeqSummarizer
    from translate.engine import load_seq2seq

    if method not in ("seq2seq", "auto"):
        return get_summarizer(method)
    model_id = model or DEFAULT_SUMMARIZER.id
    try:
        return Seq2SeqSummarizer(load_seq2seq(model_id, engine))
    except TranslateError as exc:
        if method == "seq2seq":
            raise
        (notice or _stderr_notice)(f"notice: summarising with textrank: {exc}")
        return get_summarizer("textrank")


def _stderr_notice(message: str) -> None:
    click.echo(message, err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
