"""Tiny random-weight translators of the real architectures, built on the fly for tests.

Marian (sentencepiece ``source.spm``/``target.spm`` + ``vocab.json``, ``<pad>`` last as in
opus-mt), NLLB (M2M100 weights, an ``NllbTokenizer`` on a BPE trained here, saved with its
``tokenizer.json`` so the 202 language codes survive) and MADLAD (T5 with gated GELU and
``<2xx>`` tags in a sentencepiece unigram vocabulary). Everything is seeded and saved with
safetensors, so the loading, conversion and generation code under test is the code users run.
"""

from __future__ import annotations

import io
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

SUBJECTS = ("The minister", "Leaders", "The council", "Police", "The bank", "Doctors", "Fans")
VERBS = ("said", "announced", "denied", "confirmed", "play drums at", "warned about")
OBJECTS = (
    "the summit in Yerevan on 12 May",
    "a rise of 3.5 percent in prices",
    "a deal worth $4.2 million",
    "the vote in Moscow",
    "the new bridge over the river",
    "talks that ended at 10:30",
)
LANGUAGE_TAGS = ("<2ru>", "<2hy>", "<2en>")


@dataclass(frozen=True)
class TinySpec:
    """Model sizes. The defaults build in about a second on two cores.

    ``init_std`` is large so random weights give varied, input-dependent tokens (a fair
    backend comparison); ``suppress_eos`` pushes the end-of-sentence logit to -1e4 so every
    engine decodes exactly the requested length (benchmarks); ``vocab_size`` is a floor that
    made-up pieces fill up to, as a real-size vocabulary needs more text than we train on.
    """

    d_model: int = 32
    encoder_layers: int = 2
    decoder_layers: int = 2
    heads: int = 2
    ffn_dim: int = 64
    vocab_size: int = 200
    max_positions: int = 128
    init_std: float = 0.3
    suppress_eos: bool = False
    seed: int = 0


OPUS_MT_SIZE = TinySpec(
    d_model=512,
    encoder_layers=6,
    decoder_layers=6,
    heads=8,
    ffn_dim=2048,
    vocab_size=62518,
    max_positions=512,
    init_std=0.02,
)


def bart_like_sizes(spec: TinySpec) -> dict[str, Any]:
    """The size fields that Marian, M2M100 and BART configs share, from ``spec``."""
    return {
        "d_model": spec.d_model,
        "encoder_layers": spec.encoder_layers,
        "decoder_layers": spec.decoder_layers,
        "encoder_attention_heads": spec.heads,
        "decoder_attention_heads": spec.heads,
        "encoder_ffn_dim": spec.ffn_dim,
        "decoder_ffn_dim": spec.ffn_dim,
        "max_position_embeddings": spec.max_positions,
    }


def training_sentences(count: int = 400, seed: int = 0) -> list[str]:
    """News-like headlines, seeded, to train tokenizers on."""
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}" for _ in range(count)
    ]


def _train_sentencepiece(vocab_size: int, seed: int, **options: Any) -> Any:
    import sentencepiece as spm

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(training_sentences(seed=seed)),
        model_writer=buffer,
        vocab_size=vocab_size,
        character_coverage=1.0,
        hard_vocab_limit=False,
        minloglevel=2,
        **options,
    )
    return spm.SentencePieceProcessor(model_proto=buffer.getvalue())


