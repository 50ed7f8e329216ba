"""Slot rules → aware datetimes. Pure: the office's zone and the taken times come in as data.

A slot is a time of day (in the office's zone) on an allowed day of week, outside the quiet
hours, at least ``min_gap_minutes`` from every other post of the account, on a local day that
has fewer than ``daily_cap`` posts. Local times that do not exist or happen twice (zones with
DST) are refused when a person types them and skipped when they come from the slot table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Literal

from sosmed.errors import InputError
from sosmed.i18n import N_, _
from sosmed.settings import Slots
from sosmed.timefmt import INDONESIAN, date_long, short_form

HORIZON_DAYS = 60
DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_WHEN = re.compile(
    r"""^\s*
    (?: (?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})
      | (?P<d2>\d{1,2})[-/](?P<m2>\d{1,2})[-/](?P<y2>\d{4}) )
    (?:\s+|T)
    (?P<H>\d{1,2})[:.](?P<M>\d{2})(?::(?P<S>\d{2}))?
    \s*(?P<zone>Z|[+-]\d{2}:?\d{2}|[A-Za-z]+)?\s*$""",
    re.VERBOSE,
)
_ZONES: dict[str, tzinfo] = {
    **{abbr: timezone(off) for off, abbr in INDONESIAN.items()},
    "UTC": UTC,
    "Z": UTC,
}
_EXAMPLE = N_('"2026-12-01 08:00" (atau "01-12-2026 08:00", "2026-12-01T08:00")')

Fit = Literal["ok", "gap", "fold"]


def _aware(dt: datetime, what: str) -> datetime:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{what} is a naive datetime; use an aware one")
    return dt.astimezone(UTC)


def local_fit(naive: datetime, tz: tzinfo) -> Fit:
    """'ok', 'gap' (the clocks skip this wall time) or 'fold' (it happens twice)."""
    first, second = naive.replace(tzinfo=tz, fold=0), naive.replace(tzinfo=tz, fold=1)
    if first.utcoffset() == second.utcoffset():
        return "ok"
    back = first.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    return "gap" if back != naive else "fold"


def parse_local(text: str, tz: tzinfo) -> datetime:
    """A time a person typed, in the office's zone unless it names one → aware UTC.

    A trailing WIB / WITA / WIT / UTC or an offset (+07:00) is honoured, so the form that
    ``sosmed queue`` prints can be typed back. A wall time that does not exist or is ambiguous
    in ``tz`` is refused rather than guessed.
    """
    m = _WHEN.match(text)
    if not m:
        raise InputError(
            _("waktu {text} tidak dipahami; tulis seperti {example}").format(
                text=repr(text), example=_(_EXAMPLE)
            )
        )
    naive = _naive(m, text)
    zone = m["zone"]
    if zone:
        return naive.replace(tzinfo=_zone(zone, text)).astimezone(UTC)
    fit = local_fit(naive, tz)
    if fit != "ok":
        raise InputError(_fit_message(naive, tz, fit))
    return naive.replace(tzinfo=tz).astimezone(UTC)


def _naive(m: re.Match[str], text: str) -> datetime:
    year, month, day = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
    parts = (int(year), int(month), int(day), int(m["H"]), int(m["M"]), int(m["S"] or 0))
    try:
        return datetime(*parts)
    except ValueError:
        raise InputError(
            _("waktu {text} bukan tanggal dan jam yang ada ({error})").format(
                text=repr(text), error=_no_such(*parts)
            )
        ) from None


def _no_such(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str:
    """What is out of range in a typed date and time, in the reader's words (Python's own
    ValueError says it in English)."""
    import calendar

    if not 1 <= year <= 9999:
        return _("tahun {year} di luar jangkauan").format(year=year)
    if not 1 <= month <= 12:
        return _("bulan {month} tidak ada").format(month=month)
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return _("bulan itu hanya punya {days} hari").format(days=days)
    if hour > 23:
        return _("jam {hour} tidak ada; jam berjalan dari 00 sampai 23").format(hour=hour)
    return _("menit atau detik di luar 00–59")


def _zone(zone: str, text: str) -> tzinfo:
    if zone.upper() in _ZONES:
        return _ZONES[zone.upper()]
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            raise InputError(
                _("waktu {text}: selisih {zone} di luar jangkauan").format(
                    text=repr(text), zone=zone
                )
            )
        sign = 1 if zone[0] == "+" else -1
        return timezone(sign * timedelta(hours=hours, minutes=minutes))
    raise InputError(
        _(
            "waktu {text}: zona {zone} tidak dikenal (pakai WIB, WITA, WIT, UTC atau selisih "
            "seperti +07:00)"
        ).format(text=repr(text), zone=repr(zone))
    )


def _fit_message(naive: datetime, tz: tzinfo, fit: Fit) -> str:
    when = f"{naive:%Y-%m-%d %H:%M}"
    if fit == "gap":
        return _("{when} tidak ada di {tz} (jam dimajukan); pilih waktu lain").format(
            when=when, tz=tz
        )
    offsets = [naive.replace(tzinfo=tz, fold=f).strftime("%z") for f in (0, 1)]
    hint = _(" atau ").join(f"{naive:%Y-%m-%dT%H:%M}{o[:3]}:{o[3:]}" for o in offsets)
    return _("{when} terjadi dua kali di {tz} (jam dimundurkan); tulis {hint}").format(
        when=when, tz=tz, hint=hint
    )


# Quiet hours


def quiet_window(slots: Slots) -> tuple[time, time] | None:
    """The quiet hours as (start, end); None when there are none (or start equals end)."""
    if not slots.quiet_hours:
        return None
    start, end = (time.fromisoformat(p.strip()) for p in slots.quiet_hours.split("-"))
    return None if start == end else (start, end)


def in_quiet(slots: Slots, wall: time) -> bool:
    """Whether a local wall time is inside the quiet hours (start included, end excluded)."""
    window = quiet_window(slots)
    if window is None:
        return False
    start, end = window
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end  # the window crosses midnight


# Free slots


def taken_window(
    after: datetime, slots: Slots, days: int = HORIZON_DAYS
) -> tuple[datetime, datetime]:
    """The span of other posts' times that can matter to a slot search starting at ``after``.

    A day of margin on each side covers the local day (for the daily cap) in any zone.
    """
    after = _aware(after, "after")
    margin = timedelta(days=1, minutes=slots.min_gap_minutes)
    return after - margin, after + timedelta(days=days) + margin


def next_slot(slots: Slots, tz: tzinfo, after: datetime, taken: Iterable[datetime]) -> datetime:
    """The first free slot at or after ``after`` (aware UTC); InputError when none in 60 days."""
    after = _aware(after, "after")
    if not slots.times or not slots.days:
        raise InputError(_("akun ini tidak punya jam slot atau hari posting"))
    busy = sorted(_aware(t, "a taken time") for t in taken)
    per_day = Counter(t.astimezone(tz).date() for t in busy)
    first_day = after.astimezone(tz).date()
    for offset in range(HORIZON_DAYS + 1):
        day = first_day + timedelta(days=offset)
        if DAY_KEYS[day.weekday()] in slots.days and per_day[day] < slots.daily_cap:
            found = _first_on_day(slots, tz, day, after, busy)
            if found is not None:
                return found
    raise InputError(
        _(
            "tidak ada slot kosong dalam {n} hari ke depan (jam {times}; hari {days}; "
            "batas harian {cap}; jeda {gap} menit); beri waktu dengan --at"
        ).format(
            n=HORIZON_DAYS,
            times=", ".join(slots.times),
            days=", ".join(slots.days),
            cap=slots.daily_cap,
            gap=slots.min_gap_minutes,
        )
    )


def _first_on_day(
    slots: Slots, tz: tzinfo, day: date, after: datetime, busy: list[datetime]
) -> datetime | None:
    for hhmm in slots.times:
        naive = datetime.combine(day, time.fromisoformat(hhmm))
        fit = local_fit(naive, tz)
        if fit == "gap" or in_quiet(slots, naive.time()):
            continue
        at = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)  # a doubled hour: the first
        if at >= after and _clear(at, busy, slots.min_gap_minutes):
            return at
    return None


def _clear(at: datetime, busy: list[datetime], gap_minutes: int) -> bool:
    gap = timedelta(minutes=gap_minutes)
    return all(abs(at - t) >= gap for t in busy)


# An explicit time


@dataclass(frozen=True)
class Breach:
    """One slot rule that a chosen time breaks. ``blocking`` rules need --force."""

    rule: Literal["quiet_hours", "daily_cap", "min_gap", "days"]
    message: str

    @property
    def blocking(self) -> bool:
        return self.rule in ("quiet_hours", "daily_cap")

    def __str__(self) -> str:
        return self.message


def check_at(slots: Slots, tz: tzinfo, at: datetime, taken: Iterable[datetime]) -> list[Breach]:
    """Every slot rule that posting at ``at`` would break, given the account's other times."""
    at = _aware(at, "at")
    busy = [_aware(t, "a taken time") for t in taken]
    rules = (_quiet_breach, _day_breach, _cap_breach, _gap_breach)
    return [b for rule in rules if (b := rule(slots, tz, at, busy)) is not None]


