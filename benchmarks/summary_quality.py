"""Lead-N against textrank on the SummEval CNN/DailyMail test articles, with rouge-score.

The articles are pre-tokenised (``word .``, ``team 's``) and keep no paragraph breaks; each is
detokenised with :func:`summarize.sentences.detokenize_article` (sentence splitters need
``word.`` and quotes attached to their words; ROUGE drops punctuation) and given to the
summarisers with no title (CNN/DM stores none), in two ways:

* ``splitter``: the whole article as one paragraph, split by our own sentence splitter (what a
  user gets);
* ``dataset``: each of the dataset's own sentences (tokens ending `` . ``, `` ! ``, `` ? ``) as
  a paragraph, so the summarisers rank the units the published lead-3 figure (42.28/19.67/38.42:
  the first three such units, as stored, against the stored highlights cut at the same marks)
  was computed on. Paragraphs always end sentences; our splitter may still cut one further.

Scores: ROUGE-1/2/Lsum F1 of rouge-score with stemming, Lsum over newline-joined sentences, the
reference highlights split by our splitter.

    python benchmarks/summary_quality.py [--sentences 3] [--refset PATH]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarize.article import Article
from summarize.sentences import detokenize_article, split_sentences
from summarize.summarizers import summarize_article

REFSET = Path(__file__).resolve().parents[2] / "shared/data/refsets/summeval_cnndm_test100.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")
_DATASET_SENTENCE_END = re.compile(r"(?<= [.!?]) ")
SEGMENTATIONS = ("splitter", "dataset")
PUBLISHED_LEAD3 = {"rouge1": 42.28, "rouge2": 19.67, "rougeLsum": 38.42}


def load_refset(path: Path, segmentation: str = "splitter") -> list[tuple[Article, str]]:
    """Each line's article and its reference highlights; see the module doc for
    ``segmentation``."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if segmentation == "dataset":
            units = _DATASET_SENTENCE_END.split(record["article"])
        else:
            units = [record["article"]]
        paragraphs = [detokenize_article(unit).strip() for unit in units if unit.strip()]
        pairs.append(
            (Article(title=None, paragraphs=paragraphs, language="en"), record["reference"])
        )
    return pairs


def mean_rouge(summaries: Sequence[list[str]], references: Sequence[str]) -> dict[str, float]:
    """Mean F1 x 100 of each metric over the pairs."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = dict.fromkeys(METRICS, 0.0)
    for summary, reference in zip(summaries, references, strict=True):
        target = "\n".join(split_sentences(detokenize_article(reference), "en"))
        scores = scorer.score(target, "\n".join(summary))
        for metric in METRICS:
            totals[metric] += scores[metric].fmeasure
    return {metric: 100.0 * total / len(references) for metric, total in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--refset", type=Path, default=REFSET)
    args = parser.parse_args()
    for segmentation in SEGMENTATIONS:
        pairs = load_refset(args.refset, segmentation)
        results = score_methods(pairs, ("lead", "textrank"), args.sentences)
        print(
            f"{len(pairs)} articles, {segmentation} sentences, {args.sentences} per summary, "
            "ROUGE F1 x 100 (R1 R2 RLsum)"
        )
        for method, scores in results.items():
            print(f"  {method:15s} " + " ".join(f"{scores[metric]:6.2f}" for metric in METRICS))
        lead, textrank = results["lead"], results["textrank"]
        print("  textrank - lead " + " ".join(f"{textrank[m] - lead[m]:+6.2f}" for m in METRICS))
        print(
            "  textrank - published lead-3 "
            + " ".join(f"{textrank[m] - PUBLISHED_LEAD3[m]:+6.2f}" for m in METRICS)
        )


def score_methods(
    pairs: Sequence[tuple[Article, str]], methods: Sequence[str], sentences: int
) -> dict[str, dict[str, float]]:
    """Mean ROUGE of each method's summaries of the articles in ``pairs``."""
    references = [reference for _, reference in pairs]
    return {
        method: mean_rouge(
            [summarize_article(article, method, sentences) for article, _ in pairs], references
        )
        for method in methods
    }


if __name__ == "__main__":
    main()
