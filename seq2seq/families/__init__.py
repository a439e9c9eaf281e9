"""Seq2seq model families (Marian, M2M100/NLLB, T5/MADLAD, BART), one module each."""

from seq2seq.families.registry import (
    ModelFamily,
    family_for_config,
    known_configs,
    register_family,
)

__all__ = ["ModelFamily", "family_for_config", "known_configs", "register_family"]
