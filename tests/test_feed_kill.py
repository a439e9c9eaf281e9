"""Nothing lost: `headline feed` killed with SIGKILL ten times still ends complete.

The command runs as a real subprocess with a tiny Marian model; each kill lands at a
different point, counted in lines the output has grown by since that run started (not in
seconds, so the test does not depend on the machine's speed), and each rerun resumes. The
final file must hold every id exactly once, with the same records as an uninterrupted run.
"""

from __future__ import annotations

import json
import os
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
ITEMS = 300
# lines the output has grown by when each run is killed
KILL_POINTS = [1, 3, 4, 6, 9, 12, 15, 22, 30, 41]


def _count_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def _command(items: Path, out: Path, marian: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "cli.py", "feed", str(items), "-o", str(out),
        "--translator", f"ru={marian}", "--translator", f"hy={marian}",
        "--max-length", "6", "--batch-size", "5", "--quiet", *extra,
    ]


def _run_until(command: list[str], out: Path, grown: int) -> int:
    start_lines = _count_lines(out)
    process = subprocess.Popen(
        command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    while process.poll() is None:
        if _count_lines(out) - start_lines >= grown:
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.002)
    return process.wait(60)


def test_ten_kills_then_rerun_gives_every_id_once(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    marian = session_model("marian", tmp_path_factory)
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(
            json.dumps({"id": f"item-{n:03d}", "title": f"Headline {n % 120} about the vote {n}"})
            + "\n"
            for n in range(ITEMS)
        ),
        encoding="utf-8",
    )
    reference = tmp_path / "reference.jsonl"
    done = subprocess.run(
        _command(items, reference, marian, "--no-cache"), cwd=REPO, capture_output=True,
        timeout=300, env=os.environ,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]

    out = tmp_path / "out.jsonl"
    cache = tmp_path / "cache.sqlite3"
    kills = 0
    for grown in KILL_POINTS:
        code = _run_until(_command(items, out, marian, "--cache", str(cache)), out, grown)
        kills += code == -signal.SIGKILL
    assert kills == len(KILL_POINTS)
    assert 0 < _count_lines(out) < ITEMS

    final = subprocess.run(
        _command(items, out, marian, "--cache", str(cache)), cwd=REPO, capture_output=True,
        timeout=300,
    )
    assert final.returncode == 0, final.stderr.decode()[-2000:]
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""
    ids = [json.loads(line)["id"] for line in lines[:-1]]
    assert len(ids) == len(set(ids)) == ITEMS
    expected = {record["id"]: record for record in JsonlStore(reference).records()}
    assert {record["id"]: record for record in JsonlStore(out).records()} == expected
