"""Reading the periods people type: ``--since 7d`` or a local date, ``--month 2026-11``."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo

from sosmed.errors import InputError
from sosmed.i18n import _

_DURATION = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
# Nothing in an office is older; an earlier --since reads as "everything" (the database's
# drivers refuse dates near the year 1).
EARLIEST = datetime(1970, 1, 1)
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime, tz: tzinfo) -> datetime:
    """``30m``, ``24h``, ``7d``, ``2w`` before ``now``, or a local date (and time)."""
    if m := _DURATION.match(text):
        try:
            since = now - timedelta(**{_UNITS[m.group(2).lower()]: int(m.group(1))})
        except OverflowError:  # before the year 1
            since = datetime.min.replace(tzinfo=tz)
        return max(since, EARLIEST.replace(tzinfo=tz))
    if m := _DATE.match(text):
        y, mo, d, hh, mm = (int(g) if g else 0 for g in m.groups())
        try:
            return max(datetime(y, mo, d, hh, mm, tzinfo=tz), EARLIEST.replace(tzinfo=tz))
        except ValueError:
            raise InputError(
                _("--since {text}: bukan tanggal yang ada").format(text=repr(text))
            ) from None
    raise InputError(
        _(
            "--since {text}: tulis rentang seperti 30m, 24h, 7d, 2w "
            "atau tanggal setempat seperti 2026-11-01 (atau '2026-11-01 08:00')"
        ).format(text=repr(text))
    )


def parse_month(text: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """``2026-11`` → the first instant of that month and of the next, in the office's zone."""
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12 or not 1970 <= int(m.group(1)) < 9999:
        raise InputError(
            _("--month {text}: tulis tahun dan bulan seperti 2026-11").format(text=repr(text))
        )
    return month_bounds(int(m.group(1)), int(m.group(2)), tz)


def month_bounds(year: int, month: int, tz: tzinfo) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end
