"""The story inside a plain-text copy of a whole web page.

Copying a page from a browser gives every visible line: menus, share buttons, counters,
cookie and copyright notices around the story. Hard-wrapped paragraphs are joined back,
then each line is scored on generic signals (length, sentence punctuation, stop words, UI
patterns, markup, script); the body is the first dense run of prose lines (a maximum-sum
segment) that is not part of a comment thread, the title the headline-like line above it
that shares most words with the story, the date and authors come from date lines and
bylines nearby. Nothing here knows any particular site.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from summarize.article import Article
from summarize.errors import ExtractionError
from summarize.extract.length import has_cjk, word_count
from summarize.extract.metadata import (
    is_date_line,
    parse_byline,
    parse_copyright_owner,
    parse_date,
    strip_badges,
)
from summarize.sentences import letter_scripts

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…։。！？:;][\"'”’»)\]]*$")
_UI_LINE = re.compile(
    r"^(?:views?|просмотр\w*|likes?|comments?|shares?|reads?)\s*:?\s*[\d\s.,k]+$|"
    r"^[\d\s.,k]+\s*(?:views?|просмотр\w*|comments?|shares?|likes?)$|"
    r"\bshare\b|\bprint\b|copy link|\bcookies?\b|©|\(c\)\s*\d{4}|all rights reserved|"
    r"\bsubscribe\b|\bsign (?:in|up)\b|\blog ?in\b|newsletter|follow us|read more|"
    r"\badvert(?:isement)?\b|\bsponsored\b|liked the story|skip to|javascript|"
    r"^(?:photo|image|picture|credit|photograph)s?\s*(?::|\.\.\.|…)|\bcredit(?:\.\.\.|…)|"
    r"\bfollow\b.*\b(?:facebook|twitter|instagram|telegram)\b|^\[.*\]$|"
    r"поделиться|скопирован|подписаться|реклама|читайте также|все права защищены",
    re.IGNORECASE,
)
_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_MARKUP_SHARE = 0.5
_CODE_SYMBOLS = frozenset("{}[]<>=;\\`~^")
_CODE_SYMBOL_SHARE = 0.1
_BOX_DRAWING = ("\u2500", "\u257f")  # the first and last of the block's characters
_CODE_CHARACTER = re.compile(
    f"[{re.escape(''.join(sorted(_CODE_SYMBOLS)))}{_BOX_DRAWING[0]}-{_BOX_DRAWING[1]}]"
)
_CODE_STATEMENT = re.compile(r"\w\(|\)\s*[;{]|^\s*[{}]\s*$")
_MIN_CODE_LETTERS = 3
_PREFORMATTED_INDENT = "  "
_MAX_INDENTED_SHARE = 0.5
_COMMENTS_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|reactions?|discussion)(?:\s*\(\d+\))?\s*:?$|"
    r"^(?:leave|post|add|write|submit)\s+(?:a|your)\s+(?:comment|reply|response)|"
    r"^\d+\s+(?:of\s+\d+\s+)?comments?\b|^(?:comments?|responses?)\s+(?:are\s+)?closed|"
    r"^(?:\d+\s+)?(?:thoughts?|responses?|comments?)\s+on\s+[\"“]|"
    r"^join the (?:discussion|conversation)|^комментари|^reply$|^ответить$",
    re.IGNORECASE,
)
_MAX_HEADER_WORDS = 8
_WRAP_MAX_WIDTH = 100
_WRAP_SLACK = 20
_WRAP_OVERHANG = 10
_WRAP_MIN_LINES = 5
_WRAP_BEYOND_SHARE = 0.1
_WRAP_CONTINUED_SHARE = 0.25
_CLOSING_PUNCTUATION = ",.;:!?)]»”’"
_DANGLING_WORD_LIST = (  # articles, prepositions, conjunctions: no sentence ends on one
    "the a an of to in and or for on with by at from и в во с со к у по от из до для о "
    "le la les de des du un une et der die das und mit von zu el los las del por con para"
)
_DANGLING_WORDS = frozenset(_DANGLING_WORD_LIST.split())
_CLOCK_TIME = re.compile(r"\b\d{1,2}:\d{2}(?!\d)")
_STOP_WORD_LIST = (
    "the a an of to in and or is are was were be been has have had it its that this for on "
    "with as by at from not but he she they we you his her their our said will would can "
    "и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только "
    "ее мне было вот от меня еще нет о из ему теперь когда даже ну ли если уже или ни быть был "
    "него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут где есть надо "
    "ей для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто "
    "этот того потому этого какой совсем ним здесь этом один почти мой тем чтобы нее сейчас "
    "и le la les de des du un une et est en que qui dans pour pas sur au der die das und ist "
    "nicht zu den mit von el los las del se por con para una o em os da do no na um uma il di "
    "che per non è yang dan di ke dari ini itu dengan untuk tidak "
    "և է են որ այդ այս մի ու էր իր նա"
)
_STOP_WORDS = frozenset(_STOP_WORD_LIST.split())
_MIN_PROSE_WORDS = 8
_MIN_SENTENCE_WORDS = 4
_MAX_LINE_WORDS = 60
_PROSE_COST = 4.0
_PROSE_STOP_RATIO = 0.15
_STOP_WORD_BONUS = 3.0
_SHORT_SENTENCE_PENALTY = 2.0
_JUNK_PENALTY = 20.0
_BLOCK_SHARE = 0.75
_MAX_RUN_FACTOR = 2
_MAX_GAP_LINES = 2
_MAX_LIST_ITEMS = 40
_MAX_LIST_ITEM_WORDS = 20
_LONG_LINE_WORDS = 15
_MAX_UI_WORDS = 20
_MAX_META_WORDS = 12
_MAX_DATE_LINE_WORDS = 16
_MIN_TITLE_WORDS, _MAX_TITLE_WORDS = 3, 30
_TITLE_WINDOW = 15
_TITLE_BODY_LINES = 3
_ABOVE_META_BONUS = 0.3
_DISTANCE_COST = 0.02
_META_WINDOW = 4


@dataclass(frozen=True)
class DumpOptions:
    """The tuned settings of the text-dump reader (benchmarks/extraction_quality.py checks
    them by leave-one-dataset-out)."""

    above_comments_share: float = 0.5
    """Below a comment section's header, the story is the first run above the header scoring
    at least this share of the best run (1 turns the rule off)."""
    split_run_share: float = 0.5
    """A run of prose across a longer interruption (a gallery, an embedded widget) belongs
    to the story when it scores at least this share of the story's first run..."""
    split_run_gap: int = 20
    """...and lies at most this many lines from the story's end or start (0 turns the rule
    off)."""


