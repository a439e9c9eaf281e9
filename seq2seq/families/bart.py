"""BART (distilbart-cnn and other summarisers): one language, no tags, one converter fix."""

from __future__ import annotations

from typing import Any

from seq2seq.families.registry import ModelFamily, register_family


@register_family("BartConfig")
class BartFamily(ModelFamily):
    """BART summarisers start every output with ``<s>`` after the decoder start token (their
    configs set ``forced_bos_token_id`` to it), so both backends get it as a forced prefix.

    CTranslate2's BART converter reads ``config.normalize_before``, which configs saved by
    transformers 5 no longer carry, so conversion fails with an AttributeError. transformers'
    BART layers are post-norm whatever that field says, so the fix sets it to False: the
    converted model then computes what the reference backend computes."""

    name = "bart"

    def target_prefix(self, target: str | None) -> list[str]:
        return ["<s>"]

    def prepare_for_conversion(self, model: Any) -> None:
        model.config.normalize_before = False
