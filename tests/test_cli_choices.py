"""The command line keeps its option choices itself, so ``--help`` imports no library
module; they must stay equal to the libraries' own lists."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO

import cli


def test_cli_choices_equal_the_library_lists() -> None:
    from eval.bootstrap import MAX_RESAMPLES
    from eval.report import REPORT_FORMATS
    from headline.feed import ENGINES
    from headline.feed.outputs import FEED_OUTPUT_FORMATS
    from headline.render import ARTICLE_FORMATS, DIGEST_FORMATS
    from headline.summarizing import SUMMARY_METHODS
    from seq2seq.options import (
        BACKENDS,
        COMPUTE_TYPES,
        DEVICES,
        MAX_BEAM_SIZE,
        MAX_OUTPUT_TOKENS,
    )
    from summarize.fetch import FetchOptions
    from translate.profiles import profile_names

    assert cli.SUMMARY_METHODS == SUMMARY_METHODS
    assert list(cli.PROFILES) == profile_names()
    assert (cli.BACKENDS, cli.DEVICES, cli.COMPUTE_TYPES) == (BACKENDS, DEVICES, COMPUTE_TYPES)
    assert (cli.ARTICLE_FORMATS, cli.DIGEST_FORMATS) == (ARTICLE_FORMATS, DIGEST_FORMATS)
    assert cli.FEED_OUTPUT_FORMATS == FEED_OUTPUT_FORMATS
    assert tuple(REPORT_FORMATS) == cli.REPORT_FORMATS
    assert cli.ENGINES == ENGINES
    assert (
        FetchOptions.timeout, FetchOptions.max_bytes,
    ) == (cli.DEFAULT_TIMEOUT, cli.DEFAULT_MAX_BYTES)
    assert (cli.MAX_BEAM_SIZE, cli.MAX_OUTPUT_TOKENS, cli.MAX_RESAMPLES) == (
        MAX_BEAM_SIZE, MAX_OUTPUT_TOKENS, MAX_RESAMPLES,
    )


def test_help_imports_no_library_package() -> None:
    code = (
        "import sys, cli\n"
        "try:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('headline', 'summarize', 'translate', 'eval', 'seq2seq', "
        "'torch', 'transformers', 'trafilatura', 'httpx', 'numpy') if m in sys.modules]\n"
        "print(heavy, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"