Block = tuple[float, int, int]
"""A run of lines: its score, its start and its end."""


@dataclass(frozen=True)
class Line:
    """One non-empty line of the dump and what the classifier sees in it."""

    text: str
    words: int
    """Its length in words; Chinese and Japanese, written without spaces, by characters."""
    sentence_end: bool
    stop_ratio: float
    ui: bool
    meta: bool
    script: str | None
    listing: bool = False
    """A line that neither makes nor breaks a story: a long line without a single stop word
    on a page whose prose has them (a row of archive months, tags or link titles run
    together, not a sentence), or an item of a list the story introduces."""
    code: bool = False
    """A line of a code listing or a drawn table, as a browser copies a ``<pre>`` block: it
    looks like code, or it sits in a block of lines indented as only preformatted text is."""


def extract_text_dump(
    content: str, url: str | None = None, options: DumpOptions | None = None
) -> Article:
    """The article in a text dump; raises ExtractionError when no story is there."""
    lines = _lines(content)
    if not lines:
        raise ExtractionError("no text found")
    script = _main_script(lines)
    lines = _story_lists_marked(lines, script)
    start, end = _densest_block(lines, script, options or DumpOptions())
    body = _body_lines(lines[start:end], script)
    if sum(line.words for line in body) < _MIN_PROSE_WORDS or not any(
        _is_prose(line) for line in body
    ):
        raise ExtractionError("no article found in the text (no paragraph of prose)")
    before = lines[max(0, start - _TITLE_WINDOW) : start]
    after = lines[end : end + _META_WINDOW]
    return Article(
        title=_title(before, body),
        paragraphs=[line.text for line in body],
        url=url,
        site=_site(lines),
        date=_date(before[-_META_WINDOW - 2 :], after),
        authors=_authors(before[-_META_WINDOW - 2 :], after),
    )


