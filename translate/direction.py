"""Refuse a one-direction model fed text in another language.

An ``opus-mt-en-hy`` model given Russian text produces confident nonsense without a word of
complaint, so when a model's own files or name state its languages, they are compared with
the text's source and target before any text goes in. Multilingual models (NLLB, MADLAD)
state no single direction and are not checked.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from translate.errors import TranslateError

_OPUS_NAME = re.compile(r"opus-mt-([a-z]{2,3})-([a-z]{2,3})$", re.IGNORECASE)
_CODE = re.compile(r"^[a-zA-Z]{2,3}$")
_CONFIG_KEYS = (("source_lang", "target_lang"), ("src_lang", "tgt_lang"))


def model_direction(model_id: str, path: Path) -> tuple[str, str] | None:
    """The (source, target) languages the model states in its config or its name."""
    try:
        config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        config = None
    if isinstance(config, dict):
        for source_key, target_key in _CONFIG_KEYS:
            source, target = config.get(source_key), config.get(target_key)
            if _is_code(source) and _is_code(target):
                return str(source).lower(), str(target).lower()
    for name in (model_id.rstrip("/").rsplit("/", 1)[-1], path.name):
        match = _OPUS_NAME.search(name)
        if match:
            return match.group(1).lower(), match.group(2).lower()
    return None


def _is_code(value: object) -> bool:
    return isinstance(value, str) and _CODE.match(value) is not None


def check_direction(model_id: str, path: Path, source: str, target: str) -> None:
    """Fail naming both directions when the model's stated languages are not the text's."""
    stated = model_direction(model_id, path)
    if stated is None or stated == (source, target):
        return
    raise TranslateError(
        f"model {model_id!r} translates {stated[0]}→{stated[1]}, but this text is "
        f"{source}→{target} (pass --from {stated[0]} if the text is in that language, or a "
        f"{source}→{target} model)"
    )
