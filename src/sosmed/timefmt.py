"""Aware datetimes shown in the office's time zone, the way Indonesian readers write them.

``long_form`` gives "Senin, 30 Nov 2026 08:00 WIB"; ``short_form`` gives "2026-11-30 08:00 WIB";
``iso_local`` gives "2026-11-30T08:00:00+07:00" for machines. Pure; naive datetimes are refused.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

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
# Indonesia's three zones by their offset from UTC.
INDONESIAN = {timedelta(hours=7): "WIB", timedelta(hours=8): "WITA", timedelta(hours=9): "WIT"}
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


def month_name(month: int, short: bool = False) -> str:
    """The Indonesian name of a month 1..12 ("Januari", or "Jan" when short)."""
    return (MONTHS_SHORT if short else MONTHS)[month - 1]


def long_form(dt: datetime, tz: tzinfo) -> str:
    """'Senin, 30 Nov 2026 08:00 WIB'."""
    local = _local(dt, tz)
    month = month_name(local.month, short=True)
    return f"{day_name(local)}, {local.day} {month} {local.year} {local:%H:%M} {zone_abbr(local)}"


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
