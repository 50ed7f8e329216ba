"""Dates as Indonesian news pages print them.

Two kinds, trusted differently. A page's own date line (``Kamis, 26 September 2019 - 13:48:42
WIB``) says when the story was published, to the minute. A date inside the body (``Kamis
(26/09/19)``) is the day of the event, which is close but not the same; it is only a fallback,
taken from the first event date the story names. A date without its year (``Senin (22/4)``)
takes a year the same text names only when exactly one such year puts that day on that weekday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone

from sosmed.timefmt import ZONES

# Asia/Jakarta, the zone an office writes in when its page names none.
DEFAULT_OFFSET = ZONES["WIB"]
# Longest first: "WITA" must not be read as "WIT" and a stray "A".
ZONE_NAMES = "|".join(sorted(ZONES, key=len, reverse=True))

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3, "mrt": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "agst": 8, "agus": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}  # fmt: skip
MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = (
    r"(?:Senin|Selasa|Rabu|Kamis|Jum\s?['’`‘]?\s?at|Sabtu|Minggu|Ahad"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_DMY_NAMED = rf"(?P<d1>\d{{1,2}})\s+(?P<m1>{MONTH})\s+(?P<y1>\d{{4}})"
_MDY_NAMED = rf"(?P<m2>{MONTH})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})"
_DMY_NUMERIC = r"(?P<d3>\d{1,2})[/.-](?P<m3>\d{1,2})[/.-](?P<y3>\d{4}|\d{2})(?![\d/])"
_ISO = r"(?P<y4>\d{4})([-/])(?P<m4>\d{2})\2(?P<d4>\d{2})"
_ANY_DATE = re.compile(
    rf"(?<![\d/.-])(?:{_ISO}|{_DMY_NAMED}|{_MDY_NAMED}|{_DMY_NUMERIC})", re.IGNORECASE
)
_TIME = re.compile(
    r"(?<![\d/.])(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[:.](?P<s>[0-5]\d))?"
    rf"(?!\d)(?:\s*(?P<ampm>[ap]\.?m\.?)(?![a-z]))?(?:\s*(?P<zone>{ZONE_NAMES})\b)?",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"\d{4}|\d[/.-]\d{1,2}[/.-]\d")
_ZONE = re.compile(rf"\b({ZONE_NAMES})\b", re.IGNORECASE)
# An event date in the body: a weekday, then a date in brackets or after a comma.
_BODY_DATE = re.compile(
    rf"\b(?P<weekday>(?-i:{WEEKDAY}))\b\s*,?\s*(?:tanggal\s+)?\(?\s*(?P<date>\d{{1,2}}(?:\s*/\s*\d{{1,2}}"
    rf"(?:\s*/\s*\d{{2,4}})?|-\d{{1,2}}-\d{{2,4}}|\.\d{{1,2}}\.\d{{4}}|\s+{MONTH}(?:\s+\d{{4}})?))"
    r"(?![\d/])",
    re.IGNORECASE,
)
_WEEKDAY_NUMBERS = {
    "sen": 0, "sel": 1, "rab": 2, "kam": 3, "jum": 4, "sab": 5, "min": 6, "aha": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_MONTH_FIRST = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2})$")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})$")
_BRACKET_DATE = re.compile(
    r"\(\s*(?P<date>\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}-\d{1,2}-\d{2,4})\s*\)"
)


@dataclass(frozen=True)
class FoundDate:
    value: datetime  # aware, in the page's zone (or the default offset when none is named)
    has_time: bool
    zone: str | None  # "WIB" / "WITA" / "WIT" when named


@dataclass(frozen=True)
class DateMatch:
    year: int
    month: int
    day: int
    start: int
    end: int


def offset_for(zone: str | None) -> timezone:
    return timezone(ZONES.get(zone.upper(), DEFAULT_OFFSET) if zone else DEFAULT_OFFSET)


def find_date(text: str) -> DateMatch | None:
    """The first well-formed calendar date with a year in ``text`` (placeholders skipped)."""
    if not _YEARISH.search(text):
        return None
    for m in _ANY_DATE.finditer(text):
        found = _to_match(m)
        if found is not None:
            return found
    return None


def _to_match(m: re.Match[str]) -> DateMatch | None:
    g = m.groupdict()
    for d, mo, y in (
        ("d4", "m4", "y4"),
        ("d1", "m1", "y1"),
        ("d2", "m2", "y2"),
        ("d3", "m3", "y3"),
    ):
        if g[d] is None:
            continue
        month = _month_number(g[mo])
        year = _full_year(g[y])
        if month and _valid(year, month, int(g[d])):
            return DateMatch(year, month, int(g[d]), m.start(), m.end())
    return None


def _month_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _MONTHS.get(token.rstrip(".").lower())


def _full_year(token: str) -> int:
    year = int(token)
    return 2000 + year if len(token) == 2 else year


def _valid(year: int, month: int, day: int) -> bool:
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and day >= 1):
        return False
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


def find_time(text: str) -> tuple[int, int, str | None] | None:
    """The first clock time in ``text`` as (hour, minute, zone); ``1:55pm`` is 13:55."""
    clock = find_clock(text)
    return (clock[0], clock[1], clock[3]) if clock else None


def find_clock(text: str) -> tuple[int, int, int, str | None] | None:
    """Like ``find_time``, with the seconds a date line states (0 when it states none)."""
    for m in _TIME.finditer(text):
        hour, minute = int(m["h"]), int(m["mi"])
        ampm = (m["ampm"] or "").lower()
        if ampm.startswith("p") and hour < 12:
            hour += 12
        elif ampm.startswith("a") and hour == 12:
            hour = 0
        zone = m["zone"] or _zone_after(text, m.end())
        return hour, minute, int(m["s"] or 0), zone.upper() if zone else None
    return None


def _zone_after(text: str, pos: int) -> str | None:
    m = _ZONE.search(text, pos, pos + 12)
    return m.group(1) if m else None


def make_date(
    day: DateMatch, clock: tuple[int, int, str | None] | None = None, second: int = 0
) -> FoundDate:
    """An aware datetime: midnight local when there is no time, +07:00 when no zone is named."""
    hour, minute, zone = clock if clock else (0, 0, None)
    value = datetime(
        day.year,
        day.month,
        day.day,
        hour,
        minute,
        second if clock else 0,
        tzinfo=offset_for(zone),
    )
    return FoundDate(value=value, has_time=clock is not None, zone=zone)


def parse_date_line(line: str) -> FoundDate | None:
    """The date and time of a page's date line, e.g. ``Minggu, 30 Juli 2017 | 11:51:06 WIB``."""
    day = find_date(line)
    if day is None:
        return None
    rest = line[: day.start] + " " + line[day.end :]
    clock = find_clock(rest)
    if clock is None:
        return make_date(day)
    return make_date(day, (clock[0], clock[1], clock[3]), clock[2])


