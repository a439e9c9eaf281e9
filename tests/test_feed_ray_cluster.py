"""`headline feed --engine ray` on a real cluster (a head and a worker node started with
`ray start`), with the real translator factory and a tiny Marian model: records equal the
local engine's, and a Ray worker killed mid-run loses and duplicates nothing."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ray_cluster import Cluster, actor_pids, ray_cluster
from tiny_models import session_model

from common.store import JsonlStore

pytest.importorskip("ray", reason="Ray is the optional extra headline[ray]")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("ray") is None, reason="the ray command is not installed"),
]

REPO = Path(__file__).resolve().parents[1]
ITEMS = 30
BATCH = 3


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with ray_cluster() as running:
        yield running


def _command(items: Path, out: Path, marian: Path, *extra: str) -> list[str]:
    return [
        sys.executable, "cli.py", "feed", str(items), "-o", str(out), "--translator",
        f"ru={marian}", "--to", "ru", "--max-length", "6", "--batch-size", str(BATCH),
        "--no-cache", "--quiet", *extra,
    ]


# a line of Ray's own C++ log at level W or E: "[2026-12-02 20:03:58,211 E 23838 23838] ..."
RAY_LOG_LINE = re.compile(r"^\[[\d\- :,]+ [WE] \d+ \d+\] .*$", re.MULTILINE)


def _noise(stderr: bytes) -> list[str]:
    """Ray's own W/E log lines and any WARNING line in a run's stderr."""
    text = stderr.decode()
    return RAY_LOG_LINE.findall(text) + [line for line in text.splitlines() if "WARNING" in line]


def _records(path: Path) -> list[dict[str, Any]]:
    return JsonlStore(path).records()


def _items(tmp_path: Path) -> Path:
    items = tmp_path / "items.jsonl"
    items.write_text(
        "".join(json.dumps({"id": f"i{n:02d}", "title": f"Headline {n} about the vote"}) + "\n"
                for n in range(ITEMS)),
        encoding="utf-8",
    )
    return items


def test_cluster_records_equal_local_and_survive_a_killed_worker(
    cluster: Cluster, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    marian = session_model("marian", tmp_path_factory)
    items = _items(tmp_path)
    reference = tmp_path / "local.jsonl"
    local = subprocess.run(_command(items, reference, marian), cwd=REPO, capture_output=True,
                           timeout=120)
    assert local.returncode == 0, local.stderr.decode()[-2000:]
    ray_args = ("--engine", "ray", "--ray-address", cluster.address, "--num-workers", "2")

    out = tmp_path / "ray.jsonl"
    done = subprocess.run(_command(items, out, marian, *ray_args), cwd=REPO,
                          capture_output=True, timeout=120, env=cluster.env)
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    # no token-auth WARNING, no core_worker error about constructor arguments in the object store
    assert _noise(done.stderr) == []
    assert _records(out) == _records(reference)

    killed = tmp_path / "killed.jsonl"
    process = subprocess.Popen(_command(items, killed, marian, *ray_args), cwd=REPO,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               env=cluster.env)
    victims: list[int] = []
    while process.poll() is None and not victims:
        if killed.exists() and killed.read_bytes().count(b"\n") >= BATCH:
            victims = actor_pids(cluster.temp_dir, "FeedActor")[:1]
        time.sleep(0.01)
    assert victims, "the run ended before a worker could be killed"
    os.kill(victims[0], signal.SIGKILL)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr.decode()[-2000:]
    assert _records(killed) == _records(reference)
