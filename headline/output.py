"""Writing a rendered result where the user asked: a file (atomically) or stdout."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from common.errors import OutputError

STDOUT = "-"


def write_text(text: str, output: str | None = None) -> None:
    """``text`` plus a final newline to ``output``, or to stdout for None or ``-``.

    A file is written beside its final name and renamed over it, so a reader (or a killed
    run) never sees half of it.
    """
    body = text if text.endswith("\n") else text + "\n"
    if output in (None, STDOUT):
        sys.stdout.write(body)
        sys.stdout.flush()
        return
    path = Path(str(output))
    if path.is_dir():
        raise OutputError(f"{output}: is a directory, not an output file")
    write_atomically(path, body)


def write_atomically(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it: a reader sees the old page or the new one,
    never half of one. The temporary file is removed if anything fails."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        with temporary.open("x", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
