"""The profile-based translator: lazily loaded models, identity, overrides, clear errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tiny_models import session_model

from seq2seq import LanguagePair, load_seq2seq
from seq2seq.errors import ModelError
from seq2seq.segments import fit_segments
from translate import EngineOptions, Translator, TranslatorOptions, build_translator
from translate.errors import TranslateError
from translate.numbers import digits_of, number_warnings, numbers_in
from translate.profiles import PROFILES, model_for, profile_models, profiles_covering
from translate.translator import IDENTITY, parse_overrides

HEADLINES = ["Leaders play drums at summit", "Fans", "The bank said a deal worth $4.2 million"]
ENGINE = EngineOptions(backend="transformers", max_length=5)


@pytest.fixture
def tiny_translator(tmp_path_factory: pytest.TempPathFactory) -> Translator:
    overrides = {
        "ru": str(session_model("marian", tmp_path_factory)),
        "hy": str(session_model("nllb", tmp_path_factory)),
    }
    return build_translator(TranslatorOptions(overrides=overrides, engine=ENGINE))


def test_translates_each_language_in_order(tiny_translator: Translator) -> None:
    assert isinstance(tiny_translator, Translator)
    for target in ("ru", "hy"):
        outputs = tiny_translator.translate(HEADLINES, target)
        assert len(outputs) == len(HEADLINES)
        assert tiny_translator.translate(HEADLINES[::-1], target) == outputs[::-1]
        assert tiny_translator.translate([HEADLINES[1]], target) == [outputs[1]]


def test_same_language_is_returned_unchanged_without_a_model() -> None:
    translator = build_translator(TranslatorOptions(overrides={"ru": "/nonexistent/model"}))
    assert translator.translate(HEADLINES, "en") == HEADLINES
    assert translator.translate(HEADLINES, " EN ") == HEADLINES
    assert translator.model_ref("en") == IDENTITY
    assert translator.translate([], "ru") == []


def test_model_ref_names_the_model_and_revision(
    tiny_translator: Translator, tmp_path_factory: pytest.TempPathFactory
) -> None:
    ref = tiny_translator.model_ref("ru")
    assert ref.id == str(session_model("marian", tmp_path_factory).resolve())
    assert ref.revision is not None and ref.revision.startswith("local-")
    assert ref.settings.startswith("ctranslate2/") or ref.settings.startswith("transformers/")
    assert tiny_translator.model_ref("hy").id != ref.id


def test_one_engine_per_model_loaded_on_first_use(tmp_path_factory: pytest.TempPathFactory) -> None:
    model = str(session_model("madlad", tmp_path_factory))
    translator = build_translator(
        TranslatorOptions(overrides={"ru": model, "hy": model}, engine=ENGINE)
    )
    engines = translator._engines  # type: ignore[attr-defined]
    assert engines == {}
    translator.translate(HEADLINES, "ru")
    translator.translate(HEADLINES, "hy")
    assert len(engines) == 1


@pytest.mark.parametrize(
    ("profile", "target", "message"),
    [
        ("default", "de", r"no profile translates en->de .*--translator de="),
        ("nope", "ru", r"unknown translation profile 'nope'; choose one of default, quality, nllb"),
    ],
)
def test_unknown_language_or_profile_is_named(profile: str, target: str, message: str) -> None:
    translator_options = TranslatorOptions(profile=profile)
    with pytest.raises(TranslateError, match=message):
        build_translator(translator_options).translate(["Hello"], target)


def test_profile_without_the_pair_names_the_profiles_that_have_it() -> None:
    translator = build_translator(TranslatorOptions(source="ru"))
    with pytest.raises(
        TranslateError,
        match=r"profile 'default' has no model for ru->hy; "
        r"profiles that do: quality, nllb",
    ):
        translator.translate(["Привет"], "hy")


def test_offline_and_not_cached_says_how_to_fetch() -> None:
    translator = build_translator(TranslatorOptions(engine=EngineOptions(offline=True)))
    with pytest.raises(ModelError, match=r"not in the local cache .* `headline models fetch`"):
        translator.translate(["Hello"], "ru")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["ru=./model"], {"ru": "./model"}),
        (["RU = org/model", "hy=/abs/dir"], {"ru": "org/model", "hy": "/abs/dir"}),
    ],
)
def test_overrides_parse(values: list[str], expected: dict[str, str]) -> None:
    assert parse_overrides(values) == expected


@pytest.mark.parametrize("value", ["ru", "=model", "ru=", "r u=model"])
def test_malformed_overrides_are_refused(value: str) -> None:
    with pytest.raises(TranslateError):
        parse_overrides([value])


def test_profiles_cover_ru_and_hy_and_flag_non_commercial_models() -> None:
    for profile in PROFILES:
        assert {"ru", "hy"} <= set(PROFILES[profile])
    assert model_for("default", "en", "ru").model_id == "Helsinki-NLP/opus-mt-en-ru"
    assert model_for("default", "en", "hy").model_id == "Helsinki-NLP/opus-mt-en-hy"
    assert {info.model_id for info in profile_models("quality")} == {"google/madlad400-3b-mt"}
    nllb = model_for("nllb", "en", "hy")
    assert nllb.model_id == "facebook/nllb-200-distilled-600M"
    assert "non-commercial" in nllb.licence_label
    assert all(
        "non-commercial" not in info.licence_label
        for profile in ("default", "quality")
        for info in profile_models(profile)
    )
    assert profiles_covering("ru", "hy") == ["quality", "nllb"]


def test_profile_translator_reads_no_files_until_used(tmp_path: Path) -> None:
    missing = tmp_path / "missing"
    translator = build_translator(TranslatorOptions(overrides={"ru": str(missing)}))
    with pytest.raises(ModelError, match="does not exist"):
        translator.translate(["Hello"], "ru")


@pytest.mark.parametrize(
    ("source", "translation", "missing"),
    [
        ("A deal worth $4.2 million", "Сделка на 4,2 млн долларов", []),
        ("3,500 people joined on 12 May 2024", "3 500 человек 12 мая 2024 года", []),
        ("Talks ended at 10:30", "Переговоры завершились в 10:30", []),
        ("3,500 people joined", "35 человек", ["3,500"]),
        ("Prices rose 12% and 7%", "Цены выросли на 12%", ["7"]),
        ("Two and 2 and 2", "Два и 2", ["2"]),
    ],
)
def test_numbers_missing_from_a_translation_are_flagged(
    source: str, translation: str, missing: list[str]
) -> None:
    warnings = number_warnings(source, translation)
    assert [warning.split("'")[1] for warning in warnings] == missing


@given(st.text(alphabet=st.characters(codec="utf-8", categories=["N", "L", "P", "Zs"])))
def test_a_text_never_contradicts_its_own_numbers(text: str) -> None:
    assert number_warnings(text, text) == []
    assert [digits_of(number) for number in numbers_in(text)] == [
        digits_of(number) for number in numbers_in(text + " ")
    ]


def _count_words(text: str) -> int:
    return len(text.split()) + 1  # one end-of-sentence token, as real tokenizers add


def _count_characters(text: str) -> int:
    return len(text) // 4 + 1  # long words need cutting too


@pytest.mark.parametrize("count", [_count_words, _count_characters])
@given(
    words=st.lists(
        st.text(alphabet="abcdefghij.!?։", min_size=1, max_size=30), min_size=1, max_size=80
    ),
    limit=st.integers(min_value=2, max_value=20),
)
def test_long_text_pieces_fit_and_keep_every_character_in_order(
    count: Callable[[str], int], words: list[str], limit: int
) -> None:
    text = " ".join(words)
    pieces = fit_segments(text, count, limit)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(count(piece) <= limit for piece in pieces)
    if count(text) <= limit:
        assert pieces == [text]


def test_long_text_is_translated_in_pieces_not_cut(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    model = str(session_model("marian", tmp_path_factory))
    translator = build_translator(TranslatorOptions(overrides={"ru": model}, engine=ENGINE))
    engine = load_seq2seq(model, ENGINE)
    long_text = " ".join(f"{HEADLINES[i % 3]}." for i in range(60))
    assert engine.count_tokens(long_text) > engine.max_input_tokens
    pieces = fit_segments(long_text, engine.count_tokens, engine.max_input_tokens - 4)
    assert len(pieces) > 1
    expected = " ".join(engine.generate(pieces, LanguagePair("en", "ru")))
    assert translator.translate([HEADLINES[1], long_text], "ru") == [
        translator.translate([HEADLINES[1]], "ru")[0],
        expected,
    ]
