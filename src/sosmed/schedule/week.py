"""A week of the calendar as people read it: seven office days by the posting slots. Pure.

The workspace's Antrian page draws this. Rows are the slot times of every account (the times
people plan with) and, below them, any other time of day a post in the week has (a post put at
09:15 by hand, a retry). A post sits in the office's local day and time (WIB, WITA or WIT), so
a post at 23:30 WITA is on that day although it is 15:30 UTC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.settings import Slots

_WEEK = re.compile(r"^\s*(\d{4})-?W(\d{1,2})\s*$", re.IGNORECASE)
_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def parse_week(text: str | None, today: date) -> date:
    """The Monday of the week ``text`` names ("2026-W50", or any date in it); this week's
    when ``text`` is empty. InputError for anything else."""
    if not text or not text.strip():
        return monday_of(today)
    try:
        if m := _WEEK.match(text):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _DAY.match(text):
            return monday_of(date(int(m[1]), int(m[2]), int(m[3])))
    except ValueError:
        pass
    raise InputError(
        _("minggu {text} tidak dipahami; tulis seperti 2026-W50 atau 2026-12-07").format(
            text=repr(text)
        )
    )


def week_key(monday: date) -> str:
    """'2026-W50': the ISO week, as the page's address writes it."""
    year, week, _day = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_span(monday: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """[start, end) of the week in aware datetimes: office midnight Monday to midnight Monday."""
    start = datetime.combine(monday, time(), tzinfo=tz)
    return start, datetime.combine(monday + timedelta(days=7), time(), tzinfo=tz)


@dataclass(slots=True)
class Entry:
    """One post as the calendar shows it; ``when`` is aware (UTC from the store)."""

    id: int
    account: str
    platform: str
    status: str
    when: datetime | None
    fence: int = 0
    title: str | None = None
    text: str = ""
    attempts: int = 0
    error: str | None = None


@dataclass
class Row:
    """One time of day across the seven days; ``slot``: a time some account posts at."""

    label: str
    slot: bool
    cells: list[list[Entry]] = field(default_factory=lambda: [[] for _day in range(7)])


@dataclass
class Week:
    monday: date
    days: list[date]
    rows: list[Row]
    count: int

    @property
    def key(self) -> str:
        return week_key(self.monday)

    @property
    def previous(self) -> str:
        return week_key(self.monday - timedelta(days=7))

    @property
    def following(self) -> str:
        return week_key(self.monday + timedelta(days=7))


def slot_times(all_slots: Iterable[Slots]) -> list[str]:
    """Every account's slot times, once each, in the order of the day."""
    return sorted({t for slots in all_slots for t in slots.times})


def build_week(monday: date, tz: tzinfo, slots: Iterable[str], entries: Iterable[Entry]) -> Week:
    """The grid of the week from ``monday``: ``slots`` rows first, then other times a post has.

    Entries outside the week, or without a time, are left out; each cell keeps its entries in
    the order given (the store's: by time, then id)."""
    days = [monday + timedelta(days=n) for n in range(7)]
    rows = {label: Row(label, True) for label in slots}
    count = 0
    for entry in entries:
        if entry.when is None:
            continue
        local = entry.when.astimezone(tz)
        index = (local.date() - monday).days
        if not 0 <= index < 7:
            continue
        label = f"{local.hour:02d}:{local.minute:02d}"
        row = rows.get(label) or rows.setdefault(label, Row(label, False))
        row.cells[index].append(entry)
        count += 1
    ordered = sorted(rows.values(), key=lambda r: r.label)
    return Week(monday, days, ordered, count)


def free_slots(
    slots: Slots, tz: tzinfo, after: datetime, taken: Iterable[datetime], count: int
) -> list[datetime]:
    """The first ``count`` free slots at or after ``after``: each one found counts as taken for
    the next, as if the post went there (so the daily cap and the gap hold among them)."""
    from sosmed.schedule.slots import next_slot

    busy = list(taken)
    found: list[datetime] = []
    start = after
    while len(found) < count:
        try:
            at = next_slot(slots, tz, start, busy)
        except InputError:
            break
        found.append(at)
        busy.append(at)
        start = at + timedelta(minutes=1)
    return found
