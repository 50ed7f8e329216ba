"""Slot rules: typed local times, the next free slot, and the rules an explicit time breaks."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sosmed.errors import InputError
from sosmed.schedule.slots import (
    HORIZON_DAYS,
    check_at,
    in_quiet,
    local_fit,
    next_slot,
    parse_local,
    taken_window,
)
from sosmed.settings import Slots

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def local(tz: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=tz).astimezone(UTC)  # type: ignore[misc]


# Typed times


@pytest.mark.parametrize(
    "text,tz,expected",
    [
        ("2026-12-01 08:00", WIB, utc(2026, 12, 1, 1, 0)),
        ("2026-12-01T08:00", WITA, utc(2026, 12, 1, 0, 0)),
        ("01-12-2026 08:00", WIT, utc(2026, 11, 30, 23, 0)),
        ("1/12/2026 08.00", WIB, utc(2026, 12, 1, 1, 0)),
        ("  2026-12-01 8:05  ", WIB, utc(2026, 12, 1, 1, 5)),
        ("2026-12-01 08:00:30", WIB, utc(2026, 12, 1, 1, 0, 30)),
        ("2026-12-01 08:00 WITA", WIB, utc(2026, 12, 1, 0, 0)),
        ("2026-12-01 08:00 wit", WIB, utc(2026, 11, 30, 23, 0)),
        ("2026-12-01 08:00 UTC", WIB, utc(2026, 12, 1, 8, 0)),
        ("2026-12-01T08:00Z", WIB, utc(2026, 12, 1, 8, 0)),
        ("2026-12-01T08:00+07:00", BERLIN, utc(2026, 12, 1, 1, 0)),
        ("2026-12-01T08:00-0500", WIB, utc(2026, 12, 1, 13, 0)),
        ("2026-07-01 08:00", BERLIN, utc(2026, 7, 1, 6, 0)),
        ("2026-12-01 08:00", BERLIN, utc(2026, 12, 1, 7, 0)),
        ("2026-03-29 03:30", BERLIN, utc(2026, 3, 29, 1, 30)),
        ("2026-10-25T02:30+01:00", BERLIN, utc(2026, 10, 25, 1, 30)),
        ("2026-10-25T02:30+02:00", BERLIN, utc(2026, 10, 25, 0, 30)),
        ("2026-11-01 02:30", NEW_YORK, utc(2026, 11, 1, 7, 30)),
    ],
)
def test_parse_local(text: str, tz: ZoneInfo, expected: datetime) -> None:
    got = parse_local(text, tz)
    assert got == expected
    assert got.tzinfo is UTC


@pytest.mark.parametrize(
    "text,tz,message",
    [
        ("tomorrow 8", WIB, "not understood"),
        ("2026-12-01", WIB, "not understood"),
        ("08:00", WIB, "not understood"),
        ("2026-02-30 08:00", WIB, "not a real date"),
        ("2026-12-01 24:00", WIB, "not a real date"),
        ("2026-12-01 08:61", WIB, "not a real date"),
        ("2026-12-01 08:00 CET", WIB, "unknown zone"),
        ("2026-12-01T08:00+25:00", WIB, "out of range"),
        ("2026-03-29 02:30", BERLIN, "does not exist"),
        ("2026-10-25 02:30", BERLIN, "happens twice"),
        ("2026-03-08 02:30", NEW_YORK, "does not exist"),
        ("2026-11-01 01:30", NEW_YORK, "happens twice"),
    ],
)
@pytest.mark.usefixtures("english")
def test_parse_local_refuses(text: str, tz: ZoneInfo, message: str) -> None:
    with pytest.raises(InputError, match=message):
        parse_local(text, tz)


@pytest.mark.usefixtures("english")
def test_ambiguous_time_names_both_offsets() -> None:
    with pytest.raises(InputError) as info:
        parse_local("2026-10-25 02:30", BERLIN)
    assert "2026-10-25T02:30+02:00 or 2026-10-25T02:30+01:00" in str(info.value)


@pytest.mark.parametrize(
    "wall,tz,fit",
    [
        (datetime(2026, 3, 29, 2, 30), BERLIN, "gap"),
        (datetime(2026, 10, 25, 2, 30), BERLIN, "fold"),
        (datetime(2026, 10, 25, 3, 0), BERLIN, "ok"),
        (datetime(2026, 3, 29, 2, 30), WIB, "ok"),
        (datetime(2026, 3, 8, 2, 0), NEW_YORK, "gap"),
        (datetime(2026, 11, 1, 1, 0), NEW_YORK, "fold"),
    ],
)
def test_local_fit(wall: datetime, tz: ZoneInfo, fit: str) -> None:
    assert local_fit(wall, tz) == fit


# Quiet hours


@pytest.mark.parametrize(
    "quiet,wall,expected",
    [
        ("22:00-06:00", "23:00", True),
        ("22:00-06:00", "22:00", True),
        ("22:00-06:00", "00:00", True),
        ("22:00-06:00", "05:59", True),
        ("22:00-06:00", "06:00", False),
        ("22:00-06:00", "21:59", False),
        ("22:00-06:00", "12:00", False),
        ("12:00-13:00", "12:30", True),
        ("12:00-13:00", "13:00", False),
        ("12:00-13:00", "11:59", False),
        ("08:00-08:00", "08:00", False),
        (None, "03:00", False),
    ],
)
def test_in_quiet(quiet: str | None, wall: str, expected: bool) -> None:
    assert in_quiet(Slots(quiet_hours=quiet), time.fromisoformat(wall)) is expected


# The next free slot

FOUR = {"times": ["08:00", "12:00", "16:00", "19:00"], "min_gap_minutes": 60, "daily_cap": 6}
# 2026-11-30 is a Monday; 2026-12-04 a Friday.
MON = (2026, 11, 30)
TUE = (2026, 12, 1)


@pytest.mark.parametrize(
    "name,rules,tz,after,taken,expected",
    [
        ("first slot", {}, WIB, local(WIB, *MON, 7), [], local(WIB, *MON, 8)),
        ("slot time itself", {}, WIB, local(WIB, *MON, 8), [], local(WIB, *MON, 8)),
        ("a minute late", {}, WIB, local(WIB, *MON, 8, 1), [], local(WIB, *MON, 12)),
        ("after the last", {}, WIB, local(WIB, *MON, 19, 30), [], local(WIB, *TUE, 8)),
        ("taken slot", {}, WIB, local(WIB, *MON, 7), [local(WIB, *MON, 8)], local(WIB, *MON, 12)),
        (
            "too close",
            {},
            WIB,
            local(WIB, *MON, 7),
            [local(WIB, *MON, 8, 30), local(WIB, *MON, 11, 15)],
            local(WIB, *MON, 16),
        ),
        (
            "gap zero",
            {"min_gap_minutes": 0},
            WIB,
            local(WIB, *MON, 7),
            [local(WIB, *MON, 8)],
            local(WIB, *MON, 8),
        ),
        (
            "daily cap",
            {"daily_cap": 2},
            WIB,
            local(WIB, *MON, 7),
            [local(WIB, *MON, 6), local(WIB, *MON, 10)],
            local(WIB, *TUE, 8),
        ),
        (
            "cap counts the local day",
            {"daily_cap": 1, "min_gap_minutes": 0},
            WIB,
            local(WIB, *MON, 20),
            [local(WIB, *TUE, 0, 30)],  # Monday 17:30 UTC, but Tuesday in WIB
            local(WIB, 2026, 12, 2, 8),
        ),
        (
            "weekdays only",
            {"days": ["mon", "tue", "wed", "thu", "fri"]},
            WIB,
            local(WIB, 2026, 12, 4, 20),
            [],
            local(WIB, 2026, 12, 7, 8),
        ),
        (
            "quiet hours",
            {"quiet_hours": "07:30-09:00"},
            WIB,
            local(WIB, *MON, 7),
            [],
            local(WIB, *MON, 12),
        ),
        (
            "quiet hours over midnight",
            {"quiet_hours": "18:00-09:00"},
            WIB,
            local(WIB, *MON, 16, 30),
            [],
            local(WIB, *TUE, 12),
        ),
        ("WITA", {}, WITA, local(WITA, *MON, 7), [], utc(*MON, 0)),
        ("WIT", {}, WIT, local(WIT, *MON, 7), [], utc(2026, 11, 29, 23)),
        (
            "spring forward skips the missing slot",
            {"times": ["02:30"]},
            BERLIN,
            local(BERLIN, 2026, 3, 28, 12),
            [],
            utc(2026, 3, 30, 0, 30),
        ),
        (
            "fall back takes the first of a doubled slot",
            {"times": ["02:30"]},
            BERLIN,
            local(BERLIN, 2026, 10, 24, 12),
            [],
            utc(2026, 10, 25, 0, 30),
        ),
        (
            "new york spring forward",
            {"times": ["02:15", "09:00"]},
            NEW_YORK,
            local(NEW_YORK, 2026, 3, 8, 0),
            [],
            utc(2026, 3, 8, 13),
        ),
    ],
)
def test_next_slot(
    name: str,
    rules: dict[str, Any],
    tz: ZoneInfo,
    after: datetime,
    taken: list[datetime],
    expected: datetime,
) -> None:
    slots = Slots.model_validate({**FOUR, **rules})
    assert next_slot(slots, tz, after, taken) == expected, name


def test_next_slot_fills_a_day_in_order() -> None:
    slots = Slots.model_validate(FOUR)
    taken: list[datetime] = []
    for _ in range(5):
        taken.append(next_slot(slots, WIB, local(WIB, *MON, 7), taken))
    assert [t.astimezone(WIB).strftime("%a %H:%M") for t in taken] == [
        "Mon 08:00",
        "Mon 12:00",
        "Mon 16:00",
        "Mon 19:00",
        "Tue 08:00",
    ]


@pytest.mark.parametrize(
    "rules",
    [
        {"times": []},
        {"days": []},
        {"times": ["23:00"], "quiet_hours": "22:00-06:00"},
        {"times": ["08:00"], "days": ["mon"], "daily_cap": 1},
    ],
)
@pytest.mark.usefixtures("english")
def test_next_slot_gives_up_clearly(rules: dict[str, Any]) -> None:
    slots = Slots.model_validate({**FOUR, **rules})
    mondays = [local(WIB, *MON, 9) + timedelta(weeks=w) for w in range(12)]
    with pytest.raises(InputError, match=r"no slot|no free slot"):
        next_slot(slots, WIB, local(WIB, *MON, 7), mondays)


def test_next_slot_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="naive"):
        next_slot(Slots(), WIB, datetime(2026, 11, 30, 7), [])


def test_taken_window_covers_the_horizon() -> None:
    after = local(WIB, *MON, 7)
    low, high = taken_window(after, Slots(min_gap_minutes=90))
    assert low <= after - timedelta(days=1, minutes=90)
    assert high >= after + timedelta(days=HORIZON_DAYS)


# An explicit time


@pytest.mark.parametrize(
    "rules,at,taken,expected",
    [
        ({}, local(WIB, *MON, 8), [], []),
        ({"quiet_hours": "22:00-06:00"}, local(WIB, *MON, 23), [], ["quiet_hours"]),
        ({"quiet_hours": "22:00-06:00"}, local(WIB, *MON, 6), [], []),
        ({"days": ["mon", "tue"]}, local(WIB, 2026, 12, 5, 8), [], ["days"]),
        (
            {"daily_cap": 2},
            local(WIB, *MON, 20),
            [local(WIB, *MON, 8), local(WIB, *MON, 12)],
            ["daily_cap"],
        ),
        (
            {"daily_cap": 2},
            local(WIB, *TUE, 0, 30),
            [local(WIB, *MON, 8), local(WIB, *MON, 12)],
            [],
        ),
        ({}, local(WIB, *MON, 8, 30), [local(WIB, *MON, 8)], ["min_gap"]),
        ({}, local(WIB, *MON, 9), [local(WIB, *MON, 8)], []),
        (
            {"quiet_hours": "22:00-06:00", "daily_cap": 1},
            local(WIB, *MON, 23),
            [local(WIB, *MON, 22, 45)],
            ["quiet_hours", "daily_cap", "min_gap"],
        ),
    ],
)
def test_check_at(
    rules: dict[str, Any], at: datetime, taken: list[datetime], expected: list[str]
) -> None:
    slots = Slots.model_validate({**FOUR, **rules})
    assert [b.rule for b in check_at(slots, WIB, at, taken)] == expected


@pytest.mark.usefixtures("english")
def test_check_at_explains_in_local_time() -> None:
    slots = Slots.model_validate({**FOUR, "quiet_hours": "22:00-06:00", "daily_cap": 1})
    found = check_at(slots, WITA, local(WITA, *MON, 23), [local(WITA, *MON, 22, 30)])
    text = [str(b) for b in found]
    assert text[0] == "23:00 is in the quiet hours 22:00-06:00"
    assert text[1] == "Senin, 30 November 2026 already has 1 post (daily cap 1)"
    assert text[2] == "less than 60 min from another post at 2026-11-30 22:30 WITA"
    assert [b.blocking for b in found] == [True, True, False]