def _body_lines(block: list[Line], script: str | None) -> list[Line]:
    """The block without UI, metadata, copied passages and runs of two or more junk lines.

    A single short line between paragraphs is kept (a subheading); two or more in a row are
    an inserted widget ("Trending News" and its links).
    """
    negative = [_line_score(line, script) <= -_JUNK_PENALTY for line in block]
    copies = _copied_passage_lines([line.text for line in block])
    body = []
    for position, line in enumerate(block):
        in_run = negative[position] and (
            (position > 0 and negative[position - 1])
            or (position + 1 < len(block) and negative[position + 1])
        )
        if in_run or line.ui or line.meta or line.script not in (None, script):
            continue
        if position in copies:
            continue
        body.append(line)
    return body


def _copied_passage_lines(texts: list[str]) -> set[int]:
    """Positions of the lines that repeat an earlier passage of the block.

    A page can hold its story twice (a print or mobile copy that html-text sees although the
    browser hides it, a teaser list quoting the story's paragraphs): a line is such a copy
    when it and a neighbour, two different lines, repeat a pair of neighbours seen earlier.
    A single paragraph the text itself says twice, or several times in a row, is part of the
    text and kept. Each pair is looked up once, so a dump repeating a few lines thousands of
    times takes no longer than any other.
    """
    first_seen: dict[tuple[str, str], int] = {}
    copies: set[int] = set()
    for position, pair in enumerate(itertools.pairwise(texts)):
        if pair[0] != pair[1] and first_seen.setdefault(pair, position) < position:
            copies.update((position, position + 1))
    return copies


def _lines(content: str) -> list[Line]:
    """The dump's non-empty lines, hard-wrapped paragraphs joined back into one line each."""
    raws = content.splitlines()
    texts = [_clean_text(raw) for raw in raws]
    width = _wrap_width(texts)
    indented = _indents_preformatted(raws)
    lines: list[Line] = []
    run: list[Line] = []
    preformatted = False
    for raw, text in zip([*raws, ""], [*texts, ""], strict=True):
        if text:
            run.append(_line(text))
            preformatted = preformatted or (indented and raw.startswith(_PREFORMATTED_INDENT))
            continue
        if width:
            run = _reflowed(run, width)
        block = _unwrapped(run)
        lines.extend([replace(line, code=True) for line in block] if preformatted else block)
        run, preformatted = [], False
    return _listings_marked(lines)


def _indents_preformatted(raws: list[str]) -> bool:
    """Whether an indented line marks a ``<pre>`` block, whose lines are code or its output.

    A browser collapses the white space of everything else, so a copied page has indented
    lines only where it shows preformatted text; then a block (lines between blank ones)
    holding one is a listing, its lines of output or identifiers included, and does not
    break the story around it. A single leading space is an inline element's, a tab a table
    cell's. A dump with most of its lines indented (a terminal browser's) is indented by its
    layout, and one without a blank line is no browser copy (a browser puts one between
    paragraphs: this is text taken node by node, indented as the markup's source was); in
    neither does indentation say anything.
    """
    shown = [raw for raw in raws if raw.strip()]
    if len(shown) == len(raws):
        return False
    indented = sum(raw.startswith(_PREFORMATTED_INDENT) for raw in shown)
    return 0 < indented < _MAX_INDENTED_SHARE * len(shown)


def _clean_text(raw: str) -> str:
    return _CONTROL_CHARACTER.sub("", " ".join(raw.split()))


def _wrap_width(texts: list[str]) -> float | None:
    """The column a hard-wrapped dump is cut at, or None when its paragraphs are whole lines.

    ``texts`` are the dump's lines, blank ones included. A page saved as text by a terminal
    browser, or sent as a plain-text e-mail, cuts every paragraph at a fixed width: lines of
    prose end within a word or two of that column, next to no text sits in longer lines, and
    many lines that reach the column go on mid-sentence, the next one starting in lower case
    (a quarter at least, menus and headlines around the prose included). A browser copy keeps
    each paragraph on one line; a page of short menu lines has lines of similar length too,
    but next to none of them goes on in lower case.
    """
    widths = [len(text) for text in texts if len(text.split()) > _MIN_SENTENCE_WORDS]
    if len(widths) < _WRAP_MIN_LINES:
        return None
    width = statistics.quantiles(widths, n=10)[-1]
    beyond = sum(len(text) for text in texts if len(text) > width + _WRAP_OVERHANG)
    if width > _WRAP_MAX_WIDTH or beyond >= _WRAP_BEYOND_SHARE * sum(map(len, texts)):
        return None
    followed = [
        following[0].islower()
        for text, following in itertools.pairwise(texts)
        if following and len(text) >= width - _WRAP_SLACK
    ]
    if len(followed) < _WRAP_MIN_LINES or sum(followed) < _WRAP_CONTINUED_SHARE * len(followed):
        return None
    return width


