"""Russian and Armenian articles, written for this test, summarise into whole sentences of the
article: abbreviations, initials, guillemets, the Armenian full stop, times and decimals never
split a sentence."""

from __future__ import annotations

import pytest

from summarize.article import Article
from summarize.sentences import split_sentences
from summarize.summarizers import get_summarizer, summarize_article
from summarize.summarizers.stopwords import stop_words

RUSSIAN = [
    "В 2023 г. городской совет Еревана утвердил новый план развития общественного транспорта.",
    "По словам мэра, т. е. главы городской администрации, работы начнутся в 10:30 в понедельник.",
    "Проект поддержал министр А. С. Петров, назвав его «важным шагом для всей страны».",
    "Стоимость программы составит 3,5 млрд драмов, а её первый этап займёт около 1.5 года.",
    "«Мы ждали этого решения десять лет», — сказала жительница района Нор-Норк.",
    "Эксперты считают, что новый транспорт сократит пробки в центре города почти вдвое.",
    "Обсуждение плана продолжится на следующей неделе в здании мэрии.",
]
ARMENIAN = [
    "Երևանի ավագանին 2023 թ. հաստատեց հասարակական տրանսպորտի զարգացման նոր ծրագիրը։",
    "Վարչապետ Ն. Փաշինյանի խոսքով՝ աշխատանքները կսկսվեն երկուշաբթի ժամը 10:30-ին։",
    "Ծրագիրը կարժենա 3.5 միլիարդ դրամ, իսկ առաջին փուլը կտևի մոտ 1,5 տարի։",
    "«Մենք տասը տարի սպասում էինք այս որոշմանը», — ասաց Նոր Նորքի բնակիչը։",
    "Փորձագետների կարծիքով՝ նոր տրանսպորտը կկրճատի խցանումները քաղաքի կենտրոնում։",
    "Ծրագրի քննարկումը կշարունակվի հաջորդ շաբաթ քաղաքապետարանի շենքում։",
]
ARTICLES = {"ru": RUSSIAN, "hy": ARMENIAN}


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize("given", [True, False], ids=["language-given", "language-guessed"])
def test_sentences_survive_abbreviations_quotes_times_and_decimals(
    language: str, given: bool
) -> None:
    sentences = ARTICLES[language]
    assert split_sentences(" ".join(sentences), language if given else None) == sentences


@pytest.mark.parametrize("language", sorted(ARTICLES))
@pytest.mark.parametrize("method", ["lead", "textrank"])
@pytest.mark.parametrize("count", [1, 3])
def test_summaries_are_whole_sentences_in_article_order(
    language: str, method: str, count: int
) -> None:
    sentences = ARTICLES[language]
    article = Article(title=None, paragraphs=[" ".join(sentences)], language=language)
    summary = summarize_article(article, get_summarizer(method), count)
    assert len(summary) == count
    assert all(sentence in sentences for sentence in summary), summary
    assert summary == sorted(summary, key=sentences.index)


@pytest.mark.parametrize(("language", "word"), [("ru", "что"), ("hy", "և"), ("ru-RU", "и")])
def test_function_words_are_stop_words(language: str, word: str) -> None:
    assert word in stop_words(language)
    assert not stop_words("en")

