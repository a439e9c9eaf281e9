"""CTranslate2 backend: conversion cached once per model/revision/compute type, and float32
output (greedy, and beam search) equal to transformers token for token for every family."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from tiny_models import session_model

from seq2seq import EngineOptions, LanguagePair, load_seq2seq
from seq2seq import conversion as conversion_module
from seq2seq.conversion import conversion_root

PAIRS = {
    "marian": LanguagePair("en", "ru"),
    "nllb": LanguagePair("en", "hy"),
    "madlad": LanguagePair("en", "ru"),
}
TEXTS = [
    "Leaders play drums at summit",
    "The council denied a rise of 3.5 percent in prices",
    "Doctors said the summit in Yerevan on 12 May",
    "The bank confirmed a deal worth $4.2 million",
]


@pytest.mark.parametrize("beam_size", [1, 3], ids=["greedy", "beam3"])
@pytest.mark.parametrize("family", sorted(PAIRS))
def test_float32_output_matches_transformers_token_for_token(
    family: str, beam_size: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    model_dir = str(session_model(family, tmp_path_factory))
    reference = load_seq2seq(
        model_dir, EngineOptions(backend="transformers", beam_size=beam_size, max_length=10)
    )
    fast = load_seq2seq(
        model_dir,
        EngineOptions(
            backend="ctranslate2", compute_type="float32", beam_size=beam_size, max_length=10
        ),
    )
    expected = reference.generate_tokens(TEXTS, PAIRS[family])
    assert sum(len(tokens) for tokens in expected) > len(TEXTS)
    assert fast.generate_tokens(TEXTS, PAIRS[family]) == expected
    assert fast.generate(TEXTS, PAIRS[family]) == reference.generate(TEXTS, PAIRS[family])


def test_conversion_happens_once_then_hits_the_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    model_dir = str(session_model("marian", tmp_path_factory))
    options = EngineOptions(backend="ctranslate2", compute_type="int8", max_length=4)
    first = load_seq2seq(model_dir, options).generate(TEXTS, PAIRS["marian"])
    folders = sorted(path.name for path in conversion_root().iterdir())
    assert len(folders) == 1 and folders[0].endswith("--int8")

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("converted again despite a cached conversion")

    monkeypatch.setattr(conversion_module, "_converter", refuse)
    assert load_seq2seq(model_dir, options).generate(TEXTS, PAIRS["marian"]) == first
    assert sorted(path.name for path in conversion_root().iterdir()) == folders


def test_compute_types_get_their_own_folders(tmp_path_factory: pytest.TempPathFactory) -> None:
    model_dir = str(session_model("madlad", tmp_path_factory))
    for compute_type in ("int8", "float32"):
        load_seq2seq(model_dir, EngineOptions(backend="ctranslate2", compute_type=compute_type))
    names = sorted(path.name for path in conversion_root().iterdir())
    assert [name.rsplit("--", 1)[1] for name in names] == ["float32", "int8"]
    assert all((conversion_root() / name / "model.bin").is_file() for name in names)


def test_a_changed_model_directory_is_converted_again(tmp_path: Path) -> None:
    from tiny_models import build

    model_dir = build("marian", tmp_path / "model")
    options = EngineOptions(backend="ctranslate2", max_length=3)
    first = load_seq2seq(str(model_dir), options).revision
    (model_dir / "generation_config.json").write_text(
        (model_dir / "generation_config.json").read_text(encoding="utf-8") + "\n", "utf-8"
    )
    second = load_seq2seq(str(model_dir), options).revision
    assert first != second
    assert len(list(conversion_root().iterdir())) == 2


def test_minimum_length_means_the_same_on_both_backends(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import torch
    from transformers import MarianMTModel

    model = MarianMTModel.from_pretrained(str(session_model("marian", tmp_path_factory)))
    with torch.no_grad():
        model.final_logits_bias[0, model.config.eos_token_id] = 50.0  # always wants to stop
    model.generation_config.min_length = 5
    eager = tmp_path / "eager-eos"
    model.save_pretrained(eager)
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        shutil.copy(session_model("marian", tmp_path_factory) / name, eager / name)

    outputs = []
    for backend in ("transformers", "ctranslate2"):
        options = EngineOptions(backend=backend, compute_type="float32", max_length=10)
        engine = load_seq2seq(str(eager), options)
        assert engine.settings.min_new_tokens == 4
        outputs.append(engine.generate_tokens(TEXTS, PAIRS["marian"]))
    assert outputs[0] == outputs[1]
    assert {len(tokens) for tokens in outputs[0]} == {4}
