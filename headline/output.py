"""Writing a rendered result where the user asked: a file (atomically) or stdout."""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from common.errors import OutputError

STDOUT = "-"


def write_text(text: str, output: str | None = None) -> None:
    """``text`` plus a final newline to ``output``, or to stdout for None or ``-``.

    A file is written beside its final name and renamed over it, so a reader (or a killed
    run) never sees half of it.
    """
    with streamed_output(output) as write:
        write(text if text.endswith("\n") else text + "\n")


@contextmanager
def streamed_output(output: str | None = None) -> Iterator[Callable[[str], object]]:
    """A writer for text that comes in parts: each part reaches stdout (None or ``-``) at
    once; a file gets the whole text only when the block ends without an error."""
    if output in (None, STDOUT):
        yield _to_stdout
        return
    path = Path(str(output))
    if path.is_dir():
        raise OutputError(f"{output}: is a directory, not an output file")
    with atomic_file(path) as handle:
        yield handle.write


def _to_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def write_atomically(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it: a reader sees the old page or the new one,
    never half of one."""
    with atomic_file(path) as handle:
        handle.write(text)


@contextmanager
def atomic_file(path: Path) -> Iterator[TextIO]:
    """A file written beside ``path`` and renamed over it when the block ends; removed
    instead if anything fails."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
