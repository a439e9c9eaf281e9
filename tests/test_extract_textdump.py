"""Text dumps: the story alone out of a copied page, by generic line signals."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import REPO, SAMPLE_PAGE
from hypothesis import given, settings
from hypothesis import strategies as st

import cli
from eval.extraction import hard_wrapped
from summarize import ExtractionError, SummarizeError
from summarize.extract import extract
from summarize.extract.metadata import (
    is_date_line,
    parse_byline,
    parse_copyright_owner,
    parse_date,
)
from summarize.extract.textdump import DumpOptions, _lines, extract_text_dump

CALIBER = SAMPLE_PAGE
CALIBER_LINES = CALIBER.read_text(encoding="utf-8").splitlines()
CALIBER_TITLE = "Drumsticks, not diplomacy, steal show at Japan–South Korea summit"

RUSSIAN_DUMP = "\n".join(
    [
        "Главная",
        "Новости",
        "Политика",
        "Экономика",
        "Войти",
        "EN",
        "Share",
        "Совет утвердил бюджет города Видео",
        "15 января 2026, 14:05",
        "Городской совет во вторник утвердил новый бюджет после долгого спора о школах, "
        "дорогах и будущем библиотеки.",
        "Депутаты заявили, что план увеличит расходы на ремонт на десять процентов в "
        "следующем году.",
        "Мэр предупредил, что деньги придётся взять из платы за парковку, и жители "
        "разделились во мнениях.",
        "Автор: Иван Петров",
        "Просмотров: 120",
        "Поделиться",
        "Copy link",
        "Все права защищены © 2026",
    ]
)

COMMENTS_DUMP = "\n".join(
    [
        "Menu",
        "Search",
        "Ferry service resumes after storm",
        "By Jane Doe",
        "March 3, 2025 at 10:15 am",
        "The island ferry resumed service on Monday after three days of cancellations "
        "caused by the storm that hit the coast.",
        "Operators said the first boats were full by seven in the morning, and extra "
        "crossings were added for the afternoon.",
        "Harbour officials warned that timetables could still change if the wind picks "
        "up again later in the week.",
        "12 comments",
        "sailor_42",
        "2 hours ago",
        "Finally! I have been waiting to get back home since Friday, and the airline "
        "prices were absurd all weekend long.",
        "Reply",
        "Likes: 3",
        "mia.k",
        "3 hours ago",
        "They should have added more crossings much earlier, the queue was already huge "
        "before six this morning honestly.",
        "Reply",
        "Likes: 1",
        "© 2025 Coast News",
    ]
)


def test_caliber_page_gives_exactly_the_story() -> None:
    article = extract(CALIBER.read_text(encoding="utf-8"))
    body = [line for line in CALIBER_LINES[28:49] if line.strip()]
    assert article.title == CALIBER_TITLE
    assert article.date == "2026-01-15T08:54"
    assert article.authors == ["Sabina Mammadli"]
    assert article.site == "Caliber.az"
    assert article.paragraphs == body
    assert len(body) == 11
    assert body[0].startswith("After a day of intense discussions")
    assert body[-1].endswith("relationship between our countries.”")
    assert article.language == "en"


def test_caliber_example_copy_is_the_fixture() -> None:
    example = REPO / "examples" / "caliber-drumsticks-page.txt"
    assert example.read_bytes() == CALIBER.read_bytes()


def test_russian_page_with_russian_ui() -> None:
    article = extract(RUSSIAN_DUMP)
    assert article.title == "Совет утвердил бюджет города"
    assert article.date == "2026-01-15T14:05"
    assert article.authors == ["Иван Петров"]
    assert len(article.paragraphs) == 3
    assert article.paragraphs[0].startswith("Городской совет")
    assert article.language == "ru"


def test_comment_thread_after_the_story_is_left_out() -> None:
    article = extract(COMMENTS_DUMP)
    assert article.title == "Ferry service resumes after storm"
    assert article.authors == ["Jane Doe"]
    assert article.date == "2025-03-03T10:15"
    assert [p.split()[0] for p in article.paragraphs] == ["The", "Operators", "Harbour"]


def test_lines_in_another_script_are_dropped() -> None:
    lines = [*CALIBER_LINES[:40], "Ссылка скопирована в буфер обмена", *CALIBER_LINES[40:]]
    article = extract("\n".join(lines))
    assert all("Ссылка" not in paragraph for paragraph in article.paragraphs)
    assert len(article.paragraphs) == 11


def test_a_copied_passage_is_kept_once() -> None:
    """The story's opening paragraphs again further down (a hidden print copy, a teaser)."""
    copied = [*CALIBER_LINES[:34], *CALIBER_LINES[28:32], *CALIBER_LINES[34:]]
    paragraphs = extract("\n".join(copied)).paragraphs
    assert paragraphs == extract(CALIBER.read_text(encoding="utf-8")).paragraphs