def _reflowed(run: list[Line], width: float) -> list[Line]:
    """A run of a hard-wrapped dump with each paragraph on one line: a line that reaches the
    wrap column continues into the next; a shorter one ends its paragraph, and so does one
    ending a sentence before a capital (a paragraph whose last line is long, or a sentence
    of a longer one: each piece is whole sentences)."""
    return _regrouped(run, lambda previous, line: _goes_on(previous, line, width), _merged)


def _goes_on(previous: Line, line: Line, width: float) -> bool:
    if not _may_join(previous, line) or len(previous.text) < width - _WRAP_SLACK:
        return False
    return not (previous.sentence_end and line.text[0].isupper())


def _merged(piece: list[Line]) -> list[Line]:
    return [_line(" ".join(line.text for line in piece))] if len(piece) > 1 else piece


def _listings_marked(lines: list[Line]) -> list[Line]:
    """Lines marked as listings when the page's prose is in a language with stop words.

    Only then does a long line with none of them stand out; on a page in a language the
    stop-word list does not cover, no line has any, and none is marked.
    """
    prose = [line.stop_ratio for line in lines if _is_prose(line)]
    if not prose or statistics.median(prose) < _PROSE_STOP_RATIO:
        return lines
    return [
        replace(line, listing=True) if _is_prose(line) and line.stop_ratio == 0 else line
        for line in lines
    ]


def _story_lists_marked(lines: list[Line], script: str | None) -> list[Line]:
    """The lines with the items of each list the story introduces marked as listings.

    A recipe's ingredients, the steps of a how-to, the conditions an essay goes through: a
    run of short lines, each scoring as junk, that would end the story or cut it in two.
    Such a list follows a line of prose ending with a colon and leads back to prose. A UI or
    metadata line, a label ending with a colon (a form's "Name:", a comment's "Rand says:")
    or a comment section's header is no item; a longer run is a teaser list, not the story's.
    """
    marked = list(lines)
    for position in range(1, len(lines)):
        introduction = lines[position - 1]
        if not introduction.text.endswith(":") or _line_score(introduction, script) <= 0:
            continue
        end = position
        while end < len(lines) and end - position < _MAX_LIST_ITEMS and _is_list_item(
            lines[end], script
        ):
            end += 1
        if position < end < len(lines) and _line_score(lines[end], script) > 0:
            marked[position:end] = [replace(line, listing=True) for line in lines[position:end]]
    return marked


def _is_list_item(line: Line, script: str | None) -> bool:
    return (
        _line_score(line, script) < 0
        and not (line.ui or line.meta or _is_comments_header(line))
        and line.words <= _MAX_LIST_ITEM_WORDS
        and not line.text.endswith(":")
    )


def _line(text: str) -> Line:
    words = _WORD.findall(text)
    lowered = [word.lower() for word in words]
    stop_ratio = sum(word in _STOP_WORDS for word in lowered) / len(words) if words else 0.0
    return Line(
        text=text,
        words=word_count(text) if has_cjk(text) else len(words),
        sentence_end=bool(_SENTENCE_END.search(text)),
        stop_ratio=stop_ratio,
        ui=(len(words) < _MAX_UI_WORDS and bool(_UI_LINE.search(text))) or _is_markup(text),
        meta=len(words) <= _MAX_META_WORDS and (is_date_line(text) or bool(parse_byline(text))),
        script=_script(text),
        code=_looks_like_code(text),
    )


