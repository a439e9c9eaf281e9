"""``headline translate``, ``headline models`` and the digest translation step, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE_PAGE
from tiny_models import session_model

import cli
from headline.digests import add_translations
from headline.records import Digest
from headline.translating import TranslationOptions
from seq2seq import LanguagePair, Seq2SeqEngine
from translate import EngineOptions, TranslatorOptions, build_translator
from translate.numbers import number_warnings

FAST = ["--backend", "transformers", "--max-length", "4"]
LINES = ["Leaders play drums at summit", "", "Fans", "The bank said a deal worth $4.2 million"]


@pytest.fixture
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return {
        "ru": str(session_model("marian", tmp_path_factory)),
        "hy": str(session_model("nllb", tmp_path_factory)),
    }


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli.main, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def expected(models: dict[str, str], target: str) -> list[str]:
    options = TranslatorOptions(
        overrides=models, engine=EngineOptions(backend="transformers", max_length=4)
    )
    return build_translator(options).translate(LINES, target)


@pytest.fixture
def model_inputs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text that reaches a model's generate, in order."""
    seen: list[str] = []
    generate = Seq2SeqEngine.generate

    def recording(
        self: Seq2SeqEngine, texts: list[str], languages: LanguagePair | None = None
    ) -> list[str]:
        seen.extend(texts)
        return generate(self, texts, languages)

    monkeypatch.setattr(Seq2SeqEngine, "generate", recording)
    return seen


def test_stdin_one_line_in_one_line_out_same_order(models: dict[str, str]) -> None:
    code, out, _ = run(
        "translate",
        "-",
        "--to",
        "ru",
        "--translator",
        f"ru={models['ru']}",
        *FAST,
        stdin="\n".join(LINES) + "\n",
    )
    assert code == 0
    assert out.split("\n")[:-1] == expected(models, "ru")
    assert out.split("\n")[1] == ""


def test_several_languages_are_tagged_per_line(models: dict[str, str]) -> None:
    overrides = [f"--translator=ru={models['ru']}", f"--translator=hy={models['hy']}"]
    code, out, _ = run("translate", "-", "--to", "ru,hy", *overrides, *FAST, stdin="\n".join(LINES))
    assert code == 0
    rows = [line.split("\t") for line in out.rstrip("\n").split("\n")]
    assert [row[0] for row in rows] == ["ru", "hy"] * len(LINES)
    assert [row[1] for row in rows[::2]] == expected(models, "ru")
    assert [row[1] for row in rows[1::2]] == expected(models, "hy")


def test_jsonl_records_source_translations_and_warnings(models: dict[str, str]) -> None:
    code, out, _ = run(
        "translate",
        LINES[3],
        "--to",
        "ru,en",
        "--translator",
        f"ru={models['ru']}",
        "--format",
        "jsonl",
        *FAST,
    )
    assert code == 0
    (record,) = [json.loads(line) for line in out.splitlines()]
    assert record["source"] == record["en"] == LINES[3]
    assert record["ru"] == expected(models, "ru")[3]
    missing = number_warnings(LINES[3], record["ru"])
    assert record["warnings"] == ({"ru": missing} if missing else {})


def test_same_language_needs_no_model() -> None:
    code, out, _ = run("translate", "-", "--to", "en", "--offline", stdin="One\nTwo 2\n")
    assert (code, out) == (0, "One\nTwo 2\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "de"], "Error: no profile translates en->de"),
        (["--to", "ru", "--translator", "ru=/no/such/model"], "Error: model directory"),
        (["--to", "ru", "--translator", "ru"], "Error: --translator takes LANG=MODEL_ID_OR_DIR"),
        (["--to", "ru", "--offline"], "`headline models fetch`"),
        (["--to", ","], "give a language"),
        (
            ["--to", "ru", "--backend", "transformers", "--compute-type", "int8"],
            "Error: compute type 'int8' needs the ctranslate2 backend",
        ),
    ],
)
def test_user_errors_are_one_line_without_traceback(args: list[str], message: str) -> None:
    code, _, err = run("translate", "Hello", *args)
    assert code != 0
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert message in errors[0]


def test_models_lists_every_job_with_licence_and_local_state() -> None:
    code, out, _ = run("models")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["JOB", "MODEL", "FAMILY", "LICENCE", "PARAMS", "DOWNLOAD", "LOCAL"]
    for model_id in (
        "sshleifer/distilbart-cnn-12-6",
        "Helsinki-NLP/opus-mt-en-ru",
        "Helsinki-NLP/opus-mt-en-hy",
        "google/madlad400-3b-mt",
        "facebook/nllb-200-distilled-600M",
    ):
        (row,) = [line for line in lines if model_id in line]
        assert row.split()[-1] == "no"
    (nllb,) = [line for line in lines if "nllb-200" in line]
    assert "non-commercial" in nllb
    (opus,) = [line for line in lines if "opus-mt-en-ru" in line]
    assert opus.split()[-4:-1] == ["77M", "~308.0", "MB"]  # 77M float32 parameters, 4 bytes each


def test_models_shows_the_size_on_disk_of_a_cached_model(cached_opus_mt_ru: str) -> None:
    from headline.models import known_models

    (row,) = [m for m in known_models() if m.id == "Helsinki-NLP/opus-mt-en-ru"]
    assert row.local and row.local_bytes is not None and row.local_bytes > 0
    assert not row.download.startswith("~")


