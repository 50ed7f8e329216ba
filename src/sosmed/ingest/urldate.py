"""The day in a page's address, for a copied text: used only when the text states no date.

A government post with a wrong date is worse than one with none, so the address's number is
taken as a day only when it can be nothing else: a full year/month/day, in three segments
(``/2018/06/13/``) or one (``/20180613/``, ``/2018-06-13/``). A year and month alone, a month
past 12, a year outside 2000 to next year, or two days that disagree give no day at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from sosmed.ingest.parsed import FieldSource, ParsedArticle
from sosmed.text.dates import offset_for

_ONE_SEGMENT = re.compile(r"(\d{4})(\d{2})(\d{2})|(\d{4})-(\d{2})-(\d{2})")
_YEAR, _PART = re.compile(r"\d{4}"), re.compile(r"\d{1,2}")
_FIRST_YEAR = 2000
# Two readings of the same day (the site's midnight, the office's) may fall a day apart.
_SLACK = timedelta(days=1)
# Kept on the field's source so that the check list says why, not only where from.
URL_DATE_DIFFERS = "url_date_differs"


def url_day(url: str | None, today: date | None = None) -> date | None:
    """The day the address's path names, or None when it names none or more than one."""
    if not url:
        return None
    latest = (today or date.today()).year + 1
    parts = urlsplit(url).path.split("/")
    days = {d for d in _candidates(parts) if d is not None and _FIRST_YEAR <= d.year <= latest}
    return days.pop() if len(days) == 1 else None


def _candidates(parts: list[str]) -> list[date | None]:
    found = []
    for i, part in enumerate(parts):
        m = _ONE_SEGMENT.fullmatch(part)
        if m:
            y, mo, d = m.groups()[:3] if m.group(1) else m.groups()[3:]
            found.append(_day(y, mo, d))
        if i + 2 < len(parts) and _YEAR.fullmatch(part):
            mo, d = parts[i + 1], parts[i + 2]
            if _PART.fullmatch(mo) and _PART.fullmatch(d):
                found.append(_day(part, mo, d))
    return found


def _day(y: str, m: str, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None  # /2018/13/01/ is a number in an address, not a date


def with_url_date(
    parsed: ParsedArticle, url: str | None, today: date | None = None
) -> ParsedArticle:
    """The text's own date wins; the address's day fills in only where the text has none, and
    an address that names another day marks the text's date for a person to check."""
    day = url_day(url, today)
    if day is None:
        return parsed
    sources = dict(parsed.sources)
    if parsed.published_at is None:
        # A date with no time: midnight in the office's zone, as the page's metadata gives it.
        value = datetime(day.year, day.month, day.day, tzinfo=offset_for(None))
        sources["published_at"] = FieldSource("url", sure=False)
        return replace(
            parsed,
            published_at=value,
            has_time=False,
            zone=None,
            date_source="header",
            sources=sources,
        )
    if abs(parsed.published_at.date() - day) <= _SLACK:
        return parsed
    own = sources.get("published_at") or FieldSource(parsed.date_source or "body", sure=False)
    sources["published_at"] = FieldSource(own.origin, sure=False, note=URL_DATE_DIFFERS)
    return replace(parsed, sources=sources)
