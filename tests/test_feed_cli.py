"""`headline feed` end to end with a tiny real Marian model and feeds served on 127.0.0.1."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from local_http import news_page, send, serve
from tiny_models import session_model

import cli
from common.store import JsonlStore
from summarize import read_article
from summarize.summarizers import summarize_article

pytestmark = pytest.mark.slow

PARAGRAPHS = [
    "The council said on Tuesday that the new bridge over the river will open in May.",
    "Officials confirmed a deal worth $4.2 million with a local builder for the work.",
    "Residents welcomed the news after years of delays and rising costs in the city.",
    "The mayor said traffic would ease once the bridge opens to cars and buses.",
]


@pytest.fixture(scope="module")
def marian(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_model("marian", tmp_path_factory)


def _rss(links: list[str]) -> bytes:
    items = "".join(
        f"<item><title>Story &lt;b&gt;{i}&lt;/b&gt; about the bridge</title><link>{link}</link>"
        f"<guid>guid-{i}</guid></item>"
        for i, link in enumerate(links)
    )
    duplicate = "<item><title>Again</title><guid>guid-0</guid></item>"
    channel = f"<channel><title>t</title>{items}{duplicate}</channel>"
    return f'<rss version="2.0">{channel}</rss>'.encode()


def _route(body: bytes, content_type: str) -> Callable[[BaseHTTPRequestHandler], None]:
    def route(handler: BaseHTTPRequestHandler) -> None:
        send(handler, 200, body, {"Content-Type": content_type})

    return route


def _feed(marian: Path, *args: str) -> tuple[int, str]:
    """Exit code and the ``Error:`` lines (model-loading chatter on stderr is not ours)."""
    runner = CliRunner()
    result = runner.invoke(
        cli.main,
        ["feed", *args, "--translator", f"ru={marian}", "--translator", f"hy={marian}",
         "--max-length", "6", "--quiet"],
    )
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    return result.exit_code, "\n".join(errors)


def _records(path: Path) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in JsonlStore(path).records()}


def test_feed_url_from_local_server(marian: Path, tmp_path: Path) -> None:
    routes = {"/rss.xml": _route(_rss(["https://example.com/a", "https://example.com/b"]),
                                 "application/rss+xml")}
    out = tmp_path / "out.jsonl"
    with serve(routes) as server:
        code, output = _feed(marian, server.url("/rss.xml"), "-o", str(out))
    assert (code, output) == (0, "")
    records = _records(out)
    assert set(records) == {"guid-0", "guid-1"}
    record = records["guid-0"]
    assert record["title"] == "Story 0 about the bridge"
    assert record["status"] == "ok"
    translations = record["translations"]
    assert isinstance(translations, dict)
    assert set(translations) == {"ru", "hy"}
    assert translations["ru"]["title"]


def test_csv_output_from_extension(marian: Path, tmp_path: Path) -> None:
    source = tmp_path / "items.txt"
    source.write_text("=cmd headline\nSecond headline\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    code, _ = _feed(marian, str(source), "-o", str(out), "--to", "ru")
    assert code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [row["title"] for row in rows if row["title"].startswith("'")] == ["'=cmd headline"]
    assert all(row["title_ru"] and row["status"] == "ok" for row in rows)
    assert "title_hy" not in rows[0]


def test_summarize_fetches_links_only_when_private_addresses_allowed(
    marian: Path, tmp_path: Path
) -> None:
    page = news_page("Bridge to open in May", PARAGRAPHS).encode()
    routes = {"/story": _route(page, "text/html; charset=utf-8")}
    with serve(routes) as server:
        links = [server.url("/story"), server.url("/missing"), "file:///etc/passwd"]
        routes["/rss.xml"] = _route(_rss(links), "application/rss+xml")
        refused = tmp_path / "refused.jsonl"
        code, _ = _feed(marian, server.url("/rss.xml"), "-o", str(refused), "--summarize")
        assert code == 1
        assert all(r["status"] == "error" for r in _records(refused).values())
        assert "private" in str(_records(refused)["guid-0"]["error"]).lower()
        out = tmp_path / "out.jsonl"
        code, _ = _feed(marian, server.url("/rss.xml"), "-o", str(out), "--summarize",
                        "--allow-private-addresses", "--method", "lead", "--sentences", "2")
        expected = summarize_article(read_article(server.url("/story")), "lead", 2)
    assert code == 1
    records = _records(out)
    assert "The council said on Tuesday" in " ".join(expected)
    assert records["guid-0"]["summary"] == " ".join(expected)
    assert records["guid-0"]["translations"]["hy"]["summary"]
    assert "404" in str(records["guid-1"]["error"])
    assert "only http and https" in str(records["guid-2"]["error"])
    assert "root:" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"<!DOCTYPE html><html><body><p>Not a feed</p></body></html>", "HTML page"),
        (b"<rss><channel><<<<", "malformed feed XML"),
    ],
)
def test_bad_feed_is_one_error_line_and_no_output(
    marian: Path, tmp_path: Path, body: bytes, message: str
) -> None:
    out = tmp_path / "out.jsonl"
    with serve({"/feed": _route(body, "text/html")}) as server:
        code, output = _feed(marian, server.url("/feed"), "-o", str(out))
    assert code == 1
    assert output.startswith("Error: ") and message in output
    assert not out.exists()


def test_second_writer_on_the_same_output_refuses(marian: Path, tmp_path: Path) -> None:
    source = tmp_path / "items.txt"
    source.write_text("A headline\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    with JsonlStore(out):
        code, output = _feed(marian, str(source), "-o", str(out))
    assert code == 1
    assert "being written by another run" in output


def test_cache_hit_never_loads_the_model(
    marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "items.jsonl"
    lines = [json.dumps({"id": f"i{n}", "title": f"Repeated headline {n % 3}"}) for n in range(9)]
    source.write_text("\n".join(lines), encoding="utf-8")
    cache = tmp_path / "cache.sqlite3"
    code, _ = _feed(marian, str(source), "-o", str(tmp_path / "one.jsonl"), "--cache", str(cache))
    assert code == 0

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was loaded although every headline is cached")

    monkeypatch.setattr("seq2seq.load_from_source", refuse)
    two = tmp_path / "two.jsonl"
    code, output = _feed(marian, str(source), "-o", str(two), "--cache", str(cache))
    assert (code, output) == (0, "")
    assert _records(tmp_path / "two.jsonl") == _records(tmp_path / "one.jsonl")
    code, output = _feed(marian, str(source), "-o", str(tmp_path / "three.jsonl"), "--no-cache")
    assert code == 1 and "the model was loaded" in output


def test_no_cache_leaves_the_user_cache_alone(
    marian: Path, tmp_path: Path, isolated_user_paths: Path
) -> None:
    source = tmp_path / "items.txt"
    source.write_text("Only headline\n", encoding="utf-8")
    code, _ = _feed(marian, str(source), "-o", str(tmp_path / "o.jsonl"), "--no-cache")
    assert code == 0
    assert not list(isolated_user_paths.rglob("translations.sqlite3"))
    code, _ = _feed(marian, str(source), "-o", str(tmp_path / "p.jsonl"))
    assert code == 0
    assert len(list(isolated_user_paths.rglob("translations.sqlite3"))) == 1


def test_several_feeds_one_broken(marian: Path, tmp_path: Path) -> None:
    routes = {"/a.xml": _route(_rss(["https://example.com/a"]), "application/rss+xml"),
              "/b.xml": _route(_rss(["https://example.com/b"]), "application/rss+xml")}
    out = tmp_path / "out.jsonl"
    with serve(routes) as server:
        a, b, gone = server.url("/a.xml"), server.url("/b.xml"), server.url("/gone.xml")
        result = CliRunner().invoke(
            cli.main,
            ["feed", a, b, gone, a, "-o", str(out), "--translator", f"ru={marian}",
             "--to", "ru", "--max-length", "6", "--quiet"],
        )
        hits = dict(server.hits)
    assert result.exit_code == 1
    failed = [line for line in result.stderr.splitlines() if line.startswith("failed feed:")]
    assert len(failed) == 1 and failed[0].startswith(f"failed feed: {gone}") and "404" in failed[0]
    records = JsonlStore(out).records()
    assert [(r["id"], r["feed"], r["status"]) for r in records] == [
        (f"{a}#guid-0", a, "ok"), (f"{b}#guid-0", b, "ok"),
    ]
    assert hits == {"/a.xml": 1, "/b.xml": 1, "/gone.xml": 1}


def test_output_dash_writes_jsonl_to_stdout(
    marian: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "items.txt"
    source.write_text("First headline\nSecond headline\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.main, ["feed", str(source), "-o", "-", "--translator", f"ru={marian}", "--to", "ru",
                   "--max-length", "6", "--quiet"],
    )
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["title"], r["status"]) for r in records] == [
        ("First headline", "ok"), ("Second headline", "ok"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["items.txt"]


def test_page_title_is_the_channel_title(marian: Path, tmp_path: Path) -> None:
    source = tmp_path / "feed.xml"
    source.write_bytes(_rss(["https://example.com/a"]).replace(b"<title>t</title>",
                                                              b"<title>City Desk</title>"))
    out = tmp_path / "digest.html"
    code, _ = _feed(marian, str(source), "-o", str(out), "--to", "ru")
    assert code == 0
    assert "<title>City Desk</title>" in out.read_text(encoding="utf-8")
