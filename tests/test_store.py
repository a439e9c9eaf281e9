"""JsonlStore: torn tails repaired, ids remembered across opens, one writer at a time."""

from __future__ import annotations

import json
import multiprocessing
from multiprocessing.synchronize import Event
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import OutputError
from common.store import JsonlStore


def _records(ids: range) -> list[dict[str, object]]:
    return [{"id": f"item-{i}", "title": f"Заголовок {i}", "status": "ok"} for i in ids]


def _ids_on_disk(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def test_append_then_reopen_knows_done_ids(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with JsonlStore(path) as store:
        assert store.done_ids() == set()
        store.append(_records(range(3)))
        store.append([])
        assert store.done_ids() == {"item-0", "item-1", "item-2"}
    with JsonlStore(path) as store:
        assert store.done_ids() == {"item-0", "item-1", "item-2"}
        store.append(_records(range(3, 5)))
    assert _ids_on_disk(path) == [f"item-{i}" for i in range(5)]
    assert [r["title"] for r in JsonlStore(path).records()][-1] == "Заголовок 4"


@pytest.mark.parametrize(
    "tail",
    [b'{"id": "item-9", "ti', b'{"id"', b"{", "{\"id\": \"ж".encode()[:-1], b'{"no_id": 1}\n'],
)
def test_torn_last_line_is_cut_never_parsed(tmp_path: Path, tail: bytes) -> None:
    path = tmp_path / "out.jsonl"
    with JsonlStore(path) as store:
        store.append(_records(range(2)))
    intact = path.read_bytes()
    path.write_bytes(intact + tail)
    with JsonlStore(path) as store:
        assert store.done_ids() == {"item-0", "item-1"}
        assert path.read_bytes() == intact
        store.append(_records(range(2, 3)))
    assert _ids_on_disk(path) == ["item-0", "item-1", "item-2"]


def test_corrupt_line_in_the_middle_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"id": "a"}\nnot json\n{"id": "b"}\n', encoding="utf-8")
    with pytest.raises(OutputError, match=r"out\.jsonl, line 2"):
        JsonlStore(path).open()
    assert path.read_text(encoding="utf-8").count("\n") == 3


def _hold_lock(path: str, ready: Event, done: Event) -> None:
    with JsonlStore(path):
        ready.set()
        done.wait(30)


def test_second_writer_refuses_while_first_holds_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    context = multiprocessing.get_context("spawn")
    ready, done = context.Event(), context.Event()
    holder = context.Process(target=_hold_lock, args=(str(path), ready, done))
    holder.start()
    try:
        assert ready.wait(60)
        with pytest.raises(OutputError, match="being written by another run"):
            JsonlStore(path).open()
    finally:
        done.set()
        holder.join(30)
    with JsonlStore(path) as store:  # released when the holder exits
        assert store.done_ids() == set()


def test_lock_is_released_on_close_in_the_same_process(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    first = JsonlStore(path).open()
    with pytest.raises(OutputError, match="lock"):
        JsonlStore(path).open()
    first.close()
    first.close()
    JsonlStore(path).open().close()


def test_clean_close_removes_the_lock_file(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    with JsonlStore(path) as store:
        store.append(_records(range(2)))
        assert (tmp_path / "out.jsonl.lock").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_directory_as_output_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="is a directory"):
        JsonlStore(tmp_path).open()


def test_multiline_record_is_refused(tmp_path: Path) -> None:
    class Broken(JsonlStore):
        def encode(self, record: object) -> str:
            return "a\nb"

    with Broken(tmp_path / "x.jsonl") as store, pytest.raises(OutputError, match="spans"):
        store.append([{"id": "x"}])


@settings(max_examples=40, deadline=None)
@given(cut=st.integers(min_value=0, max_value=400), batches=st.integers(1, 4))
def test_any_cut_point_resumes_to_each_id_once(
    tmp_path_factory: pytest.TempPathFactory, cut: int, batches: int
) -> None:
    path = tmp_path_factory.mktemp("cut") / "out.jsonl"
    with JsonlStore(path) as store:
        for b in range(batches):
            store.append(_records(range(b * 3, b * 3 + 3)))
    full = path.read_bytes()
    path.write_bytes(full[: min(cut, len(full))])
    with JsonlStore(path) as store:
        todo = [r for r in _records(range(batches * 3)) if r["id"] not in store.done_ids()]
        store.append(todo)
    assert path.read_bytes() == full
