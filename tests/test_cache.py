"""Translation cache: exact keys, repeats never reach the model, safe for two runs at once."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from feed_fakes import FakeTranslator

from translate.cache import CachedTranslator, TranslationCache, default_cache_path
from translate.errors import TranslateError
from translate.translator import ModelRef


def test_nothing_is_created_until_first_use(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "cache.sqlite3"
    cache = TranslationCache(path)
    assert not path.parent.exists()
    assert cache.get_many(ModelRef("m", None), "ru", ["a"]) == {}
    assert path.exists()


def test_default_path_is_in_the_user_cache_dir(isolated_user_paths: Path) -> None:
    assert default_cache_path().is_relative_to(isolated_user_paths)


@pytest.mark.parametrize(
    ("ref", "target", "text"),
    [
        (ModelRef("m", "r2"), "ru", "Hello"),
        (ModelRef("other", "r1"), "ru", "Hello"),
        (ModelRef("m", "r1"), "hy", "Hello"),
        (ModelRef("m", "r1"), "ru", "Hello "),
        (ModelRef("m", "r1"), "ru", "hello"),
        (ModelRef("m", None), "ru", "Hello"),
        (ModelRef("m", "r1", "ctranslate2/int8/beam=1/max=4"), "ru", "Hello"),
    ],
)
def test_key_is_model_revision_settings_target_and_exact_text(
    tmp_path: Path, ref: ModelRef, target: str, text: str
) -> None:
    cache = TranslationCache(tmp_path / "c.sqlite3")
    cache.put_many(ModelRef("m", "r1"), "ru", {"Hello": "Привет"})
    assert cache.get_many(ModelRef("m", "r1"), "ru", ["Hello"]) == {"Hello": "Привет"}
    assert cache.get_many(ref, target, [text]) == {}


def test_generation_settings_are_part_of_the_translators_model_ref(tmp_path: Path) -> None:
    from seq2seq import EngineOptions
    from translate.translator import TranslatorOptions, build_translator

    def ref(engine: EngineOptions) -> ModelRef:
        options = TranslatorOptions(overrides={"ru": str(tmp_path)}, engine=engine)
        return build_translator(options).model_ref("ru")

    short = ref(EngineOptions(backend="ctranslate2", device="cpu", max_length=4))
    default = ref(EngineOptions(backend="ctranslate2", device="cpu"))
    assert short.settings != default.settings
    assert (short.id, short.revision) == (default.id, default.revision)
    assert default == ref(EngineOptions(backend="ctranslate2", device="cpu", cpu_threads=1))


def test_repeated_headline_never_reaches_the_model(tmp_path: Path) -> None:
    inner = FakeTranslator()
    translator = CachedTranslator(inner, TranslationCache(tmp_path / "c.sqlite3"))
    first = translator.translate(["A", "B", "A"], "ru")
    assert first == ["[ru] A", "[ru] B", "[ru] A"]
    assert inner.texts_seen == ["A", "B"]
    assert translator.translate(["B", "C", "A"], "ru") == ["[ru] B", "[ru] C", "[ru] A"]
    assert inner.texts_seen == ["A", "B", "C"]
    fresh_inner = FakeTranslator()
    reopened = CachedTranslator(fresh_inner, TranslationCache(tmp_path / "c.sqlite3"))
    assert reopened.translate(["C", "A"], "ru") == ["[ru] C", "[ru] A"]
    assert fresh_inner.calls == []
    assert reopened.model_ref("hy") == inner.model_ref("hy")


def test_many_texts_beyond_one_lookup_chunk(tmp_path: Path) -> None:
    inner = FakeTranslator()
    translator = CachedTranslator(inner, TranslationCache(tmp_path / "c.sqlite3"))
    texts = [f"headline {i}" for i in range(1_200)]
    assert translator.translate(texts, "hy") == [f"[hy] {t}" for t in texts]
    assert translator.translate(texts[::-1], "hy") == [f"[hy] {t}" for t in texts[::-1]]
    assert len(inner.texts_seen) == 1_200


def test_a_corrupt_cache_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(TranslateError, match=r"c\.sqlite3"):
        TranslationCache(path).get_many(ModelRef("m", None), "ru", ["x"])


def _translate_range(path: str, start: int, stop: int, rounds: int) -> None:
    translator = CachedTranslator(FakeTranslator(), TranslationCache(path))
    texts = [f"shared headline {i}" for i in range(start, stop)]
    for round_number in range(rounds):
        for offset in range(0, len(texts), 25):
            batch = texts[offset : offset + 25]
            expected = [f"[ru] {t}" for t in batch]
            assert translator.translate(batch, "ru") == expected, round_number


def test_two_runs_sharing_the_cache_at_once(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    context = multiprocessing.get_context("spawn")
    runs = [
        context.Process(target=_translate_range, args=(str(path), 0, 600, 2)),
        context.Process(target=_translate_range, args=(str(path), 300, 900, 2)),
    ]
    for run in runs:
        run.start()
    for run in runs:
        run.join(120)
    assert [run.exitcode for run in runs] == [0, 0]
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT source, translation FROM translations").fetchall()
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert len(rows) == 900
    assert all(translation == f"[ru] {source}" for source, translation in rows)
