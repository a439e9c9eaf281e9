"""Model families keyed by the Hugging Face config class name (``MarianConfig``, ...).

Each family lives in its own module in this package and registers itself with
``@register_family("XConfig")``; adding a family means adding one file. Modules are imported
on the first lookup, so nothing is loaded at import time.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from typing import Any, TypeVar

from seq2seq.errors import ModelError

_FAMILIES: dict[str, ModelFamily] = {}
_discovered = False


class ModelFamily:
    """What differs between seq2seq families: language tags and converter quirks.

    The defaults suit a single-pair model (Marian, BART): no prefix, no language token.
    """

    name = "seq2seq"

    def source_text(self, text: str, target: str | None) -> str:
        """The text the encoder sees (T5/MADLAD prepend a ``<2xx>`` tag)."""
        return text

    def target_prefix(self, target: str | None) -> list[str]:
        """Tokens forced at the start of the output (NLLB's ``rus_Cyrl``)."""
        return []

    def prepare_tokenizer(self, tokenizer: Any, source: str | None) -> None:
        """Set tokenizer state that depends on the source language."""

    def prepare_for_conversion(self, model: Any) -> None:
        """Patch a loaded model so CTranslate2's converter accepts it."""


F = TypeVar("F", bound=type[ModelFamily])


def register_family(*config_names: str) -> Callable[[F], F]:
    """Class decorator: register one instance of the family under each config class name."""

    def decorator(cls: F) -> F:
        family = cls()
        for config_name in config_names:
            _FAMILIES[config_name] = family
        return cls

    return decorator


def family_for_config(config_name: str) -> ModelFamily:
    """The family registered for ``config_name``; the error lists the known ones."""
    _discover()
    family = _FAMILIES.get(config_name)
    if family is None:
        raise ModelError(
            f"unsupported model architecture {config_name!r}; "
            f"known architectures: {', '.join(known_configs())}"
        )
    return family


def known_configs() -> list[str]:
    """Every registered config class name, sorted."""
    _discover()
    return sorted(_FAMILIES)


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    package = importlib.import_module(__package__ or "seq2seq.families")
    for module in pkgutil.iter_modules(package.__path__):
        if module.name != "registry":
            importlib.import_module(f"{package.__name__}.{module.name}")
    _discovered = True
