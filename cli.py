"""The ``headline`` command line: a thin click layer over the library packages.

``summarize/``, ``translate/`` and ``eval/`` never import each other's internals for the
article path; this module wires them together. User errors from any package become one
``Error: ...`` line and exit code 1; ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import click

from eval.errors import EvalError
from summarize.errors import SummarizeError
from translate.errors import TranslateError

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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
