"""Issue 12: model files that claim more than they hold, or hold garbage, are refused before
anything is allocated or generated, in one ``Error:`` line naming the file and the setting."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_cli import one_error
from tiny_models import session_model

import cli


@pytest.fixture
def marian_copy(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return Path(shutil.copytree(session_model("marian", tmp_path_factory), tmp_path / "model"))


def _config(**changes: object) -> Callable[[Path], str]:
    def damage(model: Path) -> str:
        config = json.loads((model / "config.json").read_text(encoding="utf-8"))
        config.update(changes)
        (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
        return str(model / "config.json")

    return damage


def _write(name: str, text: str) -> Callable[[Path], str]:
    def damage(model: Path) -> str:
        (model / name).write_text(text, encoding="utf-8")
        return str(model / name)

    return damage


def _write_bytes(name: str, data: bytes) -> Callable[[Path], str]:
    def damage(model: Path) -> str:
        (model / name).write_bytes(data)
        return str(model / name)

    return damage


def _generation(**settings: object) -> Callable[[Path], str]:
    return _write("generation_config.json", json.dumps(settings))


SIZE_MISMATCH = "is {value}, but no tensor in the weights has that size (config and weights " \
                "do not match)"
CASES: dict[str, tuple[Callable[[Path], str], str]] = {
    "model_type-list": (_config(model_type=["marian"]),
                        "'{file}': model_type must be a name such as \"marian\", not [\"marian\"]"),
    "model_type-number": (_config(model_type=5),
                          "'{file}': model_type must be a name such as \"marian\", not 5"),
    "model_type-empty": (_config(model_type=""),
                         "'{file}': model_type must be a name such as \"marian\", not \"\""),
    "config-deep": (_write("config.json", "[" * 100_000), "cannot read '{file}': maximum "
                    "recursion depth exceeded while decoding a JSON array from a unicode string"),
    "config-array": (_write("config.json", "[1, 2]"), "'{file}' is not a JSON object"),
    "config-not-utf8": (_write_bytes("config.json", b"\xff{}"),
                        "cannot read '{file}': 'utf-8' codec can't decode byte 0xff in "
                        "position 0: invalid start byte"),
    "d_model-huge": (_config(d_model=65_536), "'{file}': d_model " + SIZE_MISMATCH.format(
        value=65_536)),
    "vocab-huge": (_config(vocab_size=1_000_000), "'{file}': vocab_size " + SIZE_MISMATCH.format(
        value=1_000_000)),
    "ffn-mismatch": (_config(encoder_ffn_dim=12_345), "'{file}': encoder_ffn_dim "
                     + SIZE_MISMATCH.format(value=12_345)),
    "d_model-string": (_config(d_model="big"),
                       "'{file}': d_model must be a positive integer, not \"big\""),
    "d_model-negative": (_config(d_model=-1),
                         "'{file}': d_model must be a positive integer, not -1"),
    "generation-garbage": (_write("generation_config.json", "{num_beams: lots"),
                           "cannot read '{file}': Expecting property name enclosed in double "
                           "quotes"),
    "generation-array": (_write("generation_config.json", "[]"), "'{file}' is not a JSON object"),
    "num_beams-huge": (_generation(num_beams=100_000),
                       "'{file}': num_beams is 100000, over the limit of 64"),
    "max_length-huge": (_generation(max_length=10**9),
                        "'{file}': max_length is 1000000000, over the limit of 4096"),
    "max_new_tokens-negative": (_generation(max_new_tokens=-5), "'{file}': max_new_tokens must "
                                "be a non-negative integer, not -5"),
    "num_beams-string": (_generation(num_beams="many"),
                         "'{file}': num_beams must be a non-negative integer, not \"many\""),
    "num_beams-bool": (_generation(num_beams=True),
                       "'{file}': num_beams must be a non-negative integer, not true"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_model_claims_are_refused_in_one_line(marian_copy: Path, case: str) -> None:
    damage, message = CASES[case]
    file = damage(marian_copy)
    result = CliRunner().invoke(cli.main, ["translate", "Hello", "--to", "ru", "--translator",
                                           f"ru={marian_copy}", "--backend", "transformers"])
    expected = message.format(file=file)
    assert one_error(result) == f"Error: {expected} (nothing translated into ru)"
