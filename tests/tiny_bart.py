"""Build a tiny BART summariser on the fly: random weights, a byte-level BPE trained here.

The model has the real BART architecture and is saved the way transformers 5 saves it
(safetensors, a ``config.json`` without ``normalize_before``, a ``generation_config.json``),
so the loading, conversion and generation code under test is the code users run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tiny_models
from tiny_models import TinySpec, bart_like_sizes

SPECIAL_TOKENS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")


@dataclass(frozen=True)
class TinyBartSpec(TinySpec):
    """Sizes of the model; the defaults keep a build around a second on two cores.

    ``init_std`` is larger than BART's 0.02 so random weights give varied, input-dependent
    tokens instead of one token repeated, which makes backend comparisons meaningful.
    ``filler_words`` adds random words to the tokenizer's corpus so a real-size vocabulary
    (50,264 for distilbart) can be learnt; ``suppress_eos`` pushes the end-of-sentence logit
    down so every engine decodes exactly the requested length (for benchmarks).
    """

    vocab_size: int = 400
    init_std: float = 0.2
    num_beams: int = 2
    max_length: int = 12
    filler_words: int = 0


def training_sentences(count: int = 300, seed: int = 0) -> list[str]:
    """News-like sentences, seeded, for training the tokenizer and building articles."""
    return [f"{line}." for line in tiny_models.training_sentences(count, seed)]


def filler_words(count: int, seed: int = 0) -> list[str]:
    """Random lower-case words, seeded: enough distinct pairs to learn a large vocabulary."""
    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 12))) for _ in range(count)]


def build_tiny_bart(directory: Path, spec: TinyBartSpec | None = None) -> Path:
    """Save a random-weight BART model and its tokenizer into ``directory``; return it."""
    import torch
    from tokenizers import ByteLevelBPETokenizer
    from transformers import BartConfig, BartForConditionalGeneration, BartTokenizer

    spec = spec or TinyBartSpec()
    directory.mkdir(parents=True, exist_ok=True)
    bpe = ByteLevelBPETokenizer()
    bpe.train_from_iterator(
        training_sentences(seed=spec.seed) + filler_words(spec.filler_words, spec.seed),
        vocab_size=spec.vocab_size,
        min_frequency=1,
        special_tokens=list(SPECIAL_TOKENS),
        show_progress=False,
    )
    bpe.save_model(str(directory))  # vocab.json + merges.txt, the files BART ships with
    tokenizer = BartTokenizer.from_pretrained(directory, model_max_length=spec.max_positions)
    tokenizer.save_pretrained(directory)
    vocab = tokenizer.get_vocab()

    torch.manual_seed(spec.seed)
    config = BartConfig(
        vocab_size=len(vocab),
        **bart_like_sizes(spec),
        pad_token_id=vocab["<pad>"],
        bos_token_id=vocab["<s>"],
        eos_token_id=vocab["</s>"],
        decoder_start_token_id=vocab["</s>"],
        forced_eos_token_id=vocab["</s>"],
        init_std=spec.init_std,
    )
    model = BartForConditionalGeneration(config)
    if spec.suppress_eos:
        with torch.no_grad():
            model.final_logits_bias[0, vocab["</s>"]] = -1e4
    model.generation_config.num_beams = spec.num_beams
    model.generation_config.max_length = spec.max_length
    model.generation_config.no_repeat_ngram_size = 3
    model.generation_config.length_penalty = 2.0
    model.save_pretrained(directory)
    return directory


def session_bart(factory: Any) -> Path:
    """The default tiny BART, built once per test session (``factory``: tmp_path_factory)."""
    return tiny_models.session_build("tiny-bart", factory, build_tiny_bart)
