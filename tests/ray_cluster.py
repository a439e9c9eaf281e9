"""A real two-node Ray cluster on this machine for tests: a head and a worker, each started
with ``ray start`` as its own processes, and stopped by pid (never a machine-wide ``ray stop``,
which would also stop other people's clusters)."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

TESTS = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Cluster:
    """Where to connect, and the environment every process of the cluster shares."""

    address: str
    env: dict[str, str]
    temp_dir: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _processes() -> dict[int, tuple[int, str]]:
    """pid -> (parent pid, command line) of every process we can read."""
    out: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        out[int(entry.name)] = (int(stat.rsplit(")", 1)[1].split()[1]), command)
    return out


def cluster_pids(temp_dir: str) -> list[int]:
    """Processes started for the cluster in ``temp_dir`` and all their descendants."""
    table = _processes()
    found = {pid for pid, (_, command) in table.items() if temp_dir in command}
    grew = True
    while grew:
        children = {pid for pid, (parent, _) in table.items() if parent in found} - found
        found |= children
        grew = bool(children)
    return sorted(found)


def actor_pids(temp_dir: str, name: str) -> list[int]:
    """Cluster processes running an actor whose class name contains ``name``."""
    table = _processes()
    return [pid for pid in cluster_pids(temp_dir) if name in table.get(pid, (0, ""))[1]]


def _stop(temp_dir: str) -> None:
    """SIGTERM, then SIGKILL, every process of the cluster, listed before any dies (orphans
    lose the parent that ties them to it)."""
    pids = cluster_pids(temp_dir)
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for pid in pids:
            with suppress(ProcessLookupError):
                os.kill(pid, sig)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in pids):
            time.sleep(0.1)
    shutil.rmtree(temp_dir, ignore_errors=True)


@contextmanager
def ray_cluster() -> Iterator[Cluster]:
    """Head (1 CPU) and one worker node (1 CPU); workers import the project and the tests.

    Token authentication with a token made here, so the cluster needs nothing from ``~/.ray``.
    """
    temp_dir = tempfile.mkdtemp(prefix="ray-", dir="/tmp")
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(TESTS.parent), str(TESTS)]),
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": secrets.token_hex(32),
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    common = ["--num-cpus", "1", "--disable-usage-stats"]
    try:
        subprocess.run(
            ["ray", "start", "--head", "--port", str(port), "--temp-dir", temp_dir,
             "--include-dashboard", "false", *common],
            env=env, check=True, capture_output=True, timeout=60,
        )
        address = f"127.0.0.1:{port}"
        subprocess.run(
            ["ray", "start", "--address", address, *common],
            env=env, check=True, capture_output=True, timeout=60,
        )
        yield Cluster(address, env, temp_dir)
    finally:
        _stop(temp_dir)
