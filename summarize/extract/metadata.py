"""Metadata found in plain lines of text: dates, bylines, copyright owners, headline badges.

Used by the text-dump extractor, which has no markup to read these from, and to normalise
what trafilatura returns for HTML pages.
"""

from __future__ import annotations

import re
from datetime import datetime

_MONTH_NAMES = (
    ("january", "jan", "января", "январь", "янв", "հունվարի"),
    ("february", "feb", "февраля", "февраль", "фев", "փետրվարի"),
    ("march", "mar", "марта", "март", "мар", "մարտի"),
    ("april", "apr", "апреля", "апрель", "апр", "ապրիլի"),
    ("may", "мая", "май", "մայիսի"),
    ("june", "jun", "июня", "июнь", "июн", "հունիսի"),
    ("july", "jul", "июля", "июль", "июл", "հուլիսի"),
    ("august", "aug", "августа", "август", "авг", "օգոստոսի"),
    ("september", "sep", "sept", "сентября", "сентябрь", "сен", "սեպտեմբերի"),
    ("october", "oct", "октября", "октябрь", "окт", "հոկտեմբերի"),
    ("november", "nov", "ноября", "ноябрь", "ноя", "նոյեմբերի"),
    ("december", "dec", "декабря", "декабрь", "дек", "դեկտեմբերի"),
)
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_TIME = r"(?:\D{0,6}?(?P<hour>[0-2]?\d)[:.](?P<minute>[0-5]\d)\s*(?P<ampm>[ap]\.?m\.?)?)?"
_DATE_PATTERNS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"\b{_YEAR}-(?P<month_number>[01]?\d)-(?P<day>[0-3]?\d)"
        rf"(?:[T\s]+(?P<hour>[0-2]?\d):(?P<minute>[0-5]\d))?",
        rf"\b{_DAY}[./](?P<month_number>[01]?\d)[./]{_YEAR}\b,?{_TIME}",
        rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}(?:\s*г\.?)?,?{_TIME}",
        rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR},?{_TIME}",
    )
)
_YEAR_DIGITS = re.compile(_YEAR)
_DATE_LINE_NOISE = re.compile(
    r"\b(?:updated|posted|published|modified|on|at|am|pm|[A-Z]{2,4}T|GMT|UTC|EST|PST|EDT|PDT|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|"
    r"обновлено|опубликовано|г)\b|[\s,.:|/()\[\]+-]",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:by|written by|author|от|автор|текст|հեղինակ)\s*:?\s+(?P<names>\S.*)$", re.IGNORECASE
)
_MAX_NAME_WORDS = 4
_DATE_LINE_TAIL = re.compile(r"^(?:\s*(?:[A-Z]{2,4}T?|GMT|UTC|[,|·•-]))*\s*")
_MAX_DATE_LINE_NOISE = 12
_NAME_WORD = re.compile(r"^[A-ZА-ЯЁԱ-Ֆ][\w.'’-]*$")
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|\bи\b|&)\s*")
_BADGES = frozenset(
    {
        "video",
        "photo",
        "photos",
        "gallery",
        "live",
        "updated",
        "exclusive",
        "breaking",
        "audio",
        "podcast",
        "opinion",
        "analysis",
        "видео",
        "фото",
        "тесты",
        "live-blog",
    }
)


def parse_date(line: str) -> str | None:
    """The first date in ``line`` as ISO 8601 (``YYYY-MM-DD`` or with ``THH:MM``), or None."""
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is None:
            continue
        iso = _iso_from_match(match)
        if iso is not None:
            return iso
    return None


def is_date_line(line: str) -> bool:
    """True for a line that is a date and little else ("15 January 2026 08:54").

    A byline may share the line ("Monday November 18, 2019 7:45 am PST by Joe Rossignol").
    """
    match = _date_match(line)
    if match is None:
        return False
    rest = line[match.end() :]
    if parse_byline(_DATE_LINE_TAIL.sub("", rest)):
        rest = ""
    rest = line[: match.start()] + rest
    return len(_DATE_LINE_NOISE.sub("", rest)) <= _MAX_DATE_LINE_NOISE


def parse_byline(line: str) -> list[str]:
    """Author names from a byline ("By Jane Doe and John Roe"), or [] if ``line`` is not one.

    The byline may follow a date on the same line.
    """
    text = line.strip()
    match = _BYLINE.match(text)
    if match is None:
        date = _date_match(text)
        if date is None:
            return []
        match = _BYLINE.match(_DATE_LINE_TAIL.sub("", text[date.end() :]))
        if match is None:
            return []
    names = [name.strip(" .") for name in _NAME_SPLIT.split(match.group("names"))]
    names = [name for name in names if name]
    if names and all(_looks_like_name(name) for name in names):
        return names
    return []


def _looks_like_name(name: str) -> bool:
    words = name.split()
    return len(words) <= _MAX_NAME_WORDS and all(map(_NAME_WORD.match, words))


def _date_match(line: str) -> re.Match[str] | None:
    if _YEAR_DIGITS.search(line) is None:  # every pattern has a year: most lines end here
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.search(line)
        if match is not None and _iso_from_match(match) is not None:
            return match
    return None


# "Caliber.az © 2026" (owner before the sign) or "© 2026 Example News. All rights reserved."
_OWNER_WORD = r"[A-ZА-ЯԱ-Ֆ][\w&'’-]*(?:\.[A-Za-z]{2,})*"
_OWNER = rf"{_OWNER_WORD}(?: {_OWNER_WORD}){{0,3}}"
_SIGN = r"(?:©|\(c\)|(?i:copyright))"
_COPYRIGHT_OWNER = (
    re.compile(rf"^\s*(?P<owner>{_OWNER})\s*{_SIGN}"),
    re.compile(rf"{_SIGN}\s*(?:(?:19|20)\d\d\s*(?:[-–]\s*(?:19|20)\d\d\s*)?)?(?P<owner>{_OWNER})"),
)


def parse_copyright_owner(line: str) -> str | None:
    """The site named in a copyright line, or None when the line is no copyright notice."""
    if len(line.split()) > 12:
        return None
    for pattern in _COPYRIGHT_OWNER:
        match = pattern.search(line)
        if match:
            owner = match.group("owner")
            if owner.lower() not in ("all", "copyright"):
                return owner
    return None


def strip_badges(title: str) -> str:
    """Drop trailing badges a site prints after a headline ("… summit Video" -> "… summit")."""
    words = title.split()
    while len(words) > 3 and words[-1].strip("()[]|·•-").lower() in _BADGES:
        words.pop()
    return " ".join(words)


def _iso_from_match(match: re.Match[str]) -> str | None:
    groups = match.groupdict()
    month_name = groups.get("month")
    month = MONTHS[month_name.lower()] if month_name else int(groups["month_number"])
    day_of_month = int(groups["day"])
    if month > 12 >= day_of_month:  # US order: 11.14.2019
        month, day_of_month = day_of_month, month
    try:
        day = datetime(int(groups["year"]), month, day_of_month)
    except ValueError:
        return None
    if groups.get("hour") is None:
        return day.strftime("%Y-%m-%d")
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return day.strftime("%Y-%m-%d")
    return day.replace(hour=hour, minute=minute).strftime("%Y-%m-%dT%H:%M")
