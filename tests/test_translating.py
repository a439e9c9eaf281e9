"""The one translate-and-warn path: digests, feed items and plain lines share it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from feed_fakes import FakeTranslator

from headline.records import Translation
from headline.translating import (
    TextParts,
    TranslationOptions,
    translate_parts,
    translate_stream,
)
from seq2seq.errors import ModelError
from translate.errors import TranslateError
from translate.translator import ModelRef


class Upper:
    """Upper-cases; drops the ``.2`` of ``4.2`` so a number goes missing."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str], target: str) -> list[str]:
        self.calls.append(list(texts))
        return [text.upper().replace("4.2", "4") for text in texts]

    def model_ref(self, target: str) -> ModelRef:
        return ModelRef("upper", "v1")


def test_title_and_sentences_stay_apart_with_model_and_number_warnings() -> None:
    translator = Upper()
    part = TextParts("Deal", ("It is worth $4.2m.", "Done."))
    untitled = TextParts(None, ("One.",))
    translated, alone = translate_parts(translator, [part, untitled], "ru")
    assert translated == Translation(
        title="DEAL",
        summary=("IT IS WORTH $4M.", "DONE."),
        model="upper",
        revision="v1",
        warnings=("number '4.2' of the source is missing from the translation",),
    )
    assert (alone.title, alone.summary, alone.error) == (None, ("ONE.",), None)
    assert translator.calls == [["Deal", "It is worth $4.2m.", "Done.", "One."]]


def test_a_refused_input_fails_alone_and_the_batch_goes_on() -> None:
    parts = [TextParts("Fine"), TextParts("please refuse this"), TextParts("Also fine")]
    results = translate_parts(FakeTranslator(), parts, "ru")
    assert [result.title for result in results] == ["[ru] Fine", None, "[ru] Also fine"]
    assert [result.error for result in results] == [None, "the model refused this input", None]


def test_a_language_without_a_model_fails_every_part_with_one_lookup() -> None:
    class NoModel(Upper):
        def model_ref(self, target: str) -> ModelRef:
            raise ModelError(f"no model for en->{target}")

    translator = NoModel()
    results = translate_parts(translator, [TextParts("A"), TextParts("B")], "hy")
    assert [result.error for result in results] == ["no model for en->hy"] * 2
    assert translator.calls == []


def test_to_dict_round_trips_both_summary_forms() -> None:
    part = Translation("T", ("One.", "Two."), "m", "r", ("w",))
    assert Translation.from_dict(part.to_dict()) == part
    as_text = part.to_dict(summary_as_text=True)
    assert as_text["summary"] == "One. Two."
    assert Translation.from_dict(as_text).summary == ("One. Two.",)


@pytest.mark.parametrize(
    ("source", "detected", "expected"),
    [(None, None, "en"), (None, "ru-RU", "ru"), ("hy", "ru", "hy"), ("RU", None, "ru")],
)
def test_source_language_is_given_then_detected_then_english(
    source: str | None, detected: str | None, expected: str
) -> None:
    assert TranslationOptions(source=source).source_for(detected) == expected


def test_targets_are_normalised_and_must_not_be_empty() -> None:
    assert TranslationOptions(targets=("RU", "hy", "ru")).targets == ("ru", "hy")
    with pytest.raises(TranslateError, match="no target language"):
        TranslationOptions(targets=())


def test_source_language_is_part_of_the_cache_key(tmp_path: Path) -> None:
    from translate.translator import TranslatorOptions, build_translator

    model = tmp_path / "model"
    model.mkdir()
    refs = [
        build_translator(TranslatorOptions(source=source, overrides={"hy": str(model)}))
        .model_ref("hy")
        for source in ("en", "ru")
    ]
    assert refs[0].id == refs[1].id and refs[0].revision == refs[1].revision
    assert refs[0].settings.endswith("/from=en") and refs[1].settings.endswith("/from=ru")


def _refused_middle_line() -> tuple[list[str], dict[str, list[Translation]]]:
    lines = ["One", "please refuse", "Three"]
    parts = [TextParts(line) for line in lines]
    return lines, {code: translate_parts(FakeTranslator(), parts, code) for code in ("ru", "hy")}


def test_a_line_that_failed_alone_keeps_its_place_as_an_empty_line() -> None:
    from headline.render import render_translated_lines

    lines, results = _refused_middle_line()
    assert render_translated_lines(lines, {"ru": results["ru"]}, "text").split("\n") == [
        "[ru] One", "", "[ru] Three",
    ]
    assert render_translated_lines(lines, results, "text").split("\n") == [
        "ru\t[ru] One", "hy\t[hy] One", "ru\t", "hy\t", "ru\t[ru] Three", "hy\t[hy] Three",
    ]


def test_translate_names_lines_that_failed_alone_and_exits_1(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    import cli
    import headline.translating

    lines, _ = _refused_middle_line()
    monkeypatch.setattr(headline.translating.TranslationOptions, "translator",
                        lambda self, detected=None: FakeTranslator())
    result = CliRunner().invoke(cli.main, ["translate", "-", "--to", "ru,hy"],
                                input="\n".join(lines) + "\n")
    assert result.exit_code == 1
    assert result.stdout.split("\n")[:6] == [
        "ru\t[ru] One", "hy\t[hy] One", "ru\t", "hy\t", "ru\t[ru] Three", "hy\t[hy] Three",
    ]
    assert result.stderr.splitlines() == [
        "warning: line 2, ru: not translated: the model refused this input",
        "warning: line 2, hy: not translated: the model refused this input",
        "Error: 2 line(s) not translated (named above; their output lines are empty)",
    ]


def test_a_stream_is_translated_part_by_part_and_a_dead_language_asked_once() -> None:
    translator = FakeTranslator(languages=("ru",))
    asked: list[str] = []
    answer = translator.translate

    def counted(texts: Sequence[str], target: str) -> list[str]:
        asked.append(target)
        return answer(texts, target)

    translator.translate = counted  # type: ignore[method-assign]
    chunks = [["a  b", "c"], ["d"], ["refuse e"]]
    parts = list(translate_stream(chunks, translator, ["ru", "hy"]))
    assert [(part.first, part.lines) for part in parts] == [
        (1, ["a b", "c"]), (3, ["d"]), (4, ["refuse e"])
    ]
    assert [t.title for part in parts for t in part.results["ru"]] == [
        "[ru] a b", "[ru] c", "[ru] d", None
    ]
    assert parts[2].results["ru"][0].error == "the model refused this input"
    assert all(part.failed == {"hy": "no model for language 'hy'"} for part in parts)
    assert [t.error for part in parts for t in part.results["hy"]] == [
        "no model for language 'hy'"
    ] * 4
    # hy in the first part only: its batch, then each of its two lines alone; never again
    assert asked.count("hy") == 3
