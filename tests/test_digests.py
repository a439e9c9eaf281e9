"""headline.digest: the library call behind `headline summarize`, partial translations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
import headline
from headline.digests import summarize_into_digest
from summarize.article import Article

RUSSIAN = (
    "Городской совет утвердил новый бюджет на следующий год после долгого обсуждения.\n\n"
    "Депутаты решили увеличить расходы на общественный транспорт и ремонт дорог.\n\n"
    "Жители района давно просили запустить новые автобусные маршруты до центра.\n\n"
    "Мэр заявил, что первые автобусы выйдут на линии уже весной.\n"
)


@pytest.fixture
def russian_page(tmp_path: Path) -> Path:
    page = tmp_path / "ru-article.txt"
    page.write_text(RUSSIAN, encoding="utf-8")
    return page


def test_digest_of_the_sample_page_without_translation() -> None:
    digest = headline.digest("examples/caliber-drumsticks-page.txt", method="textrank", to=())
    assert digest.title == "Drumsticks, not diplomacy, steal show at Japan–South Korea summit"
    assert digest.method == "textrank" and len(digest.summary) == 3
    assert digest.translations == {} and digest.failed_languages == []


def test_one_language_without_a_model_leaves_the_other_translated(russian_page: Path) -> None:
    digest = headline.digest(str(russian_page), to=("ru", "hy"), method="lead")
    assert digest.language == "ru"
    ru, hy = digest.translations["ru"], digest.translations["hy"]
    assert ru.model == "identity" and ru.error is None
    assert list(ru.summary) == digest.summary
    assert hy.title is None and hy.summary == ()
    assert hy.error is not None and "ru->hy" in hy.error
    assert digest.failed_languages == ["hy"]
    assert "translate:hy" not in digest.models
    assert digest.to_dict()["translations"]["hy"]["error"] == hy.error


def test_summarize_prints_the_partial_digest_and_exits_1(russian_page: Path) -> None:
    result = CliRunner().invoke(
        cli.main, ["summarize", str(russian_page), "--to", "ru,hy", "--method", "lead"]
    )
    assert result.exit_code == 1
    assert "Russian (ru):" in result.stdout and "Armenian (hy):" in result.stdout
    assert "  (not translated: profile 'default' has no model for ru->hy" in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("Error: profile 'default' has no model for ru->hy")
    assert "(nothing translated into hy); the rest is above" in lines[0]
    assert lines[0].endswith("(pass --no-translate to skip translation)")


def test_a_short_model_summary_does_not_blame_the_article() -> None:
    class OneSentence:
        name = "seq2seq"

        def summarize(self, article: Article, sentences: int) -> list[str]:
            return ["A one-sentence abstract."]

    article = Article(title="T", paragraphs=["One. Two. Three. Four."], language="en")
    digest = summarize_into_digest(article, OneSentence(), 3)
    assert digest.warnings == []
    lead = headline.build_summarizer(headline.SummaryOptions("lead"))
    short = Article(title="T", paragraphs=["Only one sentence here."], language="en")
    assert summarize_into_digest(short, lead, 3).warnings == [
        "the article has only 1 sentence(s); 3 were asked for"
    ]
