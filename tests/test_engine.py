"""The seq2seq engine on tiny real-architecture models: loading, generation, batching."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO
from hypothesis import given
from hypothesis import strategies as st
from tiny_models import session_model

from seq2seq import EngineOptions, LanguagePair, load_seq2seq
from seq2seq import options as options_module
from seq2seq.batching import plan_batches, restore_order
from seq2seq.errors import ModelError

FAMILIES = {
    "marian": LanguagePair("en", "ru"),
    "nllb": LanguagePair("en", "ru"),
    "madlad": LanguagePair("en", "hy"),
}
HEADLINES = [
    "Leaders play drums at summit",
    "The bank said a deal worth $4.2 million was signed in Yerevan on 12 May",
    "Fans",
    "Police warned about the vote in Moscow",
    "Doctors confirmed talks that ended at 10:30",
]


@pytest.fixture(params=sorted(FAMILIES))
def family(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def model_dir(family: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return session_model(family, tmp_path_factory)


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_loads_from_dir_and_generates_one_output_per_input(
    model_dir: Path, family: str, backend: str
) -> None:
    engine = load_seq2seq(str(model_dir), EngineOptions(backend=backend, max_length=6))
    outputs = engine.generate([*HEADLINES, "   "], FAMILIES[family])
    assert len(outputs) == len(HEADLINES) + 1
    assert all(isinstance(text, str) for text in outputs)
    assert outputs[-1] == ""
    tokens = engine.generate_tokens(HEADLINES, FAMILIES[family])
    assert all(len(row) <= 6 for row in tokens)
    assert any(tokens)
    assert engine.backend == backend
    assert engine.model_id == str(model_dir.resolve())
    assert engine.revision is not None and engine.revision.startswith("local-")


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_batched_equals_one_by_one_and_order_is_kept(
    model_dir: Path, family: str, backend: str
) -> None:
    options = EngineOptions(backend=backend, compute_type="float32", max_length=6)
    engine = load_seq2seq(str(model_dir), options)
    pair = FAMILIES[family]
    batched = engine.generate_tokens(HEADLINES, pair)
    one_by_one = [engine.generate_tokens([text], pair)[0] for text in HEADLINES]
    assert batched == one_by_one
    assert engine.generate_tokens(HEADLINES[::-1], pair) == batched[::-1]


def test_small_token_budget_gives_the_same_output(model_dir: Path, family: str) -> None:
    wide = load_seq2seq(str(model_dir), EngineOptions(backend="transformers", max_length=5))
    narrow = load_seq2seq(
        str(model_dir), EngineOptions(backend="transformers", max_length=5, batch_tokens=8)
    )
    pair = FAMILIES[family]
    assert narrow.generate_tokens(HEADLINES, pair) == wide.generate_tokens(HEADLINES, pair)


def test_counts_tokens_and_cuts_overlong_input(model_dir: Path) -> None:
    engine = load_seq2seq(str(model_dir), EngineOptions(backend="transformers", max_length=3))
    assert engine.count_tokens("Fans") < engine.count_tokens(HEADLINES[1])
    assert engine.max_input_tokens == 128
    long_text = " ".join(HEADLINES * 40)
    assert engine.count_tokens(long_text) > engine.max_input_tokens
    cut = engine._encode(long_text)
    assert len(cut) == engine.max_input_tokens
    assert cut[-1] == engine.tokenizer.eos_token_id
    assert len(engine.generate([long_text], LanguagePair("en", "ru"))) == 1


def test_model_generation_settings_apply_unless_overridden(model_dir: Path) -> None:
    default = load_seq2seq(str(model_dir), EngineOptions(backend="transformers"))
    assert default.settings.beam_size == 1
    overridden = load_seq2seq(
        str(model_dir), EngineOptions(backend="transformers", beam_size=3, max_length=4)
    )
    assert (overridden.settings.beam_size, overridden.settings.max_new_tokens) == (3, 4)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"backend": "onnx"}, "unknown backend 'onnx'"),
        ({"device": "tpu"}, "unknown device 'tpu'"),
        ({"beam_size": 0}, "beam-size must be 1 to 64, got 0"),
        ({"beam_size": 65}, "beam-size must be 1 to 64, got 65"),
        ({"max_length": 4097}, "max-length must be 1 to 4096, got 4097"),
    ],
)
def test_bad_options_are_named(options: dict[str, object], message: str) -> None:
    with pytest.raises(ModelError, match=message):
        EngineOptions(**options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("backend", "compute_type", "message"),
    [
        ("transformers", "int8", "needs the ctranslate2 backend"),
        ("ctranslate2", "float16", "needs a GPU"),
    ],
)
def test_compute_type_must_suit_backend_and_device(
    backend: str, compute_type: str, message: str
) -> None:
    with pytest.raises(ModelError, match=message):
        options = EngineOptions(backend=backend, device="cpu", compute_type=compute_type)
        options.resolved_compute_type(backend, "cpu")


def test_missing_gpu_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(options_module, "cuda_driver_present", lambda: True)
    assert EngineOptions().resolved_device() == "cpu"
    with pytest.raises(ModelError, match="no CUDA GPU is available"):
        EngineOptions(device="cuda").resolved_device()


def test_auto_device_without_a_driver_is_cpu_without_torch() -> None:
    code = (
        "import sys\n"
        "from seq2seq.options import EngineOptions, cuda_driver_present\n"
        "assert not cuda_driver_present()\n"
        "print(EngineOptions().output_settings(), 'torch' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60,
        env={**os.environ, "CUDA_VISIBLE_DEVICES": ""},
    )
    assert result.stdout.split() == ["ctranslate2/int8/beam=model/max=model", "False"]


@pytest.mark.parametrize(("layout", "threads"), [("batch", (3, 1)), ("single", (1, 3))])
def test_thread_layout_shares_the_cores(layout: str, threads: tuple[int, int]) -> None:
    assert EngineOptions(thread_layout=layout, cpu_threads=3).resolved_threads() == threads


def test_threads_default_to_every_available_core(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2, 3})
    assert EngineOptions().resolved_threads() == (4, 1)
    assert EngineOptions(thread_layout="single").resolved_threads() == (1, 4)
    with pytest.raises(ModelError, match="unknown thread layout 'many'"):
        EngineOptions(thread_layout="many")


@pytest.mark.parametrize(("layout", "workers"), [("batch", 2), ("single", 1)])
def test_ctranslate2_runs_the_thread_layout(
    tmp_path_factory: pytest.TempPathFactory, layout: str, workers: int
) -> None:
    options = EngineOptions(backend="ctranslate2", thread_layout=layout, cpu_threads=2)
    engine = load_seq2seq(str(session_model("marian", tmp_path_factory)), options)
    assert engine._translator.num_translators == workers  # type: ignore[attr-defined]
    assert len(engine.generate(HEADLINES, FAMILIES["marian"])) == len(HEADLINES)


def test_cpu_defaults_to_ctranslate2_int8() -> None:
    options = EngineOptions(device="cpu")
    backend = options.resolved_backend("cpu")
    assert (backend, options.resolved_compute_type(backend, "cpu")) == ("ctranslate2", "int8")


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=60), max_size=40),
    budget=st.integers(min_value=1, max_value=200),
    workers=st.integers(min_value=1, max_value=4),
    max_items=st.integers(min_value=1, max_value=16),
)
def test_batches_cover_every_input_once_within_budget(
    lengths: list[int], budget: int, workers: int, max_items: int
) -> None:
    batches = plan_batches(lengths, budget, min_batches=workers, max_items=max_items)
    assert all(len(batch) <= max_items for batch in batches)
    assert sorted(index for batch in batches for index in batch) == list(range(len(lengths)))
    for batch in batches:
        padded = max(lengths[i] for i in batch) * len(batch)
        assert len(batch) == 1 or padded <= budget
    assert all(len(batch) <= -(-len(lengths) // workers) for batch in batches)
    outputs = [[f"out{i}" for i in batch] for batch in batches]
    assert restore_order(batches, outputs) == [f"out{i}" for i in range(len(lengths))]
