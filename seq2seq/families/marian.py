"""Marian (Helsinki-NLP opus-mt): one language pair per model, nothing to tag."""

from __future__ import annotations

from seq2seq.families.registry import ModelFamily, register_family


@register_family("MarianConfig")
class MarianFamily(ModelFamily):
    """CTranslate2's converter already handles Marian's quirks: it drops the trailing
    ``<pad>`` entry and starts decoding from a zero embedding, which matches transformers
    as long as ``<pad>`` is the last vocabulary entry (as in every opus-mt model)."""

    name = "marian"
