"""Broken, unsafe or missing models: each gets one clear error naming the problem."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from tiny_models import session_model

import cli
from seq2seq import EngineOptions, LanguagePair, load_seq2seq
from seq2seq.errors import ModelError
from seq2seq.families import family_for_config, known_configs
from translate import TranslatorOptions, build_translator
from translate.errors import TranslateError


@pytest.fixture
def marian_copy(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(session_model("marian", tmp_path_factory), tmp_path / "model"))


def _edit_config(model: Path, **changes: object) -> None:
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config.update(changes)
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")


def _truncate_weights(model: Path) -> None:
    weights = model / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[: weights.stat().st_size // 2])


def _garble_weights_header(model: Path) -> None:
    (model / "model.safetensors").write_bytes(b"\x10\x00\x00\x00\x00\x00\x00\x00not json at all!")


def _remove_tokenizer(model: Path) -> None:
    for name in ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json"):
        (model / name).unlink(missing_ok=True)


CASES: dict[str, tuple[Callable[[Path], object], str]] = {
    "no config": (lambda m: (m / "config.json").unlink(), "has no config.json"),
    "config not json": (
        lambda m: (m / "config.json").write_text("{oops", encoding="utf-8"),
        "cannot read",
    ),
    "config without model_type": (
        lambda m: (m / "config.json").write_text("{}", encoding="utf-8"),
        "has no model_type",
    ),
    "unknown architecture": (
        lambda m: _edit_config(m, model_type="quantum-transformer"),
        "unknown or unsupported architecture 'quantum-transformer'",
    ),
    "architecture without a family": (
        lambda m: _edit_config(m, model_type="bert", architectures=["BertModel"]),
        "unsupported model architecture 'BertConfig'; known architectures: .*MarianConfig",
    ),
    "remote code in config": (
        lambda m: _edit_config(m, auto_map={"AutoModel": "evil.Model"}),
        "asks to run its own code .* remote code is never run",
    ),
    "python file shipped": (
        lambda m: (m / "modeling_evil.py").write_text("import os\n", encoding="utf-8"),
        "asks to run its own code",
    ),
    "missing tokenizer files": (_remove_tokenizer, "has no tokenizer files"),
    "missing weights": (lambda m: (m / "model.safetensors").unlink(), "has no weights"),
    "truncated weights": (_truncate_weights, "is truncated"),
    "corrupt weights header": (_garble_weights_header, "is corrupt"),
}


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_broken_model_directory_is_named(marian_copy: Path, case: str, backend: str) -> None:
    damage, message = CASES[case]
    damage(marian_copy)
    with pytest.raises(ModelError, match=message):
        load_seq2seq(str(marian_copy), EngineOptions(backend=backend))


@pytest.mark.parametrize("case", ["truncated weights", "remote code in config"])
def test_cli_reports_a_broken_model_in_one_line(marian_copy: Path, case: str) -> None:
    CASES[case][0](marian_copy)
    result = CliRunner().invoke(
        cli.main, ["translate", "Hello", "--to", "ru", "--translator", f"ru={marian_copy}"]
    )
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert str(marian_copy) in result.stderr


@pytest.mark.parametrize(
    "model",
    ["/definitely/not/here", "./relative/missing", "not a valid id!"],
)
def test_missing_model_paths_are_named(model: str) -> None:
    with pytest.raises(ModelError, match=r"does not exist|neither a local directory"):
        load_seq2seq(model)


def test_a_file_is_not_a_model_directory(tmp_path: Path) -> None:
    file = tmp_path / "model.bin"
    file.write_bytes(b"\0" * 16)
    with pytest.raises(ModelError, match="not a directory"):
        load_seq2seq(str(file))


def test_offline_hub_id_not_cached_says_how_to_fetch() -> None:
    with pytest.raises(ModelError, match=r"not in the local cache.*`headline models fetch`"):
        load_seq2seq("Helsinki-NLP/opus-mt-en-ru", EngineOptions(offline=True))


def test_unknown_language_code_for_nllb(tmp_path_factory: pytest.TempPathFactory) -> None:
    model = str(session_model("nllb", tmp_path_factory))
    engine = load_seq2seq(model, EngineOptions(backend="transformers", max_length=2))
    with pytest.raises(ModelError, match="no NLLB language code known for 'xx'"):
        engine.generate(["Hello"], LanguagePair("en", "xx"))
    with pytest.raises(ModelError, match="has no language code 'zzz_Latn'"):
        engine.generate(["Hello"], LanguagePair("zzz_Latn", "ru"))


def test_unknown_language_names_the_profiles() -> None:
    translator = build_translator(TranslatorOptions())
    with pytest.raises(TranslateError, match="no profile translates en->xx"):
        translator.translate(["Hello"], "xx")


def test_family_registry_lists_the_known_architectures() -> None:
    assert {"MarianConfig", "M2M100Config", "T5Config", "BartConfig"} <= set(known_configs())
    with pytest.raises(ModelError, match="known architectures: BartConfig, "):
        family_for_config("GPT2Config")


class _TouchOnLoad:
    """A pickle payload that would create a file if unpickled without weights-only."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[Path]]:
        return (Path.touch, (self.marker,))


def test_pickled_weights_load_weights_only(marian_copy: Path, tmp_path: Path) -> None:
    import torch
    from safetensors.torch import load_file

    state = load_file(str(marian_copy / "model.safetensors"))
    (marian_copy / "model.safetensors").unlink()
    torch.save(state, marian_copy / "pytorch_model.bin")
    engine = load_seq2seq(str(marian_copy), EngineOptions(backend="transformers", max_length=2))
    assert len(engine.generate(["Hello"])) == 1

    marker = tmp_path / "code-ran"
    torch.save({"payload": _TouchOnLoad(marker)}, marian_copy / "pytorch_model.bin")
    with pytest.raises(ModelError, match="cannot load the weights"):
        load_seq2seq(str(marian_copy), EngineOptions(backend="transformers"))
    assert not marker.exists()


def test_unreachable_hub_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub.constants as hub

    monkeypatch.setenv("HF_HUB_OFFLINE", "0")
    monkeypatch.setattr(hub, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(hub, "ENDPOINT", "http://127.0.0.1:9")
    with pytest.raises(ModelError, match="cannot reach the model hub for 'org/model'"):
        load_seq2seq("org/model", EngineOptions())