def _quiet_breach(slots: Slots, tz: tzinfo, at: datetime, busy: list[datetime]) -> Breach | None:
    local = at.astimezone(tz)
    if not in_quiet(slots, local.time()):
        return None
    text = _("{time} ada di jam tenang {quiet}").format(
        time=f"{local:%H:%M}", quiet=slots.quiet_hours
    )
    return Breach("quiet_hours", text)


def _day_breach(slots: Slots, tz: tzinfo, at: datetime, busy: list[datetime]) -> Breach | None:
    if DAY_KEYS[at.astimezone(tz).weekday()] in slots.days:
        return None
    text = _("{date} bukan hari posting akun ini").format(date=date_long(at, tz))
    return Breach("days", text)


def _cap_breach(slots: Slots, tz: tzinfo, at: datetime, busy: list[datetime]) -> Breach | None:
    day = at.astimezone(tz).date()
    same_day = sum(1 for t in busy if t.astimezone(tz).date() == day)
    if same_day < slots.daily_cap:
        return None
    # Two messages, not one: English counts "1 post" and "2 posts".
    if same_day == 1:
        message = _("{date} sudah punya 1 post (batas harian {cap})")
    else:
        message = _("{date} sudah punya {n} post (batas harian {cap})")
    text = message.format(date=date_long(at, tz), n=same_day, cap=slots.daily_cap)
    return Breach("daily_cap", text)


def _gap_breach(slots: Slots, tz: tzinfo, at: datetime, busy: list[datetime]) -> Breach | None:
    near = [t for t in busy if not _clear(at, [t], slots.min_gap_minutes)]
    if not near:
        return None
    closest = short_form(min(near, key=lambda t: abs(t - at)), tz)
    text = _("kurang dari {gap} menit dari post lain pada {closest}").format(
        gap=slots.min_gap_minutes, closest=closest
    )
    return Breach("min_gap", text)
