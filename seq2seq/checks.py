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
    for file in path.glob("*.safetensors"):
        check_safetensors(file)
    return config


def read_config(path: Path) -> dict[str, Any]:
    """Parse ``config.json`` or explain why it cannot be used."""
    config_file = path / "config.json"
    if not config_file.is_file():
        raise ModelError(f"{str(path)!r} is not a model directory: it has no config.json")
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"cannot read {str(config_file)!r}: {exc}") from None
    if not isinstance(config, dict) or "model_type" not in config:
        raise ModelError(f"{str(config_file)!r} has no model_type: not a transformers config")
    return config


def check_safetensors(file: Path) -> None:
    """Catch truncated or corrupt safetensors files before they reach the loader."""
    size = file.stat().st_size
    try:
        with file.open("rb") as handle:
            (header_size,) = struct.unpack("<Q", handle.read(8))
            if header_size > size:
                raise ValueError("header larger than the file")
            header = json.loads(handle.read(header_size))
        tensors = [entry for key, entry in header.items() if key != "__metadata__"]
        end = max((int(entry["data_offsets"][1]) for entry in tensors), default=0)
    except (struct.error, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ModelError(f"weights file {str(file)!r} is corrupt: {exc}") from None
    if 8 + header_size + end > size:
        raise ModelError(
            f"weights file {str(file)!r} is truncated ({size} bytes, header says "
            f"{8 + header_size + end}): fetch the model again"
        )
