"""Issue 15: a hub that never answers, and a one-direction model fed the wrong language."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hostile_cli import one_error
from tiny_models import session_model

import cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def silent_hub() -> Iterator[str]:
    """A loopback server that accepts connections and never says a word."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        server.close()


@pytest.mark.parametrize("model, command", [
    ("someone/opus-mt-en-ru",
     ["translate", "Hello", "--to", "ru", "--translator", "ru=someone/opus-mt-en-ru"]),
    ("someone/bart", ["summarize", "-", "--method", "seq2seq", "--summarizer-model",
                      "someone/bart", "--no-translate"]),
])
def test_silent_hub_times_out(silent_hub: str, tmp_path: Path, model: str,
                              command: list[str]) -> None:
    env = {key: value for key, value in os.environ.items() if not key.endswith("_OFFLINE")}
    env.update(HF_ENDPOINT=silent_hub, HEADLINE_TIMEOUT="0.5", HF_HOME=str(tmp_path / "hf"),
               XDG_CACHE_HOME=str(tmp_path / "cache"))
    page = "Title\n\n" + "A sentence about the budget of the town council. " * 20
    result = subprocess.run([sys.executable, str(ROOT / "cli.py"), *command],
                            env=env, capture_output=True, text=True, input=page, timeout=60,
                            cwd=tmp_path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1
    assert lines[0] == (f"looking up model {model!r} on the model hub (gives up after 0.5s "
                        "without an answer)")
    errors = [line for line in lines if line.startswith("Error: ")]
    assert len(errors) == 1 and not errors[0].startswith("Error: unexpected")
    assert f"Error: the model hub did not answer for {model!r} within 0.5s (set " \
           "HEADLINE_TIMEOUT to wait longer, or pass a local directory)" in errors[0]


def test_silent_hub_times_out_without_the_hub_default_client_factory(
    silent_hub: str, tmp_path: Path
) -> None:
    """A huggingface_hub without its internal default factory: the shared session gets the
    timeout through the public get_session, and the lookup still gives up in time."""
    env = {key: value for key, value in os.environ.items() if not key.endswith("_OFFLINE")}
    env.update(HF_ENDPOINT=silent_hub, HEADLINE_TIMEOUT="0.5", HF_HOME=str(tmp_path / "hf"),
               XDG_CACHE_HOME=str(tmp_path / "cache"), PYTHONPATH=str(ROOT))
    code = ("import sys\nfrom huggingface_hub.utils import _http\n"
            "del _http.default_client_factory\nimport cli\nsys.exit(cli.main())")
    command = ["translate", "Hello", "--to", "ru", "--translator", "ru=someone/opus-mt-en-ru"]
    result = subprocess.run([sys.executable, "-c", code, *command], env=env,
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: the model hub did not answer for 'someone/opus-mt-en-ru' within 0.5s (set "
        "HEADLINE_TIMEOUT to wait longer, or pass a local directory) (nothing translated "
        "into ru)"
    )


def _named_copy(tmp_path: Path, factory: pytest.TempPathFactory, name: str) -> Path:
    return Path(shutil.copytree(session_model("marian", factory), tmp_path / name))


def _translate(model: Path, source: str, target: str, text: str = "Hello") -> object:
    return CliRunner().invoke(cli.main, ["translate", text, "--from", source, "--to", target,
                                         "--translator", f"{target}={model}", "--no-cache",
                                         "--max-length", "4", "--backend", "transformers"])


@pytest.mark.parametrize("source, target, stated", [
    ("ru", "hy", ("en", "hy")), ("en", "ru", ("en", "hy")), ("de", "fr", ("en", "hy")),
])
def test_model_named_for_another_direction(tmp_path: Path, tmp_path_factory:
                                           pytest.TempPathFactory, source: str, target: str,
                                           stated: tuple[str, str]) -> None:
    model = _named_copy(tmp_path, tmp_path_factory, "opus-mt-en-hy")
    result = _translate(model, source, target, "Привет")
    assert one_error(result) == (  # type: ignore[arg-type]
        f"Error: model {str(model)!r} translates {stated[0]}→{stated[1]}, but this text is "
        f"{source}→{target} (pass --from {stated[0]} if the text is in that language, or a "
        f"{source}→{target} model) (nothing translated into {target})"
    )


def test_model_config_states_its_languages(tmp_path: Path,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    model = _named_copy(tmp_path, tmp_path_factory, "plain")
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    config.update(source_lang="en", target_lang="ru")
    (model / "config.json").write_text(json.dumps(config), encoding="utf-8")
    result = _translate(model, "ru", "hy")
    assert one_error(result) == (  # type: ignore[arg-type]
        f"Error: model {str(model)!r} translates en→ru, but this text is ru→hy (pass --from en "
        "if the text is in that language, or a ru→hy model) (nothing translated into hy)"
    )


def test_model_in_the_right_direction_runs(tmp_path: Path,
                                           tmp_path_factory: pytest.TempPathFactory) -> None:
    model = _named_copy(tmp_path, tmp_path_factory, "opus-mt-en-hy")
    result = _translate(model, "en", "hy")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
