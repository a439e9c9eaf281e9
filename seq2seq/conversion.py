"""Convert a Hugging Face directory to CTranslate2 once, into the user cache, atomically.

The folder is keyed by model id, revision and compute type. Conversion writes into a
temporary sibling folder and renames it into place, so a killed conversion never leaves a
half-written model and two processes converting at once both end with a complete one.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from seq2seq.base import ModelParts
from seq2seq.errors import ModelError
from seq2seq.loading import load_torch_model
from seq2seq.source import ModelSource


def conversion_root() -> Path:
    """``<user cache>/headline/ctranslate2`` (created only when a conversion happens)."""
    import platformdirs

    return platformdirs.user_cache_path("headline") / "ctranslate2"


def conversion_dir(source: ModelSource, compute_type: str) -> Path:
    """Where the converted model for this id, revision and compute type lives."""
    name = re.sub(r"[^\w.-]+", "_", source.model_id.strip("/")).strip("_")[-80:]
    return conversion_root() / f"{name}--{source.revision or 'unversioned'}--{compute_type}"


def ensure_converted(
    source: ModelSource, parts: ModelParts, config: Any, compute_type: str
) -> Path:
    """The converted model folder, converting now only when the cache has none."""
    target = conversion_dir(source, compute_type)
    if (target / "model.bin").is_file():
        return target
    model = load_torch_model(source.path, config)
    parts.family.prepare_for_conversion(model)
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".converting-", dir=target.parent))
    try:
        _converter(model, parts.tokenizer, source.path).convert(
            str(scratch / "model"), quantization=compute_type, force=True
        )
        try:
            (scratch / "model").rename(target)
        except OSError:
            if not (target / "model.bin").is_file():
                raise
    except (ValueError, NotImplementedError, RuntimeError) as exc:
        raise ModelError(
            f"cannot convert {source.model_id!r} for CTranslate2: {exc}; try --backend transformers"
        ) from None
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _converter(model: Any, tokenizer: Any, path: Path) -> Any:
    """CTranslate2's converter fed with the model and tokenizer already loaded and checked."""
    from ctranslate2.converters import TransformersConverter

    class LoadedConverter(TransformersConverter):  # type: ignore[misc]
        def load_model(self, model_class: Any, model_name_or_path: str, **kwargs: Any) -> Any:
            return model

        def load_tokenizer(
            self, tokenizer_class: Any, model_name_or_path: str, **kwargs: Any
        ) -> Any:
            return tokenizer

    return LoadedConverter(str(path), trust_remote_code=False)
