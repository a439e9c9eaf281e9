"""SIGINT/SIGTERM during `headline feed`: whole batches kept, a resume hint, exit 130/143."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tiny_models import session_model

from common.store import JsonlStore

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
ITEMS = 200
BATCH = 5


def _lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_signal_stops_after_batches_in_flight_and_rerun_completes(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, signum: int, code: int
) -> None:
    marian = session_model("marian", tmp_path_factory)
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(json.dumps({"id": f"i{n:03d}", "title": f"Headline {n} about the vote"}) + "\n"
                for n in range(ITEMS)),
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    command = [
        sys.executable, "cli.py", "feed", str(items), "-o", str(out), "--translator",
        f"ru={marian}", "--to", "ru", "--max-length", "6", "--batch-size", str(BATCH),
        "--quiet", "--no-cache",
    ]
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    while process.poll() is None and _lines(out) < 2 * BATCH:
        time.sleep(0.002)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code
    written = _lines(out)
    assert written % BATCH == 0 and 2 * BATCH <= written < ITEMS
    assert stderr.decode().splitlines()[-1] == (
        f"Interrupted: {written} written to {out}; run the same command again to resume"
    )
    done = subprocess.run(command, cwd=REPO, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    ids = [record["id"] for record in JsonlStore(out).records()]
    assert ids == [f"i{n:03d}" for n in range(ITEMS)]
