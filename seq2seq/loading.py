"""Load config, tokenizer and torch weights safely: no remote code, safetensors first."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from seq2seq.base import GenerationSettings, ModelParts
from seq2seq.checks import check_model_dir
from seq2seq.errors import ModelError
from seq2seq.families import family_for_config
from seq2seq.options import EngineOptions
from seq2seq.source import ModelSource

_FALLBACK_INPUT_TOKENS = 512


def load_config(path: Path) -> tuple[Any, dict[str, Any]]:
    """The transformers config of a checked directory, and its ``config.json`` as written;
    unknown architectures are named."""
    raw = check_model_dir(path)
    from transformers import AutoConfig

    try:
        return AutoConfig.from_pretrained(str(path), trust_remote_code=False), raw
    except (ValueError, KeyError, OSError) as exc:
        raise ModelError(
            f"unknown or unsupported architecture {raw.get('model_type')!r} in {str(path)!r}: "
            f"{str(exc).splitlines()[0]}"
        ) from None


def load_parts(source: ModelSource, options: EngineOptions) -> tuple[ModelParts, Any]:
    """Config, family, tokenizer and generation settings (no weights); returns the config too."""
    config, raw_config = load_config(source.path)
    family = family_for_config(type(config).__name__)
    tokenizer = load_tokenizer(source.path)
    parts = ModelParts(
        model_id=source.model_id,
        revision=source.revision,
        tokenizer=tokenizer,
        family=family,
        settings=generation_settings(source.path, raw_config, options),
        max_input_tokens=_max_input_tokens(config, tokenizer),
    )
    return parts, config


def load_tokenizer(path: Path) -> Any:
    """The directory's own tokenizer, never with remote code."""
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(path), trust_remote_code=False)
    except (OSError, ValueError, KeyError, TypeError, RuntimeError, AssertionError) as exc:
        raise ModelError(f"cannot load the tokenizer in {str(path)!r}: {exc}") from None


def load_torch_model(path: Path, config: Any, dtype: str = "float32") -> Any:
    """Weights from safetensors when present; pickles only through torch's weights-only load."""
    import torch
    from transformers import AutoModelForSeq2SeqLM

    has_safetensors = any(path.glob("*.safetensors"))
    try:
        with _quiet_progress():
            model = AutoModelForSeq2SeqLM.from_pretrained(
                str(path),
                config=config,
                trust_remote_code=False,
                use_safetensors=has_safetensors,
                dtype=getattr(torch, dtype),
            )
    except pickle.UnpicklingError:
        raise ModelError(
            f"cannot load the weights in {str(path)!r}: the pickle holds objects other than "
            "tensors, and pickles are only loaded weights-only"
        ) from None
    except (OSError, ValueError, RuntimeError) as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"cannot load the weights in {str(path)!r}: {first_line}") from None
    model.eval()
    return model


@contextmanager
def _quiet_progress() -> Iterator[None]:
    """Hide transformers' weight-loading bar: stderr belongs to our progress and errors."""
    from transformers.utils import logging as hf_logging

    was_enabled = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # unannotated upstream
    try:
        yield
    finally:
        if was_enabled:
            hf_logging.enable_progress_bar()  # type: ignore[no-untyped-call]  # unannotated upstream


def generation_settings(
    path: Path, raw_config: dict[str, Any], options: EngineOptions
) -> GenerationSettings:
    """The model's generation settings (beams, lengths, penalties) with the options applied.

    They come from ``generation_config.json``, or for older checkpoints that have none
    (distilbart-cnn-12-6) from the generation keys of ``raw_config`` (``config.json`` as
    written): the transformers 5 config object drops those keys, so it cannot be the source.
    """
    from transformers import GenerationConfig

    if (path / "generation_config.json").is_file():
        generation = GenerationConfig.from_pretrained(str(path))
    else:
        generation = GenerationConfig.from_model_config(raw_config)
    max_new = generation.max_new_tokens or max(1, (generation.max_length or 21) - 1)
    min_new = generation.min_new_tokens or max(0, (generation.min_length or 0) - 1)
    return GenerationSettings(
        beam_size=options.beam_size or generation.num_beams or 1,
        max_new_tokens=options.max_length or max_new,
        min_new_tokens=min(min_new, options.max_length or min_new),
        length_penalty=float(generation.length_penalty or 1.0),
        no_repeat_ngram_size=int(generation.no_repeat_ngram_size or 0),
    )


def _max_input_tokens(config: Any, tokenizer: Any) -> int:
    limits = [
        value
        for value in (getattr(config, "max_position_embeddings", None), tokenizer.model_max_length)
        if isinstance(value, int) and 0 < value < 1_000_000
    ]
    return min(limits) if limits else _FALLBACK_INPUT_TOKENS
