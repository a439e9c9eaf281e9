"""Lead-N against textrank on the SummEval CNN/DailyMail test articles, with rouge-score.

The articles are pre-tokenised (``word .``, ``team 's``) and keep no paragraph breaks; each is
detokenised lightly (sentence splitters need ``word.``; ROUGE drops punctuation, so scores are
unaffected) and given to the summarisers as one paragraph with no title (CNN/DM stores none).
Scores: ROUGE-1/2/Lsum F1 of rouge-score with stemming, Lsum over newline-joined sentences, the
reference highlights split the same way.

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
from summarize.sentences import split_sentences
from summarize.summarizers import summarize_article

REFSET = Path(__file__).resolve().parents[2] / "shared/data/refsets/summeval_cnndm_test100.jsonl"
METRICS = ("rouge1", "rouge2", "rougeLsum")
_SPACE_BEFORE_PUNCTUATION = re.compile(r" (?=[.,;:!?)%]|'s\b|n't\b)|(?<=\() ")
_CLOSING_QUOTE = re.compile(r"(?<=[.!?,]) (?=' )")


def detokenize(text: str) -> str:
    """``team 's win . ' Next`` -> ``team's win.' Next``: just enough for a sentence splitter."""
    text = text.replace("``", '"').replace("''", '"')
    return _CLOSING_QUOTE.sub("", _SPACE_BEFORE_PUNCTUATION.sub("", text))


def load_refset(path: Path) -> list[tuple[Article, str]]:
    """Each line's article (as one English paragraph) and its reference highlights."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        article = Article(title=None, paragraphs=[detokenize(record["article"])], language="en")
        pairs.append((article, record["reference"]))
    return pairs


def mean_rouge(summaries: Sequence[list[str]], references: Sequence[str]) -> dict[str, float]:
    """Mean F1 x 100 of each metric over the pairs."""
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    totals = dict.fromkeys(METRICS, 0.0)
    for summary, reference in zip(summaries, references, strict=True):
        target = "\n".join(split_sentences(detokenize(reference), "en"))
        scores = scorer.score(target, "\n".join(summary))
        for metric in METRICS:
            totals[metric] += scores[metric].fmeasure
    return {metric: 100.0 * total / len(references) for metric, total in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=3)
    parser.add_argument("--refset", type=Path, default=REFSET)
    args = parser.parse_args()
    pairs = load_refset(args.refset)
    references = [reference for _, reference in pairs]
    results = {
        method: mean_rouge(
            [summarize_article(article, method, args.sentences) for article, _ in pairs],
            references,
        )
        for method in ("lead", "textrank")
    }
    print(f"{len(pairs)} articles, {args.sentences} sentences, ROUGE F1 x 100 (R1/R2/RLsum)")
    for method, scores in results.items():
        print(f"{method:9s} " + " ".join(f"{scores[metric]:6.2f}" for metric in METRICS))
    lead, textrank = results["lead"], results["textrank"]
    print("textrank - lead " + " ".join(f"{textrank[m] - lead[m]:+6.2f}" for m in METRICS))


if __name__ == "__main__":
    main()