@pytest.mark.parametrize("copies", [2, 3])
def test_a_paragraph_said_again_on_its_own_is_kept(copies: int) -> None:
    repeated = [*CALIBER_LINES[:30], *[CALIBER_LINES[28]] * (copies - 1), *CALIBER_LINES[30:]]
    assert extract("\n".join(repeated)).paragraphs.count(CALIBER_LINES[28]) == copies


@pytest.mark.parametrize(
    "content",
    ["Home\nNews\nSport\nLogin", "Views: 97\nShare\nprint\ncopy link", "word"],
    ids=["menu", "ui", "one-word"],
)
def test_no_story_is_an_extraction_error(content: str) -> None:
    with pytest.raises(ExtractionError, match="no article"):
        extract_text_dump(content)


def test_long_article_is_kept_whole() -> None:
    sentence = "The committee met again on Thursday to discuss the long report on water quality."
    paragraphs = [f"Item {n}. " + " ".join([sentence] * 5) for n in range(300)]  # 20,000 words
    article = extract("Menu\nLogin\n" + "\n\n".join(paragraphs) + "\n© 2026 Site")
    assert article.paragraphs == paragraphs


LINE = st.lists(
    st.sampled_from(
        [
            "the",
            "council",
            "said",
            "Views:",
            "97",
            "Share",
            "By",
            "Jane",
            "Doe",
            "2026",
            "January",
            "15",
            "08:54",
            "Москва",
            "Հայաստան",
            "©",
            "—",
            "news",
            "and",
            "of",
        ]
    ),
    max_size=30,
).map(lambda words: " ".join(words) + ("." if len(words) % 3 else ""))


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=40))
def test_fuzz_body_is_made_of_input_lines_or_runs_of_them(lines: list[str]) -> None:
    content = "\n".join(lines)
    try:
        article = extract_text_dump(content)
    except SummarizeError:
        return
    words = [line.split() for line in content.splitlines()]
    runs = {  # a paragraph is one input line or a wrapped paragraph: consecutive input lines
        tuple(word for line in words[start:end] for word in line)
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    }
    assert article.paragraphs
    assert all(tuple(paragraph.split()) in runs for paragraph in article.paragraphs)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=2000))
def test_fuzz_any_text_raises_only_our_errors(content: str) -> None:
    try:
        article = extract(content)
    except SummarizeError:
        return
    assert article.paragraphs
    assert all(paragraph.strip() for paragraph in article.paragraphs)


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_cli_extract_writes_each_format(tmp_path: Path, fmt: str) -> None:
    output = tmp_path / f"story.{fmt}"
    arguments = ["extract", str(CALIBER), "--format", fmt, "-o", str(output)]
    result = CliRunner().invoke(cli.main, arguments)
    assert result.exit_code == 0, result.output
    written = output.read_text(encoding="utf-8")
    if fmt == "json":
        record = json.loads(written)
        assert record["title"] == CALIBER_TITLE
        assert record["date"] == "2026-01-15T08:54"
        assert record["authors"] == ["Sabina Mammadli"]
        assert record["url"] is None and record["language"] == "en"
        assert len(record["paragraphs"]) == 11
    else:
        assert "Drumsticks, not diplomacy" in written and "Sabina Mammadli" in written
        assert "Views: 97" not in written and "copy link" not in written


