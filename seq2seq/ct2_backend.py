"""The CTranslate2 backend: int8 on CPU, converted once into a cache folder."""

from __future__ import annotations

from typing import Any

from seq2seq.base import ModelParts, Seq2SeqEngine
from seq2seq.options import EngineOptions


class CTranslate2Engine(Seq2SeqEngine):
    """Batches go to CTranslate2 asynchronously so every inter-op worker gets one."""

    backend = "ctranslate2"

    def __init__(
        self, parts: ModelParts, translator: Any, options: EngineOptions, workers: int
    ) -> None:
        super().__init__(parts, options, workers=workers)
        self._translator = translator

    def _run_batches(
        self, batches: list[list[list[int]]], prefix: list[str]
    ) -> list[list[list[str]]]:
        settings = self.settings
        pending = [
            self._translator.translate_batch(
                [self.tokenizer.convert_ids_to_tokens(ids) for ids in batch],
                target_prefix=[prefix] * len(batch) if prefix else None,
                asynchronous=True,
                beam_size=settings.beam_size,
                max_decoding_length=settings.max_new_tokens + len(prefix),
                min_decoding_length=settings.min_new_tokens + len(prefix),
                length_penalty=settings.length_penalty,
                no_repeat_ngram_size=settings.no_repeat_ngram_size,
                max_input_length=0,
            )
            for batch in batches
        ]
        return [
            [list(result.result().hypotheses[0][len(prefix) :]) for result in batch_results]
            for batch_results in pending
        ]
