"""Engine settings in one dataclass, resolved against the hardware only when a model loads."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from seq2seq.checks import GENERATION_LIMITS
from seq2seq.errors import ModelError
from seq2seq.source import offline_from_environment

BACKENDS = ("auto", "transformers", "ctranslate2")
DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = ("auto", "int8", "float32", "float16", "bfloat16", "int8_float16", "int8_bfloat16")
TORCH_COMPUTE_TYPES = ("float32", "float16", "bfloat16")
THREAD_LAYOUTS = ("batch", "single")
# The same bounds as a model's own generation_config.json: one text must not run for minutes.
MAX_BEAM_SIZE = GENERATION_LIMITS["num_beams"]
MAX_OUTPUT_TOKENS = GENERATION_LIMITS["max_new_tokens"]


@dataclass(frozen=True)
class EngineOptions:
    """How to load and run a seq2seq model.

    ``None`` for ``beam_size``/``max_length`` keeps the model's own generation settings;
    ``max_length`` counts output tokens. ``batch_tokens`` bounds the padded source tokens of
    one batch and ``max_batch_size`` its inputs. ``offline`` never touches the network
    (``HF_HUB_OFFLINE=1`` does the same).

    ``thread_layout`` shares ``cpu_threads`` (None: the cores this process may use) between
    CTranslate2's workers on CPU: ``batch`` runs one batch per core (inter_threads = cores,
    intra_threads 1), best for many inputs (translation, feeds); ``single`` puts every core
    on one batch (inter 1, intra = cores), best for one long input such as an article to
    summarise (1.92 s against 2.52 s per distilbart-size article on 2 cores).
    """

    backend: str = "auto"
    device: str = "auto"
    compute_type: str = "auto"
    beam_size: int | None = None
    max_length: int | None = None
    batch_tokens: int = 4096
    max_batch_size: int = 64
    offline: bool = False
    thread_layout: str = "batch"
    cpu_threads: int | None = None

    def __post_init__(self) -> None:
        _check_choice("backend", self.backend, BACKENDS)
        _check_choice("device", self.device, DEVICES)
        _check_choice("compute type", self.compute_type, COMPUTE_TYPES)
        _check_choice("thread layout", self.thread_layout, THREAD_LAYOUTS)
        for name, limit in (("beam_size", MAX_BEAM_SIZE), ("max_length", MAX_OUTPUT_TOKENS)):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= limit:
                raise ModelError(f"{name.replace('_', '-')} must be 1 to {limit}, got {value}")
        if min(self.batch_tokens, self.max_batch_size, self.cpu_threads or 1) < 1:
            raise ModelError("batch sizes and CPU threads must be at least 1")
        if self.backend == "transformers" and self.compute_type != "auto":
            self.resolved_compute_type("transformers", "cuda")

    def resolved_device(self) -> str:
        """``cuda`` when asked for or available under ``auto``, else ``cpu``.

        Under ``auto`` on a machine without an NVIDIA driver the answer is ``cpu`` without
        importing torch (a second and more), so a fully cached run stays fast.
        """
        if self.device == "cpu" or (self.device == "auto" and not cuda_driver_present()):
            return "cpu"
        import torch

        available = torch.cuda.is_available()
        if self.device == "cuda" and not available:
            raise ModelError("--device cuda was asked for, but no CUDA GPU is available")
        return "cuda" if available else "cpu"

    def resolved_backend(self, device: str) -> str:
        """CTranslate2 is the fast path on CPU; transformers is the reference and the GPU path."""
        if self.backend != "auto":
            return self.backend
        return "ctranslate2" if device == "cpu" else "transformers"

    def resolved_compute_type(self, backend: str, device: str) -> str:
        """int8 for CTranslate2 on CPU, float16 on GPU, float32 for torch on CPU."""
        compute_type = self.compute_type
        if compute_type == "auto":
            if backend == "ctranslate2":
                compute_type = "int8" if device == "cpu" else "int8_float16"
            else:
                compute_type = "float32" if device == "cpu" else "float16"
        if backend == "transformers" and compute_type not in TORCH_COMPUTE_TYPES:
            raise ModelError(
                f"compute type {compute_type!r} needs the ctranslate2 backend; the transformers "
                f"backend takes {', '.join(TORCH_COMPUTE_TYPES)}"
            )
        if device == "cpu" and compute_type in ("float16", "int8_float16"):
            raise ModelError(f"compute type {compute_type!r} needs a GPU (--device cuda)")
        return compute_type

    def output_settings(self) -> str:
        """The options that change what a model outputs, as a stable key (threads do not)."""
        device = self.resolved_device()
        backend = self.resolved_backend(device)
        compute_type = self.resolved_compute_type(backend, device)
        return (
            f"{backend}/{compute_type}/beam={self.beam_size or 'model'}"
            f"/max={self.max_length or 'model'}"
        )

    def resolved_threads(self) -> tuple[int, int]:
        """``(inter_threads, intra_threads)`` for CTranslate2 on CPU, by ``thread_layout``."""
        cores = self.cpu_threads or len(os.sched_getaffinity(0))
        return (cores, 1) if self.thread_layout == "batch" else (1, cores)

    def is_offline(self) -> bool:
        """True when ``--offline`` was given or ``HF_HUB_OFFLINE`` is set to a true value."""
        return self.offline or offline_from_environment()


def cuda_driver_present() -> bool:
    """Whether a CUDA GPU could be visible to this process: an NVIDIA kernel driver or a
    CUDA driver library, and not hidden by an empty ``CUDA_VISIBLE_DEVICES``."""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) == "":
        return False
    if Path("/proc/driver/nvidia").exists():
        return True
    import ctypes.util

    return ctypes.util.find_library("cuda") is not None


def _check_choice(what: str, value: str, choices: tuple[str, ...]) -> None:
    if value not in choices:
        raise ModelError(f"unknown {what} {value!r}; choose one of {', '.join(choices)}")