def _unwrapped(run: list[Line]) -> list[Line]:
    """A run of lines with no blank line between them, wrapped paragraphs joined.

    Text copied from ``<pre>`` blocks, e-mails or ``<br>``-broken paragraphs is cut every
    few words, and text taken node by node puts every link and bold word on a line of its
    own: no piece looks like prose on its own. A line that does not end a sentence continues
    into the next when that starts in lower case or with closing punctuation (", the mayor
    said"), or when it ends on a comma, an article or a preposition ("said the", then a
    linked name); the pieces become one line when together they end a sentence and read as
    prose (enough words, some stop words). Menu, metadata, UI and timestamped lines never
    join: "Posted by ... 8:21pm" and a comment, "Advertisement" and prose, or a row of share
    links stay apart.
    """
    return _regrouped(run, _continues, _joined)


def _regrouped(
    run: list[Line],
    goes_on: Callable[[Line, Line], bool],
    join: Callable[[list[Line]], list[Line]],
) -> list[Line]:
    """``run`` cut into pieces of lines that go on into the next, each piece put to ``join``."""
    lines: list[Line] = []
    piece: list[Line] = []
    for line in run:
        if piece and goes_on(piece[-1], line):
            piece.append(line)
            continue
        lines.extend(join(piece))
        piece = [line]
    lines.extend(join(piece))
    return lines


def _may_join(previous: Line, line: Line) -> bool:
    """Neither line is UI or metadata, and the first holds no clock time ("Posted by: jane
    on 8:21pm" opens a comment)."""
    plain = not (previous.ui or previous.meta or line.ui or line.meta)
    return plain and not _CLOCK_TIME.search(previous.text)


def _continues(previous: Line, line: Line) -> bool:
    if not _may_join(previous, line) or previous.sentence_end:
        return False
    if line.text[0].islower() or line.text[0] in _CLOSING_PUNCTUATION:
        return True
    last = _WORD.findall(previous.text)[-1:]
    return previous.text.endswith(",") or bool(last and last[0].lower() in _DANGLING_WORDS)


def _joined(piece: list[Line]) -> list[Line]:
    if len(piece) > 1 and piece[-1].sentence_end:
        joined = _line(" ".join(line.text for line in piece))
        if joined.words >= _MIN_PROSE_WORDS and joined.stop_ratio > 0:
            return [joined]
    return piece


def _looks_like_code(text: str) -> bool:
    """A line of code or of a table's rules: a call or a statement's end, a lone brace, box
    drawing, or words among brackets and operators (a tenth of the characters or more).
    Pagination arrows, separators and emoticons have symbols but no words, and are junk."""
    if _CODE_CHARACTER.search(text) is None:  # no symbol, no rule: only a statement can tell
        return _CODE_STATEMENT.search(text) is not None
    pieces = text.split()
    counts = Counter("".join(pieces))
    chars = counts.total()
    if not chars:
        return False
    first, last = _BOX_DRAWING
    box = sum(count for char, count in counts.items() if first <= char <= last)
    if box >= chars / 2 or _CODE_STATEMENT.search(text):
        return True
    letters = sum(count for char, count in counts.items() if char.isalpha())
    symbols = box + sum(count for char, count in counts.items() if char in _CODE_SYMBOLS)
    return (
        letters >= _MIN_CODE_LETTERS and len(pieces) > 1 and symbols >= _CODE_SYMBOL_SHARE * chars
    )


def _is_markup(text: str) -> bool:
    """A line that is mostly tags is page code shown as text (an advert's markup), not prose."""
    return sum(len(tag) for tag in _TAG.findall(text)) >= _MARKUP_SHARE * len(text)


def _script(text: str) -> str | None:
    """The writing system most letters of ``text`` belong to (LATIN, CYRILLIC, CJK, ...)."""
    counts = letter_scripts(text)
    return max(counts, key=lambda key: counts[key]) if counts else None


def _main_script(lines: list[Line]) -> str | None:
    """The script of the page's text, long lines weighing most; UI lines have no say, as a
    line of advert code can hold more Latin words than a Japanese story."""
    weights: dict[str, int] = {}
    for line in lines:
        if line.script is not None and not line.ui:
            weights[line.script] = weights.get(line.script, 0) + line.words**2
    return max(weights, key=lambda key: weights[key]) if weights else None


def _is_prose(line: Line) -> bool:
    if line.listing or line.words < _MIN_PROSE_WORDS:
        return False
    return line.sentence_end or line.words >= _LONG_LINE_WORDS