def test_models_fetch_offline_fails_clearly() -> None:
    code, _, err = run("models", "fetch", "--profile", "default")
    assert code == 1
    assert "Error: cannot download model 'Helsinki-NLP/opus-mt-en-ru': offline mode is on" in err


def test_digest_gets_title_and_sentence_translations(
    models: dict[str, str], tmp_path: Path
) -> None:
    digest = Digest(
        url=None,
        title=LINES[0],
        date=None,
        authors=[],
        site=None,
        language="en",
        text="",
        summary=[LINES[2], LINES[3]],
        method="lead",
    )
    options = TranslationOptions(
        targets=("ru", "hy", "en"), overrides=models,
        engine=EngineOptions(backend="transformers", max_length=4),
    )
    add_translations(digest, options)
    assert set(digest.translations) == {"ru", "hy", "en"}
    for target in ("ru", "hy"):
        part = digest.translations[target]
        segments = expected(models, target)
        assert [part.title, *part.summary] == [segments[0], segments[2], segments[3]]
        assert part.model == str(Path(models[target]).resolve())
        assert part.error is None
        assert digest.models[f"translate:{target}"]["id"] == part.model
    assert digest.translations["en"].summary == (LINES[2], LINES[3])
    assert digest.translations["en"].model == "identity"


def test_summarize_translates_title_and_each_summary_sentence(models: dict[str, str]) -> None:
    page = SAMPLE_PAGE
    overrides = [f"--translator=ru={models['ru']}", f"--translator=hy={models['hy']}"]
    code, out, _ = run(
        "summarize",
        str(page),
        "--method",
        "lead",
        "-n",
        "2",
        "--format",
        "json",
        *overrides,
        *FAST,
    )
    assert code == 0
    digest = json.loads(out)
    translator = build_translator(
        TranslatorOptions(
            overrides=models, engine=EngineOptions(backend="transformers", max_length=4)
        )
    )
    for target in ("ru", "hy"):
        part = digest["translations"][target]
        summary = translator.translate(digest["summary"], target)
        assert part["summary"] == [" ".join(text.split()) for text in summary]
        title = translator.translate([digest["title"]], target)[0]
        assert part["title"] == " ".join(title.split())
        assert digest["models"][f"translate:{target}"]["id"] == part["model"]
    code, out, _ = run(
        "summarize", str(page), "--method", "lead", "--no-translate", "--format", "json"
    )
    assert code == 0 and json.loads(out)["translations"] == {}


@pytest.fixture
def cached_opus_mt_ru(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, models: dict[str, str]
) -> str:
    """The tiny Marian laid out in a hub cache as if fetched as Helsinki-NLP/opus-mt-en-ru."""
    import shutil

    import huggingface_hub.constants as hub

    commit = "0123456789abcdef0123456789abcdef01234567"
    repo = tmp_path / "hub" / "models--Helsinki-NLP--opus-mt-en-ru"
    shutil.copytree(models["ru"], repo / "snapshots" / commit)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(commit, encoding="utf-8")
    monkeypatch.setattr(hub, "HF_HUB_CACHE", str(tmp_path / "hub"))
    return commit


def test_cached_hub_model_is_listed_and_used_offline(cached_opus_mt_ru: str) -> None:
    code, out, _ = run("models")
    assert code == 0
    local = {word: line.split()[-1] for line in out.splitlines()[1:] for word in line.split()}
    assert local["Helsinki-NLP/opus-mt-en-ru"] == "yes"
    assert local["Helsinki-NLP/opus-mt-en-hy"] == "no"

    code, out, _ = run("translate", "Leaders play drums", "--to", "ru", "--offline", *FAST)
    assert code == 0 and len(out.splitlines()) == 1
    translator = build_translator(TranslatorOptions(engine=EngineOptions(offline=True)))
    ref = translator.model_ref("ru")
    assert (ref.id, ref.revision) == ("Helsinki-NLP/opus-mt-en-ru", cached_opus_mt_ru)


def test_translate_repeats_come_from_the_cache(
    models: dict[str, str], model_inputs: list[str], tmp_path: Path
) -> None:
    cache = tmp_path / "translations.sqlite3"
    args = ["translate", LINES[0], "--to", "ru", f"--translator=ru={models['ru']}", *FAST]
    first = run(*args, "--cache", str(cache))
    assert first[0] == 0 and model_inputs == [LINES[0]]
    model_inputs.clear()
    assert run(*args, "--cache", str(cache))[:2] == first[:2]
    assert model_inputs == []
    assert run(*args, "--cache", str(cache), "--no-cache")[:2] == first[:2]
    assert model_inputs == [LINES[0]]


def test_summarize_repeats_come_from_the_cache(
    models: dict[str, str], model_inputs: list[str], tmp_path: Path
) -> None:
    page = SAMPLE_PAGE
    args = ["summarize", str(page), "--method", "lead", "-n", "2", "--format", "json", "--to",
            "ru", f"--translator=ru={models['ru']}", *FAST]
    first = run(*args, "--cache", str(tmp_path / "cache.sqlite3"))
    assert first[0] == 0 and model_inputs
    model_inputs.clear()
    assert run(*args, "--cache", str(tmp_path / "cache.sqlite3"))[:2] == first[:2]
    assert model_inputs == []
