"""How times and dates are written for people: the one place that spells zones, days, months.

``long_form`` gives "Senin, 30 Nov 2026 08:00 WIB" (or "Mon 30 Nov 2026 08:00 WIB" in English);
``short_form`` gives "2026-11-30 08:00 WIB"; ``iso_local`` gives "2026-11-30T08:00:00+07:00" for
machines. The log, the report, the queue, the status and the post templates all write through
here; text/dates.py reads dates in articles and imports the zone names from here. Pure; naive
datetimes are refused.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, tzinfo

DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_SHORT = (
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Mei",
    "Jun",
    "Jul",
    "Agu",
    "Sep",
    "Okt",
    "Nov",
    "Des",
)
EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_MONTHS_SHORT = tuple(m[:3] for m in EN_MONTHS)
_MONTH_NAMES = {
    ("id", False): MONTHS,
    ("id", True): MONTHS_SHORT,
    ("en", False): EN_MONTHS,
    ("en", True): EN_MONTHS_SHORT,
}
# Indonesia's three zones: Western, Central and Eastern Indonesia Time.
ZONES = {"WIB": timedelta(hours=7), "WITA": timedelta(hours=8), "WIT": timedelta(hours=9)}
INDONESIAN = {offset: abbr for abbr, offset in ZONES.items()}
# A zone without a letter abbreviation of its own names itself by its offset ("+07", "UTC+07:00").
_NUMERIC = re.compile(r"^(UTC|GMT)?[+-]\d{1,2}(:?\d{2})?$")


def _local(dt: datetime, tz: tzinfo) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("a naive datetime cannot be shown in a time zone; use an aware one")
    return dt.astimezone(tz)


def zone_abbr(local: datetime) -> str:
    """WIB / WITA / WIT for Indonesian offsets, else the zone's own abbreviation.

    A zone with letters of its own at +7/+8/+9 (JST, AWST, KST) keeps them: "WIT" for Tokyo
    would mislead. Numeric names ("+07" of Asia/Bangkok, fixed offsets) take the Indonesian one.
    """
    offset = local.utcoffset()
    name = local.tzname() or ""
    indonesian = INDONESIAN.get(offset) if offset is not None else None
    if indonesian and (name in INDONESIAN.values() or not name or _NUMERIC.match(name)):
        return indonesian
    return name or _offset_text(offset)


def _offset_text(offset: timedelta | None) -> str:
    minutes = int((offset or timedelta()).total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def day_name(local: datetime) -> str:
    """The Indonesian name of the day of week ("Senin" for Monday)."""
    return DAYS[local.weekday()]


def month_name(month: int, short: bool = False, lang: str = "id") -> str:
    """The name of a month 1..12 ("Januari", or "Jan" when short; "January" in English)."""
    return _MONTH_NAMES[(lang, short)][month - 1]


def day_form(d: date, lang: str = "id") -> str:
    """'Senin, 30 Nov 2026' / 'Mon 30 Nov 2026'."""
    month = month_name(d.month, True, lang)
    if lang == "id":
        return f"{DAYS[d.weekday()]}, {d.day} {month} {d.year}"
    return f"{EN_DAYS[d.weekday()]} {d.day} {month} {d.year}"


def long_form(dt: datetime, tz: tzinfo, lang: str = "id") -> str:
    """'Senin, 30 Nov 2026 08:00 WIB' / 'Mon 30 Nov 2026 08:00 WIB'."""
    local = _local(dt, tz)
    return f"{day_form(local.date(), lang)} {local:%H:%M} {zone_abbr(local)}"


def period_form(start: datetime, end: datetime, tz: tzinfo, lang: str, month: bool) -> str:
    """The period [start, end): 'November 2026' when ``month``, else '1 Nov 2026 – 7 Nov 2026'."""
    first, last = _local(start, tz), _local(end - timedelta(microseconds=1), tz)
    if month:
        return f"{month_name(first.month, False, lang)} {first.year}"
    a = f"{first.day} {month_name(first.month, True, lang)} {first.year}"
    return f"{a} – {last.day} {month_name(last.month, True, lang)} {last.year}"


def short_form(dt: datetime, tz: tzinfo) -> str:
    """'2026-11-30 08:00 WIB'."""
    local = _local(dt, tz)
    return f"{local:%Y-%m-%d %H:%M} {zone_abbr(local)}"


def date_long(dt: datetime, tz: tzinfo) -> str:
    """'Senin, 30 November 2026' (the date alone, full month name)."""
    local = _local(dt, tz)
    return f"{day_name(local)}, {local.day} {month_name(local.month)} {local.year}"


def iso_local(dt: datetime, tz: tzinfo) -> str:
    """ISO 8601 in the office's zone with its offset: '2026-11-30T08:00:00+07:00'."""
    return _local(dt, tz).isoformat()