def build_tiny_marian(directory: Path, spec: TinySpec | None = None) -> Path:
    """A Marian model like opus-mt-en-ru: shared vocabulary, ``<pad>`` as the last entry."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    spec = spec or TinySpec()
    directory.mkdir(parents=True, exist_ok=True)
    processor = _train_sentencepiece(200, spec.seed)
    (directory / "source.spm").write_bytes(processor.serialized_model_proto())
    (directory / "target.spm").write_bytes(processor.serialized_model_proto())
    pieces = ["</s>", "<unk>"] + [
        processor.id_to_piece(i)
        for i in range(processor.get_piece_size())
        if not (processor.is_control(i) or processor.is_unknown(i))
    ]
    pieces += [f"▁made{i}" for i in range(max(0, spec.vocab_size - 1 - len(pieces)))]
    vocab = {piece: index for index, piece in enumerate([*pieces, "<pad>"])}
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
        model_max_length=spec.max_positions,
    )
    tokenizer.save_pretrained(directory)

    torch.manual_seed(spec.seed)
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        **bart_like_sizes(spec),
        pad_token_id=vocab["<pad>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["<pad>"],
        forced_eos_token_id=vocab["</s>"],
        init_std=spec.init_std,
        share_encoder_decoder_embeddings=True,
    )
    model = MarianMTModel(config)
    _zero_pad_row(model.get_input_embeddings().weight, vocab["<pad>"])
    if spec.suppress_eos:
        with torch.no_grad():
            model.final_logits_bias[0, vocab["</s>"]] = -1e4
    model.generation_config.num_beams = 1
    model.generation_config.bad_words_ids = [[vocab["<pad>"]]]  # as opus-mt ships it
    model.save_pretrained(directory)
    return directory


def build_tiny_nllb(directory: Path, spec: TinySpec | None = None) -> Path:
    """An NLLB-200 style model: M2M100 weights, language codes as special tokens."""
    import torch
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import M2M100Config, M2M100ForConditionalGeneration, NllbTokenizer

    spec = spec or TinySpec()
    directory.mkdir(parents=True, exist_ok=True)
    bpe = Tokenizer(models.BPE(unk_token="<unk>"))
    bpe.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    bpe.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bpe.train_from_iterator(
        training_sentences(seed=spec.seed),
        trainers.BpeTrainer(
            vocab_size=spec.vocab_size,
            special_tokens=["<s>", "<pad>", "</s>", "<unk>"],
            show_progress=False,
        ),
    )
    model_json = json.loads(bpe.to_str())["model"]
    merges: Any = [tuple(m.split(" ") if isinstance(m, str) else m) for m in model_json["merges"]]
    tokenizer = NllbTokenizer(
        vocab=model_json["vocab"],
        merges=merges,
        src_lang="eng_Latn",
        model_max_length=spec.max_positions,
    )
    tokenizer.save_pretrained(directory)

    torch.manual_seed(spec.seed)
    config = M2M100Config(
        vocab_size=len(tokenizer),
        **bart_like_sizes(spec),
        pad_token_id=tokenizer.pad_token_id,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        init_std=spec.init_std,
        scale_embedding=True,
    )
    model = M2M100ForConditionalGeneration(config)
    model.generation_config.num_beams = 1
    model.save_pretrained(directory)
    return directory


def build_tiny_madlad(directory: Path, spec: TinySpec | None = None) -> Path:
    """A MADLAD-400 style model: T5 with gated GELU, untied embeddings, ``<2xx>`` pieces."""
    import torch
    from transformers import T5Config, T5ForConditionalGeneration, T5Tokenizer

    spec = spec or TinySpec()
    directory.mkdir(parents=True, exist_ok=True)
    processor = _train_sentencepiece(
        200,
        spec.seed,
        pad_id=0,
        eos_id=1,
        unk_id=2,
        bos_id=-1,
        user_defined_symbols=list(LANGUAGE_TAGS),
    )
    scores = [(processor.id_to_piece(i), processor.get_score(i)) for i in range(len(processor))]
    tokenizer = T5Tokenizer(vocab=scores, extra_ids=0, model_max_length=spec.max_positions)
    tokenizer.save_pretrained(directory)

    torch.manual_seed(spec.seed)
    # Fields T5Config takes through **kwargs (its type hints do not list them).
    generic: dict[str, Any] = {"tie_word_embeddings": False, "decoder_start_token_id": 0}
    config = T5Config(
        vocab_size=len(tokenizer),
        d_model=spec.d_model,
        d_kv=spec.d_model // spec.heads,
        d_ff=spec.ffn_dim,
        num_layers=spec.encoder_layers,
        num_decoder_layers=spec.decoder_layers,
        num_heads=spec.heads,
        relative_attention_num_buckets=8,
        feed_forward_proj="gated-gelu",
        pad_token_id=0,
        eos_token_id=1,
        initializer_factor=spec.init_std * 30,
        **generic,
    )
    model = T5ForConditionalGeneration(config)
    model.generation_config.num_beams = 1
    model.save_pretrained(directory)
    return directory


def _zero_pad_row(weight: Any, pad_id: int) -> None:
    """Marian starts decoding from ``<pad>``, whose trained embedding is zero."""
    import torch

    with torch.no_grad():
        weight[pad_id].zero_()


BUILDERS: dict[str, Callable[[Path, TinySpec | None], Path]] = {
    "marian": build_tiny_marian,
    "nllb": build_tiny_nllb,
    "madlad": build_tiny_madlad,
}


def build(family: str, directory: Path, **sizes: Any) -> Path:
    """Build the tiny model of ``family`` with ``TinySpec`` fields overridden by ``sizes``."""
    return BUILDERS[family](directory, replace(TinySpec(), **sizes))


_SESSION_MODELS: dict[tuple[Path, str], Path] = {}


def session_model(family: str, factory: Any) -> Path:
    """The default tiny model of ``family``, built once per test session."""
    return session_build(f"tiny-{family}", factory, lambda directory: build(family, directory))


def session_build(name: str, factory: Any, builder: Callable[[Path], Path]) -> Path:
    """``builder(folder)`` run once per test session for ``name``; later calls reuse it.

    ``factory`` is pytest's ``tmp_path_factory``; its base folder is unique per session, so
    test modules share one build without a shared conftest fixture.
    """
    key = (Path(factory.getbasetemp()), name)
    if key not in _SESSION_MODELS:
        _SESSION_MODELS[key] = builder(factory.mktemp(name))
    return _SESSION_MODELS[key]