def _line_score(line: Line, script: str | None) -> float:
    """Positive for prose, strongly negative for navigation, UI and metadata lines.

    The penalty is steep so that comment threads and link lists, where every bit of prose
    sits between a user name, a timestamp and a vote counter, do not join the story. Lines in
    another script than the page's main one score zero: a quoted verse must not split the
    story it sits in, and such lines are left out of the body anyway. So do listings: a row of
    archive months run together neither makes a story nor breaks one; nor does a line of a
    code listing or a table in a technical article (a browser copies ``<pre>`` line by line).
    """
    if line.script not in (None, script):
        return 0.0
    if line.ui or line.meta:
        return -_JUNK_PENALTY
    if line.listing:
        return 0.0
    if _is_prose(line):
        bonus = _STOP_WORD_BONUS if line.stop_ratio >= _PROSE_STOP_RATIO else 0.0
        return min(line.words, _MAX_LINE_WORDS) - _PROSE_COST + bonus
    if line.code:
        return 0.0
    if line.sentence_end and line.words >= _MIN_SENTENCE_WORDS:
        return -_SHORT_SENTENCE_PENALTY
    return -_JUNK_PENALTY


def _densest_block(
    lines: list[Line], script: str | None, options: DumpOptions
) -> tuple[int, int]:
    """The story's run of lines, as a slice [start, end).

    Lines are cut into runs of maximal total score (Kadane). A negative line that follows
    another costs double: a caption between two paragraphs is bridged, a user name, timestamp
    and vote counter between two comments is not. The story is the first run scoring at
    least three quarters of the best one: stories come before the comment threads and teaser
    lists that can outweigh a short article. Prose that follows it after a short gap (a
    caption, a pull quote, "Read more", an advert label) continues it, and so does a strong
    run before or after a longer one (a gallery, a widget): a long article is kept whole.
    """
    blocks: list[Block] = []
    best, best_span = 0.0, (0, 0)
    total, start, negative_run = 0.0, 0, 0
    for position, line in enumerate(lines):
        if total <= 0:
            if best > 0:
                blocks.append((best, *best_span))
            total, start, best = 0.0, position, 0.0
        score = _line_score(line, script)
        negative_run = negative_run + 1 if score < 0 else 0
        total += score * min(max(1, negative_run), _MAX_RUN_FACTOR)
        if total > best:
            best, best_span = total, (start, position + 1)
    if best > 0:
        blocks.append((best, *best_span))
    if not blocks:
        return 0, 0
    top = max(score for score, _, _ in blocks)
    story = next(b for b in blocks if b[0] >= _BLOCK_SHARE * top)
    floor = options.above_comments_share * top
    first_score, first_start, first_end = _above_comments(lines, blocks, story, floor)
    end = _continued(lines, script, first_end)
    return (
        _before_interruptions(lines, blocks, first_score, first_start, options),
        _past_interruptions(lines, script, blocks, first_score, end, options),
    )


def _past_interruptions(
    lines: list[Line],
    script: str | None,
    blocks: list[Block],
    story_score: float,
    end: int,
    options: DumpOptions,
) -> int:
    """The story's end after the strong runs that follow it across a longer interruption.

    A gallery or an embedded widget puts dozens of button and caption lines inside an
    article; the prose after it weighs about as much as the prose before, where teasers,
    sidebars and footers weigh far less. A run that starts within ``split_run_gap`` lines
    of the end and scores at least ``split_run_share`` of the story's first run continues
    the story, unless a date, a byline or a comment section's header sits in between (the
    next story of a listing, a comment). The lines in between are left out of the body as
    runs of junk.
    """
    if options.split_run_gap <= 0:
        return end
    for score, start, run_end in blocks:
        if start < end:
            continue
        if not _joins_story(lines[end:start], score, story_score, options):
            return end
        end = _continued(lines, script, run_end)
    return end


def _before_interruptions(
    lines: list[Line], blocks: list[Block], story_score: float, start: int, options: DumpOptions
) -> int:
    """The story's start before the strong runs that precede it across an interruption.

    The same widget can sit after the story's first paragraphs ("Trending News" and its
    links under the lede): the run chosen as the story is then its second part, the one
    that outweighs the rest, and the opening paragraphs above the widget belong to it on the
    same terms as a run below. A date, byline or comment header in between (a post's
    dateline under a blog's sidebar, a comment) keeps the runs apart.
    """
    if options.split_run_gap <= 0:
        return start
    for score, run_start, run_end in reversed(blocks):
        if run_end > start:
            continue
        if not _joins_story(lines[run_end:start], score, story_score, options):
            return start
        start = run_start
    return start


