"""The transformers backend: the reference implementation and the GPU path."""

from __future__ import annotations

from typing import Any

from seq2seq.base import ModelParts, Seq2SeqEngine
from seq2seq.options import EngineOptions


class TransformersEngine(Seq2SeqEngine):
    """``AutoModelForSeq2SeqLM.generate`` on padded, length-sorted batches."""

    backend = "transformers"

    def __init__(self, parts: ModelParts, model: Any, options: EngineOptions, device: str) -> None:
        super().__init__(parts, options)
        self._device = device
        self._model = model.to(device)
        # The model's own lengths are already in ``settings`` as new-token counts; cleared
        # here so transformers does not apply (and warn about) both.
        model.generation_config.max_length = None
        model.generation_config.min_length = None
        self._start_id = int(model.config.decoder_start_token_id)
        self._eos_id = self.tokenizer.eos_token_id
        self._pad_id = self.tokenizer.pad_token_id

    def _run_batches(
        self, batches: list[list[list[int]]], prefix: list[str]
    ) -> list[list[list[str]]]:
        import torch

        prefix_ids = [int(i) for i in self.tokenizer.convert_tokens_to_ids(prefix)]
        settings = self.settings
        outputs = []
        for batch in batches:
            width = max(len(ids) for ids in batch)
            input_ids = torch.tensor([ids + [self._pad_id] * (width - len(ids)) for ids in batch])
            mask = torch.tensor([[1] * len(ids) + [0] * (width - len(ids)) for ids in batch])
            start = torch.tensor([[self._start_id, *prefix_ids]] * len(batch))
            with torch.inference_mode():
                generated = self._model.generate(
                    input_ids=input_ids.to(self._device),
                    attention_mask=mask.to(self._device),
                    decoder_input_ids=start.to(self._device),
                    num_beams=settings.beam_size,
                    max_new_tokens=settings.max_new_tokens,
                    min_new_tokens=settings.min_new_tokens,
                    length_penalty=settings.length_penalty,
                    no_repeat_ngram_size=settings.no_repeat_ngram_size,
                    do_sample=False,
                    forced_bos_token_id=None,
                    forced_eos_token_id=None,
                )
            outputs.append([self._tokens(row[start.shape[1] :].tolist()) for row in generated])
        return outputs

    def _tokens(self, ids: list[int]) -> list[str]:
        if self._eos_id in ids:
            ids = ids[: ids.index(self._eos_id)]
        tokens: list[str] = self.tokenizer.convert_ids_to_tokens(ids)
        return tokens
