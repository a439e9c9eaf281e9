"""Feed runner: batches, per-item errors, resume after interruption, output round trips."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from feed_fakes import FakeTranslator
from hypothesis import given, settings
from hypothesis import strategies as st

from common.errors import OutputError
from common.store import JsonlStore
from headline.errors import FeedError
from headline.feed.csv_store import CsvStore, csv_columns, escape_cell, unflatten_row
from headline.feed.outputs import StoreSink
from headline.feed.progress import Progress
from headline.feed.reader import FeedItem
from headline.feed.runner import FeedOptions, plan_batches, process_batch, run_items
from headline.records import FeedRecord
from translate.cache import CachedTranslator, TranslationCache
from translate.errors import TranslateError


def _items(count: int) -> list[FeedItem]:
    return [
        FeedItem(
            id=f"id-{i}",
            title=(f"Headline number {i} " + "word " * (i % 7)).strip(),
            link=f"https://example.com/{i}",
            summary=f"Summary {i}." if i % 3 == 0 else None,
        )
        for i in range(count)
    ]


Record = dict[str, Any]


def _dicts(records: Sequence[FeedRecord]) -> list[Record]:
    return [record.to_dict() for record in records]


def _by_id(records: Sequence[Record]) -> dict[str, Record]:
    return {record["id"]: record for record in records}


def _part(title: str | None, summary: str | None = None, target: str = "ru") -> Record:
    """A translation entry as FakeTranslator writes it."""
    return {"title": title, "summary": summary, "model": f"fake-en-{target}", "revision": "r1",
            "warnings": [], "error": None}


def test_record_shape_and_translations() -> None:
    items = [
        FeedItem(id="a", title="Title A", link="https://x/a", published="2026-11-24", summary="S."),
        FeedItem(id="b", title="Title B"),
    ]
    records = _dicts(process_batch(items, FakeTranslator(), FeedOptions()))
    assert records[0] == {
        "id": "a", "link": "https://x/a", "published": "2026-11-24", "title": "Title A",
        "summary": "S.",
        "translations": {
            "ru": _part("[ru] Title A", "[ru] S.", "ru"),
            "hy": _part("[hy] Title A", "[hy] S.", "hy"),
        },
        "status": "ok", "error": None,
    }
    assert records[1]["translations"] == {
        "ru": _part("[ru] Title B", None, "ru"), "hy": _part("[hy] Title B", None, "hy")
    }
    assert "summary" not in records[1]


def test_fields_choose_what_is_translated() -> None:
    item = FeedItem(id="a", title="T", summary="S")
    options = FeedOptions(targets=("ru",), fields=("summary",))
    assert _dicts(process_batch([item], FakeTranslator(), options))[0]["translations"] == {
        "ru": _part(None, "[ru] S")
    }


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fields": ("title", "body")}, "unknown field"),
        ({"targets": ()}, "no target"),
        ({"batch_size": 0}, "at least 1"),
    ],
)
def test_bad_options_are_named(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(FeedError, match=message):
        FeedOptions(**kwargs)  # type: ignore[arg-type]


def test_bad_items_are_recorded_and_the_rest_translated() -> None:
    items = [
        FeedItem(id="ok", title="Fine headline"),
        FeedItem(id="empty", title=""),
        FeedItem(id="broken", title="", error="line 3: not valid JSON"),
        FeedItem(id="refused", title="please refuse this"),
    ]
    translator = FakeTranslator()
    records = _by_id(_dicts(process_batch(items, translator, FeedOptions())))
    assert records["ok"]["status"] == "ok"
    assert records["ok"]["translations"]["hy"]["title"] == "[hy] Fine headline"
    assert records["empty"] == records["empty"] | {"status": "error", "translations": {}}
    assert "empty title" in records["empty"]["error"]
    assert records["broken"]["error"] == "line 3: not valid JSON"
    assert records["refused"]["status"] == "error"
    assert records["refused"]["error"] == (
        "ru: the model refused this input; hy: the model refused this input"
    )
    assert "please refuse this" not in translator.texts_seen


def test_unsupported_language_is_an_error_per_item() -> None:
    records = _dicts(process_batch(
        [FeedItem(id="a", title="A")], FakeTranslator(languages=("ru",)), FeedOptions()
    ))
    assert records[0]["status"] == "error"
    assert records[0]["error"] == "hy: no model for language 'hy'"
    assert records[0]["translations"]["ru"] == _part("[ru] A")
    assert records[0]["translations"]["hy"]["error"] == "no model for language 'hy'"


def test_summarize_callable_fills_summaries_and_records_failures() -> None:
    def summarize(item: FeedItem) -> str:
        if item.id == "bad":
            raise TranslateError(f"{item.link}: HTTP 404 Not Found")
        return f"Summary of {item.link}"

    items = [
        FeedItem(id="good", title="G", link="https://x/g"),
        FeedItem(id="bad", title="B", link="https://x/b"),
        FeedItem(id="nolink", title="N"),
    ]
    records = _by_id(_dicts(process_batch(items, FakeTranslator(), FeedOptions(), summarize)))
    assert records["good"]["summary"] == "Summary of https://x/g"
    assert records["good"]["translations"]["ru"]["summary"] == "[ru] Summary of https://x/g"
    assert records["bad"]["error"] == "https://x/b: HTTP 404 Not Found"
    assert "no link" in records["nolink"]["error"]


@settings(max_examples=60, deadline=None)
@given(
    lengths=st.lists(st.integers(min_value=0, max_value=400), max_size=80),
    batch_size=st.integers(min_value=1, max_value=16),
    batch_tokens=st.integers(min_value=1, max_value=300),
)
def test_batches_cover_each_item_once_within_limits(
    lengths: list[int], batch_size: int, batch_tokens: int
) -> None:
    items = [FeedItem(id=str(i), title="x" * n) for i, n in enumerate(lengths)]
    options = FeedOptions(batch_size=batch_size, batch_tokens=batch_tokens)
    batches = list(plan_batches(items, options))
    flat = [item.id for batch in batches for item in batch]
    assert flat == [item.id for item in items]
    for batch in batches:
        assert 1 <= len(batch) <= batch_size
        cost = sum(len(item.title) // 4 + 2 for item in batch)
        assert len(batch) == 1 or cost <= batch_tokens


class _StopAfter:
    """A sink that dies after ``limit`` batches, as a killed writer would."""

    def __init__(self, store: JsonlStore, limit: int) -> None:
        self.store = store
        self.limit = limit

    def done_ids(self) -> set[str]:
        return self.store.done_ids()

    def failed_ids(self) -> set[str]:
        return self.store.failed_ids()

    def append(self, records: Sequence[FeedRecord]) -> None:
        if self.limit == 0:
            raise KeyboardInterrupt
        self.limit -= 1
        self.store.append(_dicts(records))


@pytest.mark.parametrize("stop_after", [0, 1, 3, 6, 9])
def test_resume_after_interruption_writes_each_id_once(tmp_path: Path, stop_after: int) -> None:
    items = _items(100)
    options = FeedOptions(batch_size=10)
    reference = tmp_path / "reference.jsonl"
    with JsonlStore(reference) as store:
        run_items(items, FakeTranslator(), StoreSink(store), options)
    out = tmp_path / "out.jsonl"
    with JsonlStore(out) as store, pytest.raises(KeyboardInterrupt):
        run_items(items, FakeTranslator(), _StopAfter(store, stop_after), options)
    translator = FakeTranslator()
    with JsonlStore(out) as store:
        written_before = store.done_ids()
        report = run_items(items, translator, StoreSink(store), options)
    assert report.skipped == len(written_before) == stop_after * 10
    titles_before = {item.title for item in items if item.id in written_before}
    assert titles_before.isdisjoint(translator.texts_seen)
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(ids) == sorted(item.id for item in items)
    assert _by_id(JsonlStore(out).records()) == _by_id(JsonlStore(reference).records())


def test_records_are_written_in_feed_order_with_two_in_flight(tmp_path: Path) -> None:
    items = _items(60)
    with JsonlStore(tmp_path / "out.jsonl") as store:
        run_items(items, FakeTranslator(), StoreSink(store), FeedOptions(batch_size=4))
        written = [record["id"] for record in store.records()]
    assert written == [item.id for item in items]


def test_a_shared_cache_serves_both_pipeline_threads(tmp_path: Path) -> None:
    items = _items(40) + [
        FeedItem(id=f"repeat-{i}", title="Headline number 0", link=None) for i in range(8)
    ]
    cache = TranslationCache(tmp_path / "cache.sqlite3")
    inner = FakeTranslator()
    with JsonlStore(tmp_path / "out.jsonl") as store:
        translator = CachedTranslator(inner, cache)
        report = run_items(items, translator, StoreSink(store), FeedOptions(batch_size=3))
    assert report.failed == 0 and report.written == len(items)
    again = FakeTranslator()
    with JsonlStore(tmp_path / "again.jsonl") as store:
        translator = CachedTranslator(again, cache)
        run_items(items, translator, StoreSink(store), FeedOptions(batch_size=3))
    assert again.calls == []


def test_hundred_thousand_items_fast_path(tmp_path: Path) -> None:
    items = [FeedItem(id=f"n{i}", title=f"Headline {i}") for i in range(100_000)]
    out = tmp_path / "big.jsonl"
    with JsonlStore(out) as store:
        report = run_items(items, FakeTranslator(), StoreSink(store), FeedOptions(batch_size=512))
    assert (report.written, report.failed) == (100_000, 0)
    with JsonlStore(out) as store:
        assert len(store.done_ids()) == 100_000
        assert run_items(items, FakeTranslator(), StoreSink(store), FeedOptions()).written == 0


def test_csv_and_jsonl_outputs_round_trip(tmp_path: Path) -> None:
    items = [*_items(12), FeedItem(id="=cmd|' /C calc'!A0", title="=HYPERLINK(\"http://evil\")"),
             FeedItem(id="x", title="")]
    options = FeedOptions(batch_size=5)
    with JsonlStore(tmp_path / "out.jsonl") as store:
        run_items(items, FakeTranslator(), StoreSink(store), options)
    columns = csv_columns(options.targets, options.fields)
    with CsvStore(tmp_path / "out.csv", columns) as store:
        run_items(items, FakeTranslator(), StoreSink(store), options)
    text = (tmp_path / "out.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == columns
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row.values())
    from_csv = _by_id([unflatten_row(row) for row in rows])
    for record in JsonlStore(tmp_path / "out.jsonl").records():
        expected = {"summary": None, **record}
        expected["title"] = record["title"] or None  # an empty CSV cell reads as None
        expected["translations"] = {
            lang: {"title": parts.get("title"), "summary": parts.get("summary")}
            for lang, parts in (record["translations"] or {"ru": {}, "hy": {}}).items()
        }
        assert from_csv[record["id"]] == expected


def test_csv_resume_refuses_other_columns(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    CsvStore(path, csv_columns(("ru",), ("title",))).open().close()
    with pytest.raises(OutputError, match="has columns"):
        CsvStore(path, csv_columns(("ru", "hy"), ("title",))).open()


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [("=1+2", "'=1+2"), ("+7", "'+7"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
     ("'quoted", "''quoted"), ("plain", "plain"), ("", "")],
)
def test_formula_escaping(cell: str, escaped: str) -> None:
    assert escape_cell(cell) == escaped


class _FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("tty", [False, True])
def test_progress_reports_rate_and_eta(tty: bool) -> None:
    clock, stream = _FakeClock(), _Stream(tty)
    progress = Progress(stream=stream, interval_s=10, clock=clock)
    progress.start(100)
    clock.now = 5.0
    progress.advance(10)
    assert (stream.getvalue() != "") is tty
    clock.now = 20.0
    progress.advance(30)
    progress.finish()
    out = stream.getvalue()
    assert "40/100 items (40%), 2.0 items/s, ETA 30s" in out
    assert ("\r[" in out) is tty
    assert out.endswith("\n")


def test_progress_quiet_prints_nothing() -> None:
    stream = _Stream(True)
    progress = Progress(stream=stream, quiet=True)
    progress.start(10)
    progress.advance(10)
    progress.finish()
    assert stream.getvalue() == ""


def _failing_then_fixed(tmp_path: Path) -> tuple[list[FeedItem], Path]:
    """An output whose items 3 and 7 failed (no hy model then), the rest ok."""
    items = _items(10)
    out = tmp_path / "out.jsonl"
    broken = {"id-3", "id-7"}
    with JsonlStore(out) as store:
        run_items([i for i in items if i.id not in broken], FakeTranslator(), StoreSink(store),
                  FeedOptions(batch_size=4))
        run_items([i for i in items if i.id in broken], FakeTranslator(("ru",)),
                  StoreSink(store), FeedOptions(batch_size=4))
    return items, out


def test_rerun_retries_error_records_and_replaces_them_in_place(tmp_path: Path) -> None:
    items, out = _failing_then_fixed(tmp_path)
    assert [r["status"] for r in JsonlStore(out).records()].count("error") == 2
    translator = FakeTranslator()
    with JsonlStore(out) as store:
        report = run_items(items, translator, StoreSink(store), FeedOptions(batch_size=4))
    assert (report.skipped, report.written, report.retried, report.failed) == (8, 2, 2, 0)
    assert {text for text in translator.texts_seen if text.startswith("Headline")} == {
        items[3].title, items[7].title
    }
    records = JsonlStore(out).records()
    expected = [item.id for item in items if item.id not in ("id-3", "id-7")] + ["id-3", "id-7"]
    assert [r["id"] for r in records] == expected
    assert {r["status"] for r in records} == {"ok"}


def test_no_retry_errors_keeps_error_records(tmp_path: Path) -> None:
    items, out = _failing_then_fixed(tmp_path)
    before = out.read_bytes()
    translator = FakeTranslator()
    with JsonlStore(out) as store:
        options = FeedOptions(batch_size=4, retry_errors=False)
        report = run_items(items, translator, StoreSink(store), options)
    assert (report.skipped, report.written, report.retried) == (10, 0, 0)
    assert translator.calls == [] and out.read_bytes() == before


def test_kill_mid_retry_then_rerun_leaves_each_id_once(tmp_path: Path) -> None:
    items = _items(12)
    out = tmp_path / "out.jsonl"
    with JsonlStore(out) as store:
        run_items(items, FakeTranslator(("ru",)), StoreSink(store), FeedOptions(batch_size=3))
    killed = tmp_path / "killed.jsonl"
    with JsonlStore(out) as store, pytest.raises(KeyboardInterrupt):
        sink = _StopAfter(store, 2)
        original = sink.append

        def append_then_snapshot(records: Sequence[FeedRecord]) -> None:
            original(records)
            killed.write_bytes(out.read_bytes())  # the file as a kill -9 would leave it

        sink.append = append_then_snapshot  # type: ignore[method-assign]
        run_items(items, FakeTranslator(), sink, FeedOptions(batch_size=3))
    lines = killed.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 12 + 6  # two retried batches appended, not yet compacted
    with JsonlStore(killed) as store:
        assert len(store.records()) == 12  # compacted on open
        assert store.failed_ids() == {f"id-{i}" for i in range(6, 12)}
        report = run_items(items, FakeTranslator(), StoreSink(store), FeedOptions(batch_size=3))
    assert (report.retried, report.written, report.skipped) == (6, 6, 6)
    records = JsonlStore(killed).records()
    assert [r["id"] for r in records] == [item.id for item in items]
    assert {r["status"] for r in records} == {"ok"}
    assert not killed.with_name("killed.jsonl.compact").exists()


def test_csv_rerun_replaces_error_rows_under_one_header(tmp_path: Path) -> None:
    items = _items(5)
    out = tmp_path / "out.csv"
    columns = csv_columns(("ru", "hy"), ("title", "summary"))
    with CsvStore(out, columns) as store:
        run_items(items, FakeTranslator(("ru",)), StoreSink(store), FeedOptions(batch_size=2))
    with CsvStore(out, columns) as store:
        report = run_items(items, FakeTranslator(), StoreSink(store), FeedOptions(batch_size=2))
    assert report.retried == 5
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(row["id"], row["status"]) for row in rows] == [(item.id, "ok") for item in items]


def test_progress_final_line_is_printed_once_in_a_pipe() -> None:
    clock, stream = _FakeClock(), _Stream(False)
    progress = Progress(stream=stream, interval_s=10, clock=clock)
    progress.start(20)
    clock.now = 10.0
    progress.advance(20)
    progress.finish()
    assert stream.getvalue() == "20/20 items (100%), 2.0 items/s, ETA -\n"


_ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=[]),
        st.sampled_from(["\ud800", "\udfff", "\u2028", "\x85", "\r", "\n", '"', "\\"]),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None)
@given(
    entries=st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT), min_size=1, max_size=25,
                     unique_by=lambda entry: entry[0]),
    cut=st.integers(min_value=0, max_value=10_000),
)
def test_any_text_and_any_kill_point_end_as_an_uninterrupted_run(
    tmp_path_factory: pytest.TempPathFactory, entries: list[tuple[str, str]], cut: int
) -> None:
    """A kill leaves a prefix of the file; a rerun must end byte for byte where an
    uninterrupted run ends, whatever the ids and titles hold (lone surrogates included)."""
    folder = tmp_path_factory.mktemp("kill")
    items = [FeedItem(id=item_id, title=title) for item_id, title in entries]
    options = FeedOptions(batch_size=4)
    reference, out = folder / "reference.jsonl", folder / "out.jsonl"
    with StoreSink(JsonlStore(reference)) as sink:
        run_items(items, FakeTranslator(), sink, options)
    full = reference.read_bytes()
    out.write_bytes(full[: min(cut, len(full))])
    with StoreSink(JsonlStore(out)) as sink:
        run_items(items, FakeTranslator(), sink, options)
    assert out.read_bytes() == full
