"""Seq2seq engines: load a model (hub id or local dir) and generate with it.

``load_seq2seq(model, options)`` picks the backend (CTranslate2 int8 on CPU, transformers on
GPU, or as asked), checks the directory, and returns an engine with
``generate(texts, languages) -> list[str]``, ``count_tokens``, ``max_input_tokens``,
``model_id`` and ``revision``.
"""

from __future__ import annotations

from seq2seq.base import GenerationSettings, LanguagePair, Seq2SeqEngine
from seq2seq.errors import ModelError
from seq2seq.options import EngineOptions
from seq2seq.source import ModelSource, cached_source, fetch_model, resolve_model

__all__ = [
    "EngineOptions",
    "GenerationSettings",
    "LanguagePair",
    "ModelSource",
    "Seq2SeqEngine",
    "cached_source",
    "fetch_model",
    "load_from_source",
    "load_seq2seq",
    "resolve_model",
]


def load_seq2seq(model: str, options: EngineOptions | None = None) -> Seq2SeqEngine:
    """Load ``model`` (hub id or local directory) with the backend ``options`` select."""
    options = options or EngineOptions()
    source = resolve_model(model, offline=options.is_offline())
    return load_from_source(source, options)


def load_from_source(source: ModelSource, options: EngineOptions) -> Seq2SeqEngine:
    """Load an already resolved model directory."""
    from seq2seq.loading import load_parts

    device = options.resolved_device()
    backend = options.resolved_backend(device)
    compute_type = options.resolved_compute_type(backend, device)
    parts, config = load_parts(source, options)
    if backend == "transformers":
        from seq2seq.loading import load_torch_model
        from seq2seq.torch_backend import TransformersEngine

        model = load_torch_model(source.path, config, compute_type)
        return TransformersEngine(parts, model, options, device)

    import ctranslate2

    from seq2seq.conversion import ensure_converted
    from seq2seq.ct2_backend import CTranslate2Engine

    folder = ensure_converted(source, parts, config, compute_type)
    workers, threads = options.resolved_threads() if device == "cpu" else (1, 0)
    try:
        translator = ctranslate2.Translator(
            str(folder),
            device=device,
            compute_type=compute_type,
            inter_threads=workers,
            intra_threads=threads,
        )
    except (ValueError, RuntimeError) as exc:
        raise ModelError(
            f"CTranslate2 cannot run {source.model_id!r} as {compute_type} on {device}: {exc}"
        ) from None
    return CTranslate2Engine(parts, translator, options, workers)
