"""The week's calendar grid (schedule/week.py): weeks named by people, posts placed in the
office's day and slot, and the free slots offered for a move."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sosmed.errors import InputError
from sosmed.schedule.week import (
    Entry,
    build_week,
    free_slots,
    parse_week,
    slot_times,
    week_key,
    week_span,
)
from sosmed.settings import Slots

WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
TODAY = date(2026, 12, 9)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "monday"),
    [
        (None, date(2026, 12, 7)),
        ("", date(2026, 12, 7)),
        ("2026-W50", date(2026, 12, 7)),
        ("2026w51", date(2026, 12, 14)),
        ("2026-W53", date(2026, 12, 28)),  # 2026 has 53 ISO weeks
        ("2027-W01", date(2027, 1, 4)),
        ("2026-12-13", date(2026, 12, 7)),  # a Sunday: the week it ends
    ],
)
def test_parse_week(text: str | None, monday: date) -> None:
    assert parse_week(text, TODAY) == monday


@pytest.mark.parametrize("text", ["2026-W54", "2025-W53", "minggu depan", "2026-13-01", "W50"])
def test_parse_week_refuses_what_is_not_a_week(text: str) -> None:
    with pytest.raises(InputError, match="2026-W50"):
        parse_week(text, TODAY)


def test_week_key_round_trips_across_the_year() -> None:
    assert week_key(date(2026, 12, 28)) == "2026-W53"
    assert week_key(date(2027, 1, 4)) == "2027-W01"
    for n in range(60):
        monday = date(2026, 11, 2) + timedelta(weeks=n)
        assert parse_week(week_key(monday), TODAY) == monday


def entry(pid: int, when: datetime | None, status: str = "scheduled") -> Entry:
    return Entry(pid, "humas_x", "x", status, when.astimezone(UTC) if when else None)


def test_posts_sit_in_the_office_day_and_slot_not_the_utc_one() -> None:
    monday = date(2026, 12, 7)
    posts = [
        entry(1, datetime(2026, 12, 7, 8, 0, tzinfo=WITA)),  # 00:00 UTC Monday
        entry(2, datetime(2026, 12, 7, 23, 30, tzinfo=WITA)),  # 15:30 UTC, still Monday
        entry(3, datetime(2026, 12, 13, 19, 0, tzinfo=WITA), "published"),
        entry(4, datetime(2026, 12, 14, 0, 0, tzinfo=WITA)),  # next Monday: not this week
        entry(5, datetime(2026, 12, 6, 23, 59, tzinfo=WITA)),  # the Sunday before
        entry(6, None, "approved"),
        entry(7, datetime(2026, 12, 9, 9, 15, tzinfo=WITA), "failed"),
    ]
    week = build_week(monday, WITA, ["08:00", "12:00", "19:00"], posts)
    assert week.count == 4 and week.key == "2026-W50"
    assert week.previous == "2026-W49" and week.following == "2026-W51"
    grid = {r.label: [[e.id for e in c] for c in r.cells] for r in week.rows}
    assert [r.label for r in week.rows] == ["08:00", "09:15", "12:00", "19:00", "23:30"]
    assert [r.slot for r in week.rows] == [True, False, True, True, False]
    assert grid["08:00"][0] == [1]
    assert grid["23:30"][0] == [2]
    assert grid["19:00"][6] == [3]
    assert grid["09:15"][2] == [7]
    assert grid["12:00"] == [[]] * 7


def test_the_same_instant_is_another_day_in_wit_than_in_wib() -> None:
    instant = datetime(2026, 12, 13, 15, 30, tzinfo=UTC)  # Sunday 22:30 WIB, Monday 00:30 WIT
    wib = build_week(date(2026, 12, 7), ZoneInfo("Asia/Jakarta"), [], [entry(1, instant)])
    wit = build_week(date(2026, 12, 14), WIT, [], [entry(1, instant)])
    assert [(r.label, [len(c) for c in r.cells]) for r in wib.rows] == [
        ("22:30", [0, 0, 0, 0, 0, 0, 1])
    ]
    assert [(r.label, [len(c) for c in r.cells]) for r in wit.rows] == [
        ("00:30", [1, 0, 0, 0, 0, 0, 0])
    ]
    start, end = week_span(date(2026, 12, 14), WIT)
    assert start == datetime(2026, 12, 13, 15, 0, tzinfo=UTC) and end - start == timedelta(days=7)


def test_slot_times_joins_every_account_s_times_once() -> None:
    a = Slots(times=["19:00", "08:00"])
    b = Slots(times=["08:00", "10:30"])
    assert slot_times([a, b]) == ["08:00", "10:30", "19:00"]


def test_free_slots_keep_the_daily_cap_and_skip_taken_ones() -> None:
    slots = Slots(times=["08:00", "12:00", "16:00"], daily_cap=2, min_gap_minutes=60)
    after = datetime(2026, 12, 7, 7, 0, tzinfo=WITA)
    taken = [datetime(2026, 12, 7, 12, 30, tzinfo=WITA).astimezone(UTC)]
    found = [t.astimezone(WITA) for t in free_slots(slots, WITA, after, taken, 4)]
    # Monday: 08:00 is free; 12:00 is 30 min from the taken post; the cap of 2 ends Monday.
    assert [f"{t:%a %H:%M}" for t in found] == ["Mon 08:00", "Tue 08:00", "Tue 12:00", "Wed 08:00"]


def test_free_slots_is_empty_without_slot_times() -> None:
    slots = Slots(times=[], days=["mon"])
    assert free_slots(slots, WITA, datetime(2026, 12, 7, tzinfo=UTC), [], 3) == []
