"""The Ray engine on a local 2-CPU Ray gives the same records, in feed order, as the local
engine."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from feed_fakes import FakeTranslator

from common.store import JsonlStore
from headline.feed.outputs import StoreSink
from headline.feed.ray_engine import RayOptions, run_feed_on_ray
from headline.feed.reader import FeedItem
from headline.feed.runner import FeedOptions, run_items

ray = pytest.importorskip("ray", reason="Ray is the optional extra headline[ray]")

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def local_ray() -> Iterator[None]:
    """Ray in this process with 2 CPUs; workers import the project and these fakes."""
    path = os.pathsep.join([str(TESTS.parent), str(TESTS)])
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": path}},
    )
    yield
    ray.shutdown()


@pytest.mark.slow
def test_ray_engine_records_equal_local_engine(local_ray: None, tmp_path: Path) -> None:
    items = [FeedItem(id=f"r{i}", title=f"Headline {i} " + "x" * (i % 13)) for i in range(60)]
    items.append(FeedItem(id="bad", title="please refuse"))
    options = FeedOptions(batch_size=8)
    with JsonlStore(tmp_path / "local.jsonl") as store:
        local = run_items(items, FakeTranslator(), StoreSink(store), options)
    out = tmp_path / "ray.jsonl"
    with JsonlStore(out) as store:
        store.append([{"id": "r0", "title": "already there"}])
        report = run_feed_on_ray(
            items[1:], FakeTranslator, StoreSink(store), options, RayOptions(2)
        )
    assert (report.written, report.failed) == (local.written - 1, local.failed) == (60, 1)
    assert [r["id"] for r in JsonlStore(out).records()] == [item.id for item in items]
    by_id = {r["id"]: r for r in JsonlStore(out).records()}
    assert len(by_id) == len(JsonlStore(out).records()) == 61
    expected = {r["id"]: r for r in JsonlStore(tmp_path / "local.jsonl").records()}
    del expected["r0"], by_id["r0"]
    assert by_id == expected
