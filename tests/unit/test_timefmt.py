"""Showing times in the office's zone with Indonesian names and zone abbreviations."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sosmed.timefmt import date_long, iso_local, long_form, month_name, short_form, zone_abbr

# 2026-11-30 01:00 UTC is a Monday morning everywhere in Indonesia.
INSTANT = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "zone,long,short",
    [
        ("Asia/Jakarta", "Senin, 30 Nov 2026 08:00 WIB", "2026-11-30 08:00 WIB"),
        ("Asia/Pontianak", "Senin, 30 Nov 2026 08:00 WIB", "2026-11-30 08:00 WIB"),
        ("Asia/Makassar", "Senin, 30 Nov 2026 09:00 WITA", "2026-11-30 09:00 WITA"),
        ("Asia/Jayapura", "Senin, 30 Nov 2026 10:00 WIT", "2026-11-30 10:00 WIT"),
        ("Asia/Bangkok", "Senin, 30 Nov 2026 08:00 WIB", "2026-11-30 08:00 WIB"),
        ("Asia/Tokyo", "Senin, 30 Nov 2026 10:00 JST", "2026-11-30 10:00 JST"),
        ("Australia/Perth", "Senin, 30 Nov 2026 09:00 AWST", "2026-11-30 09:00 AWST"),
        ("Europe/Berlin", "Senin, 30 Nov 2026 02:00 CET", "2026-11-30 02:00 CET"),
        ("UTC", "Senin, 30 Nov 2026 01:00 UTC", "2026-11-30 01:00 UTC"),
        ("America/New_York", "Minggu, 29 Nov 2026 20:00 EST", "2026-11-29 20:00 EST"),
    ],
)
def test_long_and_short_forms(zone: str, long: str, short: str) -> None:
    tz = ZoneInfo(zone)
    assert long_form(INSTANT, tz) == long
    assert short_form(INSTANT, tz) == short


@pytest.mark.parametrize(
    "offset_hours,abbr",
    [(7, "WIB"), (8, "WITA"), (9, "WIT"), (5, "UTC+05:00"), (0, "UTC")],
)
def test_fixed_offsets_take_indonesian_names(offset_hours: int, abbr: str) -> None:
    local = INSTANT.astimezone(timezone(timedelta(hours=offset_hours)))
    assert zone_abbr(local) == abbr


def test_summer_time_abbreviation_follows_the_date() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert short_form(datetime(2026, 7, 1, 6, tzinfo=UTC), berlin) == "2026-07-01 08:00 CEST"


@pytest.mark.parametrize(
    "day,name",
    [
        (30, "Senin"),
        (1, "Minggu"),
        (3, "Selasa"),
        (4, "Rabu"),
        (5, "Kamis"),
        (6, "Jumat"),
        (7, "Sabtu"),
    ],
)
def test_day_names(day: int, name: str) -> None:
    local = datetime(2026, 11, day, 12, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert date_long(local, ZoneInfo("Asia/Jakarta")).startswith(f"{name}, {day} November")


@pytest.mark.parametrize(
    "month,full,short",
    [(1, "Januari", "Jan"), (5, "Mei", "Mei"), (8, "Agustus", "Agu"), (10, "Oktober", "Okt")],
)
def test_month_names(month: int, full: str, short: str) -> None:
    assert month_name(month) == full
    assert month_name(month, short=True) == short


def test_iso_local_keeps_the_offset() -> None:
    assert iso_local(INSTANT, ZoneInfo("Asia/Makassar")) == "2026-11-30T09:00:00+08:00"


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        short_form(datetime(2026, 11, 30, 8), ZoneInfo("Asia/Jakarta"))