def test_cli_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(cli.main, ["extract", str(CALIBER), "--format", "pdf"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


STORY_LINES = {
    "emoji": [
        "Fans cheer as the local team wins the cup 🎉🏆 after a dramatic penalty shoot-out.",
        "The coach said the players had trained for this moment all season long 💪 and it showed.",
    ],
    "right-to-left": [
        "הממשלה אישרה הבוקר את התקציב החדש לאחר דיון ארוך על בתי הספר, הכבישים והספרייה הציבורית.",
        "חברי הכנסת אמרו כי התוכנית תגדיל את ההוצאה על תיקונים בעשרה אחוזים בשנה הבאה.",
    ],
    "control-chars": [
        "The council\x07 approved a new budget on Tuesday after a long debate about the schools.",
        "Residents\x1b asked for another public hearing before the first payments in spring.",
    ],
    "armenian": [
        "Քաղաքային խորհուրդը երեքշաբթի օրը հաստատեց նոր բյուջեն դպրոցների և ճանապարհների մասին "
        "երկար քննարկումից հետո։",
        "Բնակիչները խնդրեցին ևս մեկ հանրային լսում անցկացնել մինչև գարնանային առաջին վճարումները։",
    ],
    "japanese": [  # written without spaces: a sentence is one run of word characters
        "市議会は火曜日、学校と道路の修理に関する長い議論の末に新しい予算を承認しました。",
        "住民たちは春の最初の支払いの前に、もう一度公聴会を開くよう求めました。",
    ],
    "chinese": [
        "市议会周二在就学校和道路维修进行长时间辩论后批准了新的预算。",
        "居民们要求在春季第一笔付款之前再举行一次公开听证会。",
    ],
}
EXPECTED_LANGUAGE = {
    "emoji": "en",
    "right-to-left": "he",
    "control-chars": "en",
    "armenian": "hy",
    "japanese": "ja",
    "chinese": "zh",
}


@pytest.mark.parametrize("case", list(STORY_LINES))
def test_unusual_text_still_gives_the_story(case: str) -> None:
    lines = STORY_LINES[case]
    article = extract("\n".join(["Menu", "Login", *lines, "Share", "© 2026"]))
    printable = ["".join(char for char in line if char.isprintable()) for line in lines]
    assert [p.split() for p in article.paragraphs] == [line.split() for line in printable]
    assert article.language == EXPECTED_LANGUAGE[case]


def test_page_code_does_not_decide_the_story_s_script() -> None:
    """A copied Japanese page whose advert code holds more Latin words than its story."""
    code = '<div class="ad"><img src="http://ads.example/b?P=' + " x" * 80 + '"></div>'
    lines = STORY_LINES["japanese"]
    assert extract("\n".join(["ニュース", code, *lines, "ヘルプ"])).paragraphs == lines


@pytest.mark.parametrize(
    ("line", "iso", "date_line"),
    [
        ("15 January 2026 08:54", "2026-01-15T08:54", True),
        ("Updated: 18 Nov 2019 9:38 pm", "2019-11-18T21:38", True),
        ("11.14.2019 09:00 AM", "2019-11-14T09:00", True),
        ("15 января 2026, 14:05", "2026-01-15T14:05", True),
        ("2019-11-18T07:45:00Z", "2019-11-18T07:45", True),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", "2019-11-18T07:45", True),
        ("The meeting on March 3, 2025 went on for hours by the river", "2025-03-03", False),
        ("31 February 2026", None, False),
        ("Views: 97", None, False),
    ],
)
def test_dates_in_lines(line: str, iso: str | None, date_line: bool) -> None:
    assert parse_date(line) == iso
    assert is_date_line(line) is date_line


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("By Sabina Mammadli", ["Sabina Mammadli"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Автор: Иван Петров", ["Иван Петров"]),
        ("Monday November 18, 2019 7:45 am PST by Joe Rossignol", ["Joe Rossignol"]),
        ("By the way, this is great", []),
        ("Bystanders said the fire spread fast", []),
    ],
)
def test_bylines(line: str, authors: list[str]) -> None:
    assert parse_byline(line) == authors


def test_title_is_the_headline_that_matches_the_story() -> None:
    teasers = ["Mayor opens new bridge downtown", "Weather: storms expected on Friday"]
    dump = "\n".join([*teasers, *COMMENTS_DUMP.splitlines()])
    assert extract(dump).title == "Ferry service resumes after storm"


@pytest.mark.parametrize(
    ("line", "owner"),
    [
        ("Caliber.az © 2026. .", "Caliber.az"),
        ("© 2026 Example News. All rights reserved.", "Example News"),
        ("Copyright 2019-2024 The Guardian", "The Guardian"),
        ("COPYRIGHT © 2025 ABC News Internet Ventures.", "ABC News Internet Ventures"),
        ("© Новости Армении 2026", "Новости Армении"),
        ("© 2026", None),
        ("All rights reserved ©", None),
        ("He said the copyright law is unfair to Many Writers today", None),
    ],
)
def test_copyright_lines_name_the_site(line: str, owner: str | None) -> None:
    assert parse_copyright_owner(line) == owner


def test_story_is_kept_across_an_advert_and_a_read_more_line() -> None:
    paragraphs = [
        f"Paragraph {index} of the report says the council will review the water plan "
        "again next spring after the long public consultation ends."
        for index in range(5)
    ]
    dump = "\n".join(
        [
            "Water plan delayed again",
            *paragraphs[:3],
            "Advertisement",
            "Read more: Council elects a new chair",
            *paragraphs[3:],
            "© 2026 Example News",
        ]
    )
    assert extract(dump).paragraphs == paragraphs


def test_hard_wrapped_paragraphs_are_joined_back() -> None:
    wrapped = [
        "The council approved the new budget on Tuesday",
        "after a long debate about schools, roads and",
        "the price of water in the older districts.",
    ]
    second = [
        "Members of the public spoke for an hour",
        "before the vote, most of them in favour.",
    ]
    page = ["Home", "News", "Council approves budget", *wrapped, "", *second, "© 2026"]
    content = "\n".join(page)
    article = extract_text_dump(content)
    assert article.paragraphs == [" ".join(wrapped), " ".join(second)]
    assert article.title == "Council approves budget"


def test_a_sentence_split_at_its_links_and_bold_words_is_joined_back() -> None:
    nodes = [
        "The budget was approved on Tuesday by",
        "Mayor Jane Doe",
        ", who told the",
        "City Council",
        "that the first classrooms would open in the autumn of next year.",
    ]
    page = ["Home", "News", "Council approves budget", "", *nodes, "", "© 2026"]
    assert extract_text_dump("\n".join(page)).paragraphs == [
        "The budget was approved on Tuesday by Mayor Jane Doe , who told the City Council that "
        "the first classrooms would open in the autumn of next year."
    ]


@pytest.mark.parametrize(
    "pieces",
    [
        ["Posted by: jane, springfield on 8:21pm Tue 1 Jan 08", "as long as he reads it first."],
        ["Paid political ads are not the problem. Our perceptions are", "Could we do better?"],
        ["Advertisement", "operate all of its long-haul flights from the airport on Friday."],
    ],
    ids=["byline-and-comment", "headline-and-teaser", "advert-label"],
)
def test_lines_that_only_look_wrapped_stay_apart(pieces: list[str]) -> None:
    prose = "The council approved the new budget on Tuesday after a long debate in the hall."
    content = "\n".join([prose, "", *pieces, "", prose.replace("Tuesday", "Monday")])
    lines = [line.text for line in _lines(content)]
    assert all(piece in lines for piece in pieces if piece.strip())


def test_a_row_of_archive_links_does_not_outweigh_a_short_story() -> None:
    story = [
        "The council approved the new budget on Tuesday after a long debate about schools.",
        "Members of the public spoke for an hour before the vote, most of them in favour.",
        "The mayor said the first new classrooms would open in the autumn of next year.",
    ]
    months = ["November", "October", "September", "August", "July", "June", "May", "April"]
    archive = " ".join(
        f"{month} {year} ({n})" for year in range(2009, 2013) for n, month in enumerate(months, 3)
    )
    tags = " ".join(f"Tag{n} Design Architecture Furniture Lighting" for n in range(14))
    content = "\n".join(["Home", "Council approves budget", *story, "", "Archives", archive, tags])
    assert extract_text_dump(content).paragraphs == story


def test_long_lines_count_as_prose_in_a_language_without_stop_words() -> None:
    finnish = (
        "Kaupunginvaltuusto hyväksyi tiistaina uuden talousarvion pitkän keskustelun jälkeen "
        "koulujen, teiden sekä vesihuollon rahoituksesta vanhoilla asuinalueilla"
    )
    article = extract_text_dump("\n".join(["Etusivu", "Uutiset", finnish, finnish + " tänään"]))
    assert article.paragraphs == [finnish, finnish + " tänään"]


THREAD = [
    "I read the whole report last night and I think the council got most of it right this time.",
    "The schools in the north of the city have waited for new classrooms for far too many years.",
    "My daughter goes to one of them and the roof has been leaking since the spring of last year.",
    "Nobody asked the people who live near the new road what they think about all that traffic.",
]


def test_a_long_comment_thread_does_not_replace_a_short_story() -> None:
    story = [
        "The council approved the new budget on Tuesday after a long debate about schools.",
        "Members of the public spoke for an hour before the vote, most of them in favour.",
        "The mayor said the first new classrooms would open in the autumn of next year.",
    ]
    page = ["Home", "Council approves budget", *story, "Share", "12 comments", *THREAD]
    assert extract_text_dump("\n".join(page)).paragraphs == story
    rule_off = DumpOptions(above_comments_share=1.0)
    assert extract_text_dump("\n".join(page), options=rule_off).paragraphs[0] == THREAD[0]


def test_a_comments_link_in_the_page_header_does_not_pull_in_the_menu() -> None:
    content = "\n".join(["Home", "Comments (3)", "Council approves budget", *THREAD])
    assert extract_text_dump(content).paragraphs == THREAD


GALLERY = [
    line for n in range(1, 13) for line in (f"Photo {n} of 12", "Previous", "Next")
]
FIRST_HALF = [
    "The council approved the new budget on Tuesday after a long debate about schools.",
    "Members of the public spoke for an hour before the vote, most of them in favour.",
]
SECOND_HALF = [
    "The mayor said the first new classrooms would open in the autumn of next year.",
    "Work on the roads will start in the spring, once the contracts have been signed.",
]


def test_a_story_continues_past_a_gallery_inside_it() -> None:
    page = ["Home", "Council approves budget", *FIRST_HALF, *GALLERY[:18], *SECOND_HALF]
    assert extract_text_dump("\n".join(page)).paragraphs == FIRST_HALF + SECOND_HALF
    rule_off = DumpOptions(split_run_gap=0)
    assert extract_text_dump("\n".join(page), options=rule_off).paragraphs == FIRST_HALF


CODE_LISTING = [
    "def mean(values):",
    "return sum(values) / len(values)",
    "average = mean([2, 3, 5])",
    "┌──────┬──────┐",
]


def test_a_code_listing_inside_a_technical_article_does_not_split_it() -> None:
    page = ["Home", "Council approves budget", *FIRST_HALF, *CODE_LISTING, *SECOND_HALF]
    assert extract_text_dump("\n".join(page)).paragraphs == FIRST_HALF + CODE_LISTING + SECOND_HALF


INTRODUCTION = "The budget pays for these projects in the old town over two years:"
PROJECTS = ["Three new classrooms", "A library on Mill Street", "Repairs to the harbour wall"]


def test_a_list_the_story_introduces_stays_in_it() -> None:
    rule_off = DumpOptions(split_run_gap=0)
    page = ["Home", "Budget day", *FIRST_HALF, INTRODUCTION, *PROJECTS, *SECOND_HALF, "Home"]
    story = [*FIRST_HALF, INTRODUCTION, *PROJECTS, *SECOND_HALF]
    assert extract_text_dump("\n".join(page), options=rule_off).paragraphs == story


@pytest.mark.parametrize(
    ("introduction", "items"),
    [
        ("Related stories:", PROJECTS),  # a teaser list under a heading, not under prose
        (INTRODUCTION, ["Name:", "E-mail:", "Website:"]),  # a form's labels
        (INTRODUCTION, [*PROJECTS, "Comments (2)"]),  # a comment section
        (INTRODUCTION, [f"Project number {n}" for n in range(41)]),  # a teaser list
    ],
    ids=["no-prose-introduction", "form-labels", "comment-header", "too-long"],
)
def test_short_lines_that_are_no_story_list_still_break_it(
    introduction: str, items: list[str]
) -> None:
    rule_off = DumpOptions(split_run_gap=0)
    page = ["Home", "Budget day", *FIRST_HALF, introduction, *items, *SECOND_HALF, "Home"]
    paragraphs = extract_text_dump("\n".join(page), options=rule_off).paragraphs
    assert not set(items) & set(paragraphs)
    assert paragraphs[:2] == FIRST_HALF


def test_pagination_arrows_and_separators_are_not_code() -> None:
    rule_off = DumpOptions(split_run_gap=0)
    listing = ["Home", "Council approves budget", *FIRST_HALF, *CODE_LISTING, *SECOND_HALF]
    kept = extract_text_dump("\n".join(listing), options=rule_off).paragraphs
    assert kept == FIRST_HALF + CODE_LISTING + SECOND_HALF
    junk = ["<<", "< 1 2 3 >", ">>", "=====", ";-)"]
    page = ["Home", "Council approves budget", *FIRST_HALF, *junk, *SECOND_HALF]
    assert extract_text_dump("\n".join(page), options=rule_off).paragraphs == FIRST_HALF


QUERY_OUTPUT = ["       avg", "─" * 20, "4.3333333333333333", "", "      stddev", "3.08"]


def _with_output_listing(indent: str) -> str:
    """A copied technical article: paragraphs a blank line apart, a query's output between."""
    opening = "\n\n".join(indent + line for line in ["Home", "Budget day", *FIRST_HALF])
    listing = "\n".join(indent + line if line else line for line in QUERY_OUTPUT)
    return f"{opening}\n\n{listing}\n\n" + "\n\n".join(indent + line for line in SECOND_HALF)


def test_an_indented_block_is_a_listing_its_output_lines_included() -> None:
    rule_off = DumpOptions(split_run_gap=0)
    page = _with_output_listing("")
    kept = extract_text_dump(page, options=rule_off).paragraphs
    assert kept[: len(FIRST_HALF)] == FIRST_HALF and kept[-len(SECOND_HALF) :] == SECOND_HALF
    flattened = "\n".join(line.strip() for line in page.splitlines())
    assert extract_text_dump(flattened, options=rule_off).paragraphs == FIRST_HALF


def test_a_dump_indented_throughout_or_without_blank_lines_reads_as_if_flat() -> None:
    def flat(page: str) -> str:
        return "\n".join(line.strip() for line in page.splitlines())

    indented = _with_output_listing("   ")  # a terminal browser's layout
    unspaced = "\n".join(line for line in _with_output_listing("").splitlines() if line)
    rule_off = DumpOptions(split_run_gap=0)
    for page in (indented, unspaced):  # the second: text taken node by node
        kept = extract_text_dump(page, options=rule_off).paragraphs
        assert kept == extract_text_dump(flat(page), options=rule_off).paragraphs
        assert kept[-1] not in SECOND_HALF


TRENDING = ["Trending News", *(f"Other story number {n} in the news today" for n in range(4))]
LONGER_HALF = [
    *SECOND_HALF,
    "Parents welcomed the plan but asked the council to publish a timetable for each school.",
]


def test_a_story_starts_above_a_widget_under_its_opening_paragraphs() -> None:
    page = ["Home", "Council approves budget", *FIRST_HALF, *TRENDING, *LONGER_HALF]
    assert extract_text_dump("\n".join(page)).paragraphs == FIRST_HALF + LONGER_HALF
    rule_off = DumpOptions(split_run_gap=0)
    assert extract_text_dump("\n".join(page), options=rule_off).paragraphs == LONGER_HALF


def test_prose_above_a_dated_story_stays_out_of_it() -> None:
    page = [*FIRST_HALF, *TRENDING, "March 4, 2025", "Council approves budget", *LONGER_HALF]
    assert extract_text_dump("\n".join(page)).paragraphs == LONGER_HALF
    undated = [line for line in page if line != "March 4, 2025"]
    assert extract_text_dump("\n".join(undated)).paragraphs == FIRST_HALF + LONGER_HALF


@pytest.mark.parametrize(
    "divider",
    [["Leave a reply"], ["March 4, 2025"], ["By John Smith"]],
    ids=["comment header", "date of the next story", "byline of the next story"],
)
def test_a_story_does_not_continue_past_a_comment_header_date_or_byline(
    divider: list[str],
) -> None:
    page = ["Home", "Council approves budget", *FIRST_HALF, *GALLERY[:6], *divider, *SECOND_HALF]
    assert extract_text_dump("\n".join(page)).paragraphs == FIRST_HALF


def test_a_story_does_not_continue_far_below_its_end_or_into_weak_prose() -> None:
    far = ["Home", "Council approves budget", *FIRST_HALF, *GALLERY, *SECOND_HALF]
    assert extract_text_dump("\n".join(far)).paragraphs == FIRST_HALF
    teaser = "Ferry service resumes after the storm, officials said on Monday morning."
    weak = ["Home", "Council approves budget", *FIRST_HALF, *GALLERY[:6], teaser]
    assert extract_text_dump("\n".join(weak)).paragraphs == FIRST_HALF


WRAPPED_STORY = [
    "The council of Springfield met Mayor Jane Doe and Governor John Smith on Tuesday in the "
    "Town Hall, where Members of the North County Board of Education asked for New Classrooms "
    "in Springfield.",
    "Members of the public spoke for an hour before the vote, and most of them were in favour "
    "of the plan that the Springfield Roads Department and the National Heritage Fund drew up "
    "in March.",
    "The mayor said that the first new classrooms would open in the autumn of next year and "
    "that work on Main Street and Ocean Avenue would start in the spring, once the contracts "
    "are signed.",
]
"""Names put capitals at the start of wrapped lines mid-sentence, as in any news story."""


def _page(story: list[str]) -> str:
    menu = ["Home", "News", "Politics", "Sport", "Log in"]
    return "\n".join([*menu, "", "Council approves budget", "", "\n\n".join(story), "", "Share"])


def test_a_hard_wrapped_dump_reads_as_its_unwrapped_page() -> None:
    wrapped = hard_wrapped(_page(WRAPPED_STORY), width=60)
    lines = wrapped.splitlines()
    assert max(len(line) for line in lines) <= 60
    assert any(
        line[0].isupper() and not previous.endswith(".")
        for previous, line in itertools.pairwise(lines)
        if previous and line
    )
    assert extract_text_dump(wrapped).paragraphs == WRAPPED_STORY
    assert extract_text_dump(wrapped).title == "Council approves budget"


def test_wrapped_paragraphs_without_blank_lines_between_stay_apart() -> None:
    long_last_line = (
        "Parking fees will rise by ten percent next year to pay for the repairs, the city "
        "treasurer told the council."
    )
    after = "The library will close for two years while the work is done, officials said."
    paragraphs = [*WRAPPED_STORY, long_last_line, after]
    assert len(hard_wrapped(long_last_line, width=60).split("\n")[-1]) >= 60 - 20
    story = "\n".join(hard_wrapped(paragraph, width=60) for paragraph in paragraphs)
    assert extract_text_dump(_page([story])).paragraphs == paragraphs


def test_lines_of_one_length_that_each_start_a_sentence_are_not_joined() -> None:
    story = [
        "The council approved the new budget on Tuesday after a long debate.",
        "Members of the public spoke for an hour before the vote was taken.",
        "The mayor said the first new classrooms would open in the autumn.",
        "Work on the roads will start in the spring once contracts are signed.",
        "Parking fees will rise by ten percent to pay for the new library.",
        "Residents were divided, and some said they would challenge the plan.",
    ]
    assert extract_text_dump(_page(["\n".join(story)])).paragraphs == story


def test_a_page_of_headlines_of_one_length_is_not_read_as_hard_wrapped() -> None:
    headlines = [
        "Council approves the new budget after a long debate on schools",
        "Members of the public speak for an hour before the final vote",
        "Mayor says first new classrooms will open in autumn next year",
        "Work on the roads to start in spring once contracts are signed",
        "Parking fees to rise by ten percent to pay for the new library",
        "Residents divided as some say they will challenge the new plan",
    ]
    assert [line.text for line in _lines("\n".join(headlines))] == headlines