def _joins_story(gap: list[Line], score: float, story_score: float, options: DumpOptions) -> bool:
    """True when a run of ``score`` across the lines ``gap`` is part of the story."""
    return (
        len(gap) <= options.split_run_gap
        and score >= options.split_run_share * story_score
        and not any(line.meta or _is_comments_header(line) for line in gap)
    )


def _above_comments(lines: list[Line], blocks: list[Block], story: Block, floor: float) -> Block:
    """The story when the chosen run sits below the header of a comment section.

    A long thread can outweigh a short article. A "Comments", "Leave a reply" or "12
    comments" line above the chosen run says the run is part of the thread; the story is then
    the first run above that header scoring at least ``floor`` (half the best run by
    default). Such a line also shows in page headers ("Comments (0)"), so a run above it
    must weigh that much.
    """
    for position in range(story[1] + 1):
        if not _is_comments_header(lines[position]):
            continue
        above = [b for b in blocks if b[1] < position and b[0] >= floor]
        if above:
            return above[0]
    return story


def _is_comments_header(line: Line) -> bool:
    return line.words <= _MAX_HEADER_WORDS and bool(_COMMENTS_HEADER.search(line.text))


def _continued(lines: list[Line], script: str | None, end: int) -> int:
    """The story's end after the prose runs that follow it across short interruptions.

    A gap of at most two non-prose lines without a date, byline or comment section's header
    in it (a caption, "Read more", an advert label) is bridged; a longer gap, a comment's
    timestamp or "12 comments" ends the story.
    """
    while True:
        start = end
        while start < len(lines) and _line_score(lines[start], script) <= 0:
            gap = lines[start]
            if start - end >= _MAX_GAP_LINES or gap.meta or _is_comments_header(gap):
                return end
            start += 1
        run_end = start
        while run_end < len(lines) and _line_score(lines[run_end], script) > 0:
            run_end += 1
        if run_end == start:
            return end
        end = run_end


def _title(before: list[Line], body: list[Line]) -> str | None:
    """The headline: the headline-like line above the body that best matches the story.

    A headline shares its content words with the first paragraphs; among lines that look
    like one (a few words, no final full stop, no UI or metadata), the best match wins,
    preferring one right above a date or byline line and, then, the nearest.
    """
    story_words = _content_words(" ".join(line.text for line in body[:_TITLE_BODY_LINES]))
    best: tuple[float, str] | None = None
    for distance, position in enumerate(range(len(before) - 1, -1, -1)):
        line = before[position]
        if not _headline_like(line):
            continue
        words = _content_words(line.text)
        overlap = len(words & story_words) / len(words) if words else 0.0
        above_meta = position + 1 < len(before) and before[position + 1].meta
        score = overlap + (_ABOVE_META_BONUS if above_meta else 0.0) - _DISTANCE_COST * distance
        if best is None or score > best[0]:
            best = (score, line.text)
    return strip_badges(best[1]) if best is not None else None


def _headline_like(line: Line) -> bool:
    return (
        not line.ui
        and not line.meta
        and _MIN_TITLE_WORDS <= line.words <= _MAX_TITLE_WORDS
        and not line.text.endswith((".", ":"))
        and "@" not in line.text
        and not line.text[0].islower()
    )


def _content_words(text: str) -> set[str]:
    words = (word.lower() for word in _WORD.findall(text))
    return {word for word in words if len(word) > 2 and word not in _STOP_WORDS}


def _date(before: list[Line], after: list[Line]) -> str | None:
    for line in [*reversed(before), *after]:
        if line.words <= _MAX_DATE_LINE_WORDS:
            found = parse_date(line.text)
            if found is not None:
                return found
    return None


def _site(lines: list[Line]) -> str | None:
    """The owner in the page's copyright line (footers come last, so search from the end)."""
    for line in reversed(lines):
        owner = parse_copyright_owner(line.text)
        if owner is not None:
            return owner
    return None


def _authors(before: list[Line], after: list[Line]) -> list[str]:
    for line in [*after, *reversed(before)]:
        names = parse_byline(line.text)
        if names:
            return names
    return []
