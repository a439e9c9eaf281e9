"""M2M100 and NLLB: the source language is a tokenizer setting, the target a forced first token."""

from __future__ import annotations

from typing import Any

from seq2seq.errors import ModelError
from seq2seq.families.registry import ModelFamily, register_family

NLLB_CODES = {
    "en": "eng_Latn",
    "ru": "rus_Cyrl",
    "hy": "hye_Armn",
    "uk": "ukr_Cyrl",
    "de": "deu_Latn",
    "fr": "fra_Latn",
    "es": "spa_Latn",
    "ka": "kat_Geor",
    "tr": "tur_Latn",
    "fa": "pes_Arab",
    "ar": "arb_Arab",
    "zh": "zho_Hans",
}


def nllb_code(language: str) -> str:
    """``ru`` -> ``rus_Cyrl``; a code already in NLLB form passes through."""
    if "_" in language:
        return language
    code = NLLB_CODES.get(language)
    if code is None:
        raise ModelError(
            f"no NLLB language code known for {language!r}; pass one like rus_Cyrl or use "
            f"{', '.join(sorted(NLLB_CODES))}"
        )
    return code


@register_family("M2M100Config")
class M2M100Family(ModelFamily):
    """NLLB-200 and M2M100 share one architecture and the ``forced_bos_token_id`` scheme."""

    name = "m2m100"

    def target_prefix(self, target: str | None) -> list[str]:
        return [] if target is None else [nllb_code(target)]

    def prepare_tokenizer(self, tokenizer: Any, source: str | None) -> None:
        code = nllb_code(source or "en")
        if tokenizer.convert_tokens_to_ids(code) == tokenizer.unk_token_id:
            raise ModelError(f"this model's tokenizer has no language code {code!r}")
        tokenizer.src_lang = code
