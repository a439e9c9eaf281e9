"""The engine both backends share: tokenise, batch by token budget, decode, restore order."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from seq2seq.batching import plan_batches, restore_order
from seq2seq.families import ModelFamily
from seq2seq.options import EngineOptions


@dataclass(frozen=True)
class LanguagePair:
    """Source and target of a translation request (ISO codes such as ``en``, ``ru``)."""

    source: str | None
    target: str | None


@dataclass(frozen=True)
class GenerationSettings:
    """Decoding settings: the model's own, with ``--beam-size``/``--max-length`` applied."""

    beam_size: int = 1
    max_new_tokens: int = 256
    min_new_tokens: int = 0
    length_penalty: float = 1.0
    no_repeat_ngram_size: int = 0


@dataclass
class ModelParts:
    """What every backend needs from the Hugging Face directory, loaded once."""

    model_id: str
    revision: str | None
    tokenizer: Any
    family: ModelFamily
    settings: GenerationSettings
    max_input_tokens: int


class Seq2SeqEngine(ABC):
    """A loaded encoder-decoder model: ``generate(texts) -> texts``, order kept.

    Inputs are tokenised, sorted by length, grouped by ``options.batch_tokens`` and the
    outputs put back in input order. Inputs longer than ``max_input_tokens`` are cut there;
    callers that must not lose text (the summariser) measure with ``count_tokens`` first.
    """

    backend = "abstract"

    def __init__(self, parts: ModelParts, options: EngineOptions, workers: int = 1) -> None:
        self.model_id = parts.model_id
        self.revision = parts.revision
        self.max_input_tokens = parts.max_input_tokens
        self.tokenizer = parts.tokenizer
        self.family = parts.family
        self.settings = parts.settings
        self.options = options
        self._workers = workers
        self._special_tokens = set(self.tokenizer.all_special_tokens)

    def count_tokens(self, text: str) -> int:
        """Source tokens of ``text``, special tokens included, as the encoder sees it.

        Measuring a text past the model's limit is the point here, so the tokenizer's
        "sequence length is longer than the specified maximum" warning is turned off.
        """
        return len(self._token_ids(text))

    def generate(self, texts: Sequence[str], languages: LanguagePair | None = None) -> list[str]:
        """Generate one output text per input text, in input order."""
        return [self._detokenize(tokens) for tokens in self.generate_tokens(texts, languages)]

    def generate_tokens(
        self, texts: Sequence[str], languages: LanguagePair | None = None
    ) -> list[list[str]]:
        """Output tokens per input (no start, language or end tokens); blank input gives []."""
        pair = languages or LanguagePair(None, None)
        if pair.target is not None:
            self.family.prepare_tokenizer(self.tokenizer, pair.source)
        wanted = [index for index, text in enumerate(texts) if text.strip()]
        encoded = [self._encode(self.family.source_text(texts[i], pair.target)) for i in wanted]
        lengths = [len(ids) for ids in encoded]
        batches = plan_batches(
            lengths,
            self.options.batch_tokens,
            min_batches=self._workers,
            max_items=self.options.max_batch_size,
        )
        prefix = self.family.target_prefix(pair.target)
        outputs = self._run_batches([[encoded[i] for i in batch] for batch in batches], prefix)
        generated = restore_order(batches, outputs)
        results: list[list[str]] = [[] for _ in texts]
        for index, tokens in zip(wanted, generated, strict=True):
            results[index] = tokens
        return results

    @abstractmethod
    def _run_batches(
        self, batches: list[list[list[int]]], prefix: list[str]
    ) -> list[list[list[str]]]:
        """Decode each batch of source ids; return output tokens after ``prefix``."""

    def _token_ids(self, text: str) -> list[int]:
        ids: list[int] = self.tokenizer(text, add_special_tokens=True, verbose=False)["input_ids"]
        return ids

    def _encode(self, text: str) -> list[int]:
        ids = self._token_ids(text)
        if len(ids) > self.max_input_tokens:
            ids = ids[: self.max_input_tokens - 1] + ids[-1:]
        return ids

    def _detokenize(self, tokens: list[str]) -> str:
        kept = [token for token in tokens if token not in self._special_tokens]
        text: str = self.tokenizer.convert_tokens_to_string(kept)
        return text.strip()
