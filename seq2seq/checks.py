"""Refuse broken or unsafe model directories with a message that names the problem."""

from __future__ import annotations

import json
import struct
from pathlib import Path
from typing import Any

from seq2seq.errors import ModelError

TOKENIZER_FILES = (
    "tokenizer.json",
    "spiece.model",
    "source.spm",
    "sentencepiece.bpe.model",
    "vocab.json",
)
WEIGHT_FILES = (
    "model.safetensors",
    "model.safetensors.index.json",
    "pytorch_model.bin",
    "pytorch_model.bin.index.json",
)

# config.json sizes that shape the model; each must be the size of some weight tensor.
SIZE_KEYS = ("d_model", "hidden_size", "vocab_size", "encoder_ffn_dim", "decoder_ffn_dim",
             "d_ff")
# generation_config.json settings bounded so one text cannot run for minutes.
GENERATION_LIMITS = {"num_beams": 64, "num_beam_groups": 64, "num_return_sequences": 64,
                     "max_length": 4096, "max_new_tokens": 4096, "min_length": 4096,
                     "min_new_tokens": 4096, "no_repeat_ngram_size": 64}


def check_model_dir(path: Path) -> dict[str, Any]:
    """Validate ``path`` and return its parsed ``config.json``."""
    config = read_config(path)
    if "auto_map" in config or any(path.glob("*.py")):
        raise ModelError(
            f"model in {str(path)!r} asks to run its own code (auto_map or .py files); "
            "remote code is never run"
        )
    if not any((path / name).is_file() for name in TOKENIZER_FILES):
        raise ModelError(
            f"model in {str(path)!r} has no tokenizer files (expected one of "
            f"{', '.join(TOKENIZER_FILES)})"
        )
    weights = [path / name for name in WEIGHT_FILES if (path / name).is_file()]
    if not weights:
        raise ModelError(
            f"model in {str(path)!r} has no weights (expected {' or '.join(WEIGHT_FILES[:3])})"
        )
    shapes: list[list[int]] = []
    for file in path.glob("*.safetensors"):
        shapes += check_safetensors(file)
    if shapes:
        check_sizes_against_weights(path, config, shapes)
    check_generation_config(path)
    return config


def read_config(path: Path) -> dict[str, Any]:
    """Parse ``config.json`` or explain why it cannot be used."""
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelError(f"{str(path)!r} is not a model directory: it has no config.json")
    config = _read_json_object(config_file)
    if "model_type" not in config:
        raise ModelError(f"{str(config_file)!r} has no model_type: not a transformers config")
    if not isinstance(config["model_type"], str) or not config["model_type"]:
        raise ModelError(
            f"{str(config_file)!r}: model_type must be a name such as \"marian\", "
            f"not {json.dumps(config['model_type'])[:60]}"
        )
    return config


def _read_json_object(file: Path) -> dict[str, Any]:
    """A JSON object from a model file, or a ModelError naming the file and the problem."""
    try:
        value = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc
        raise ModelError(f"cannot read {str(file)!r}: {reason or type(exc).__name__}") from None
    if not isinstance(value, dict):
        raise ModelError(f"{str(file)!r} is not a JSON object")
    return value


def _setting(settings: dict[str, Any], key: str, minimum: int, file: Path) -> int | None:
    """``settings[key]`` when it is an integer of at least ``minimum``; None when absent."""
    value = settings.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        kind = "a positive" if minimum == 1 else "a non-negative"
        raise ModelError(f"{str(file)!r}: {key} must be {kind} integer, not "
                         f"{json.dumps(value)[:40]}")
    return value


def check_sizes_against_weights(
    path: Path, config: dict[str, Any], shapes: list[list[int]]
) -> None:
    """Refuse a config whose sizes no weight has, before it is used to allocate a model."""
    sizes = {size for shape in shapes for size in shape}
    for key in SIZE_KEYS:
        value = _setting(config, key, 1, path / "config.json")
        if value is not None and value not in sizes:
            raise ModelError(
                f"{str(path / 'config.json')!r}: {key} is {value}, but no tensor in the "
                "weights has that size (config and weights do not match)"
            )


def check_generation_config(path: Path) -> None:
    """Refuse generation settings that cannot be used or would run for minutes."""
    file = path / "generation_config.json"
    if not file.is_file():
        return
    settings = _read_json_object(file)
    for key, limit in GENERATION_LIMITS.items():
        value = _setting(settings, key, 0, file)
        if value is not None and value > limit:
            raise ModelError(f"{str(file)!r}: {key} is {value}, over the limit of {limit}")


def check_safetensors(file: Path) -> list[list[int]]:
    """Catch truncated or corrupt safetensors files before they reach the loader; returns
    the tensor shapes its header declares."""
    size = file.stat().st_size
    try:
        with file.open("rb") as handle:
            (header_size,) = struct.unpack("<Q", handle.read(8))
            if header_size > size:
                raise ValueError("header larger than the file")
            header = json.loads(handle.read(header_size))
        tensors = [entry for key, entry in header.items() if key != "__metadata__"]
        end = max((int(entry["data_offsets"][1]) for entry in tensors), default=0)
        shapes = [[int(size) for size in entry["shape"]] for entry in tensors]
    except (struct.error, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise ModelError(f"weights file {str(file)!r} is corrupt: {exc}") from None
    if 8 + header_size + end > size:
        raise ModelError(
            f"weights file {str(file)!r} is truncated ({size} bytes, header says "
            f"{8 + header_size + end}): fetch the model again"
        )
    return shapes