def find_body_date(text: str) -> FoundDate | None:
    """The event date a story opens with, e.g. ``Kamis (26/09/19)``; None when it has no year."""
    found = read_body_date(text)
    return found[0] if found else None


def read_body_date(text: str) -> tuple[FoundDate, bool] | None:
    """The event date a story opens with, and whether the text fully vouches for it: False when
    the year was inferred or the weekday printed with the date does not match it."""
    first = _first_event_date(text)
    if first is None:
        return None
    token = re.sub(r"\s*/\s*", "/", first["date"])
    weekday = _weekday_number(first)
    day = find_date(token)
    if day is not None:
        agrees = weekday is None or datetime(day.year, day.month, day.day).weekday() == weekday
        return make_date(day), agrees
    us = _month_first(token, weekday)
    if us is not None:
        return make_date(us), True
    inferred = _infer_year(token, weekday, text)
    return (make_date(inferred), False) if inferred else None


def _month_first(token: str, weekday: int | None) -> DateMatch | None:
    """``05/22/2019`` on a Wednesday: an English edition writes the month first. Read so only
    when the day-first reading is impossible (no 22nd month) and the printed weekday is that
    day's."""
    m = _MONTH_FIRST.match(token)
    if m is None or weekday is None:
        return None
    month, day, year = int(m["m"]), int(m["d"]), _full_year(m["y"])
    if day <= 12 or not _valid(year, month, day):
        return None
    if datetime(year, month, day).weekday() != weekday:
        return None
    return DateMatch(year, month, day, 0, 0)


def weekday_disagrees(text: str) -> bool:
    """The first event date prints its year and a weekday that is not that day's
    ("Selasa (2/3/2020)", a Monday): one of the two is a typing error, and which one the text
    cannot say."""
    first = _first_event_date(text)
    if first is None:
        return False
    weekday = _weekday_number(first)
    day = find_date(re.sub(r"\s*/\s*", "/", first["date"]))
    if weekday is None or day is None:
        return False
    return datetime(day.year, day.month, day.day).weekday() != weekday


def _weekday_number(m: re.Match[str]) -> int | None:
    named = m.groupdict().get("weekday")
    return _WEEKDAY_NUMBERS.get(named[:3].lower()) if named else None


def _infer_year(token: str, weekday: int | None, text: str) -> DateMatch | None:
    """``22/4`` on a Monday, in a text that names 2013: the 22nd of April 2013, if that was a
    Monday and no other year the text names fits as well."""
    m = _DAY_MONTH.match(token)
    if m is None or weekday is None:
        return None
    day, month = int(m["d"]), int(m["m"])
    fits = {
        year
        for year in (int(y) for y in _YEAR.findall(text))
        if _valid(year, month, day) and datetime(year, month, day).weekday() == weekday
    }
    if len(fits) != 1:
        return None
    return DateMatch(fits.pop(), month, day, 0, 0)


def _first_event_date(text: str) -> re.Match[str] | None:
    hits = [m for m in (_first_real(rx, text) for rx in (_BODY_DATE, _BRACKET_DATE)) if m]
    return min(hits, key=lambda m: m.start()) if hits else None


def _first_real(rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    for m in rx.finditer(text):
        if not _is_placeholder(m["date"]):
            return m
    return None


def _is_placeholder(token: str) -> bool:
    return not any(ch in "123456789" for ch in token.split("/")[0]) or token.startswith("00")
