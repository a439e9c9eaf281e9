"""Pre-tokenised, lower-cased and listed text gives the sentences of its running form, from
every entry point: the summarisers reading a file and the eval systems reading a reference set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED

from eval.metrics.rouge import RougeMetric
from eval.references import ReferenceItem
from eval.systems import summarizer_outputs
from summarize.sentences import detokenize_article, looks_tokenized, split_sentences
from summarize.sources import read_article
from summarize.summarizers import get_summarizer, summarize_article

REFSET = SHARED / "data/refsets/summeval_cnndm_test100.jsonl"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Merson said his team 's draw was fair . 'It was n't easy , ' he said .", True),
        ("-lrb- cnn -rrb- -- the team won . fans cheered .", True),
        ("He said `` we won '' on Monday .", True),
        ("Mr. Smith went to Washington, D.C., on Monday. He said he didn't know.", False),
        ("The team's coach said: « We won ! » and left.", False),
        ("Ціни зросли на 3,5 % у травні. Уряд сказав , що діятиме.", False),
        ("", False),
    ],
)
def test_tokenized_text_is_recognised(text: str, expected: bool) -> None:
    assert looks_tokenized(text) is expected


def test_tokenized_text_splits_as_its_running_form() -> None:
    raw = (
        "Paul Merson has restarted his row with Andros Townsend . 'Just been watching the game ,"
        " did you miss the coach ? ' Merson put on Twitter . 'It 's not as though I was "
        "watching hoping he would n't score , ' Merson said . Townsend hit back -lrb- again -rrb- ."
    )
    expected = [
        "Paul Merson has restarted his row with Andros Townsend.",
        "'Just been watching the game, did you miss the coach?' Merson put on Twitter.",
        "'It's not as though I was watching hoping he wouldn't score,' Merson said.",
        "Townsend hit back (again).",
    ]
    assert split_sentences(raw, "en") == expected
    assert split_sentences(detokenize_article(raw), "en") == expected
    assert split_sentences(raw.lower(), "en") == [sentence.lower() for sentence in expected]


def test_lower_cased_quotes_split_like_cased_ones() -> None:
    text = "he said: 'it is true. it is a formal offer.' muto scored 13 times."
    assert split_sentences(text, "en") == [
        "he said: 'it is true.",
        "it is a formal offer.'",
        "muto scored 13 times.",
    ]


def test_list_items_are_sentences_of_their_own() -> None:
    text = "Key points:\n• Prices rose 3.5% in May\n• Wages fell\n- Rates stay\n2) Fourth\nEnd."
    assert split_sentences(text, "en") == [
        "Key points:",
        "• Prices rose 3.5% in May",
        "• Wages fell",
        "- Rates stay",
        "2) Fourth\nEnd.",
    ]


@pytest.fixture(scope="module")
def summeval_articles() -> list[dict[str, str]]:
    if not REFSET.exists():
        pytest.skip(f"reference data not found: {REFSET} (shared/data is not checked out)")
    lines = REFSET.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_summarize_reads_tokenized_and_detokenized_files_alike(
    summeval_articles: list[dict[str, str]], tmp_path: Path
) -> None:
    """The 100 SummEval articles as published (tokenised) and detokenised, read from a file
    like ``headline summarize FILE``: the same lead-3 and textrank sentences, the same lead-3
    as the eval system gives, hence the same lead-3 ROUGE-1."""
    lead, textrank = get_summarizer("lead"), get_summarizer("textrank")
    forms: dict[str, list[str]] = {"tokenized": [], "detokenized": [], "eval": []}
    for record in summeval_articles:
        summaries = {}
        for form, text in (
            ("tokenized", record["article"]),
            ("detokenized", detokenize_article(record["article"])),
        ):
            path = tmp_path / f"{form}.txt"
            path.write_text(text, encoding="utf-8")
            article = read_article(str(path))
            summaries[form] = summarize_article(article, textrank)
            forms[form].append("\n".join(summarize_article(article, lead)))
        assert summaries["tokenized"] == summaries["detokenized"], record["id"]
    items = [ReferenceItem(r["id"], r["article"], [r["reference"]]) for r in summeval_articles]
    forms["eval"] = summarizer_outputs(lead, "en", 3)(items)
    assert forms["tokenized"] == forms["detokenized"] == forms["eval"]
    metric = RougeMetric("en", sentence_splitter=lambda text: split_sentences(text, "en"))
    targets = [item.references for item in items]
    rouge1 = {
        form: metric.score(metric.example_stats(texts, targets))["rouge1"]
        for form, texts in forms.items()
    }
    assert rouge1["tokenized"] == rouge1["detokenized"] == rouge1["eval"]
    assert rouge1["tokenized"] > 42.0, rouge1


def test_all_caps_headline_and_dateline() -> None:
    text = (
        "POLICE HUNT GUNMAN AFTER CITY CENTRE SHOOTING\n\n"
        "LONDON, England (Reuters) -- Police were hunting a gunman on Monday. He fled on foot.\n\n"
        "WASHINGTON (AP) — THE SENATE PASSED THE BILL AT 10:30. MR. SMITH SAID SO."
    )
    assert split_sentences(text, "en") == [
        "POLICE HUNT GUNMAN AFTER CITY CENTRE SHOOTING",
        "LONDON, England (Reuters) -- Police were hunting a gunman on Monday.",
        "He fled on foot.",
        "WASHINGTON (AP) — THE SENATE PASSED THE BILL AT 10:30.",
        "MR. SMITH SAID SO.",
    ]
