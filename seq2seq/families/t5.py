"""T5-style multilingual translators (MADLAD-400): the target is a ``<2xx>`` tag on the input."""

from __future__ import annotations

from seq2seq.families.registry import ModelFamily, register_family


@register_family("T5Config", "MT5Config")
class T5Family(ModelFamily):
    """MADLAD-400 reads ``<2ru> text`` and writes Russian."""

    name = "t5"

    def source_text(self, text: str, target: str | None) -> str:
        return text if target is None else f"<2{target}> {text}"
