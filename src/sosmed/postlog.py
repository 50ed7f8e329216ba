"""The post log as people read it: local times, failures in plain words, CSV and JSON exports.

Pure shaping of the rows the store reads; every string that leaves through an export passes the
one redaction filter. The store hands over :class:`LogRow` values, not ORM objects, so that a
million-row export stays a stream of small tuples.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Any, TextIO

from sosmed import timefmt
from sosmed.errors import InputError
from sosmed.platforms.names import platform_title
from sosmed.redact import redact
from sosmed.timefmt import iso_local, short_form, zone_abbr

# What the publisher writes in Attempt.outcome.
OUTCOMES = (
    "published",
    "retry",
    "failed",
    "in_doubt",
    "reconciled_published",
    "reconciled_absent",
    "needs_review",
    "missed",
    "stale",
    "resolved_published",
    "resolved_absent",
)

REASONS: dict[str, dict[str, str]] = {
    "en": {
        "auth": "renew the {platform} token (sosmed accounts check)",
        "rate_limited": "rate limited; retried after the reset",
        "duplicate": "rejected as duplicate",
        "in_doubt": "check the account and settle with sosmed resolve",
        "missed": "too late (max_lateness); reschedule if still useful",
        "rejected": "rejected by {platform}; edit the post and schedule it again",
        "transient": "temporary error at {platform}; retried",
        "gave_up": "gave up after repeated errors; schedule it again later",
        "stale": "ignored: written by an expired lease",
        "reconciled_published": "found on {platform} after an unclear send: published",
        "reconciled_absent": "not on {platform} after an unclear send: scheduled again",
        "resolved_published": "settled by a person: published",
        "resolved_absent": "settled by a person: not published",
        "pending": "no result recorded yet (in flight or interrupted)",
        "failed": "failed; see the error",
    },
    "id": {
        "auth": "perbarui token {platform} (sosmed accounts check)",
        "rate_limited": "kena batas kiriman; dicoba lagi setelah batas pulih",
        "duplicate": "ditolak karena dianggap duplikat",
        "in_doubt": "periksa akun lalu tetapkan dengan sosmed resolve",
        "missed": "terlambat (melewati max_lateness); jadwalkan ulang bila masih berguna",
        "rejected": "ditolak oleh {platform}; perbaiki posting lalu jadwalkan lagi",
        "transient": "gangguan sementara di {platform}; dicoba lagi",
        "gave_up": "gagal setelah berkali-kali dicoba; jadwalkan lagi nanti",
        "stale": "diabaikan: ditulis oleh proses yang masa sewanya habis",
        "reconciled_published": "ternyata sudah terbit di {platform}",
        "reconciled_absent": "tidak ada di {platform}; dijadwalkan lagi",
        "resolved_published": "ditetapkan petugas: sudah terbit",
        "resolved_absent": "ditetapkan petugas: tidak terbit",
        "pending": "belum ada hasil (sedang dikirim atau terputus)",
        "failed": "gagal; lihat pesan galat",
    },
}

_SETTLED = {
    "stale",
    "reconciled_published",
    "reconciled_absent",
    "resolved_published",
    "resolved_absent",
}
_DOUBT = {"in_doubt", "needs_review"}


@dataclass(frozen=True, slots=True)
class LogRow:
    """One attempt as the log shows it (the columns of ``attempt``, in this order)."""

    id: int
    post_id: int
    account: str
    platform: str
    kind: str
    fence: int
    worker: str
    started_at: datetime | None
    finished_at: datetime | None
    outcome: str | None
    http_status: int | None
    error_class: str | None
    message: str | None
    remote_id: str | None
    remote_url: str | None


@dataclass(frozen=True, slots=True)
class LogFilter:
    since: datetime | None = None
    until: datetime | None = None
    account: str | None = None
    outcome: str | None = None


def platform_name(platform: str) -> str:
    """The platform as people know it (its class's ``title``)."""
    return platform_title(platform)


def reason_key(outcome: str | None, error_class: str | None, message: str | None) -> str | None:
    """Which plain-words explanation fits an attempt (None: nothing to explain)."""
    if outcome == "published":
        return None
    if outcome is None:
        return "pending"
    if outcome in _SETTLED:
        return outcome
    return _error_reason(outcome, error_class or "", (message or "").lower())


def _error_reason(outcome: str, error_class: str, text: str) -> str | None:
    if error_class == "AuthError" or ("token" in text and "expired" in text):
        return "auth"
    if error_class == "Rejected":
        return "duplicate" if "duplicate" in text else "rejected"
    if outcome in _DOUBT or error_class in ("InDoubt", "CannotTell"):
        return "in_doubt"
    if outcome == "missed":
        return "missed"
    if outcome == "failed":
        return "gave_up" if error_class in ("RateLimited", "Transient") else "failed"
    if error_class == "RateLimited":
        return "rate_limited"
    if error_class == "Transient" or outcome == "retry":
        return "transient"
    return None


def explain(
    outcome: str | None,
    error_class: str | None,
    message: str | None,
    platform: str,
    lang: str = "en",
) -> str:
    """The failure in plain words, with what a person should do ("" when nothing failed)."""
    key = reason_key(outcome, error_class, message)
    if key is None:
        return ""
    return REASONS[lang][key].format(platform=platform_name(platform))


# Reading --since, --month


_DURATION = re.compile(r"^\s*(\d{1,6})\s*([mhdw])\s*$", re.IGNORECASE)
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?\s*$")
_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_since(text: str, now: datetime, tz: tzinfo) -> datetime:
    """``30m``, ``24h``, ``7d``, ``2w`` before ``now``, or a local date (and time)."""
    if m := _DURATION.match(text):
        return now - timedelta(**{_UNITS[m.group(2).lower()]: int(m.group(1))})
    if m := _DATE.match(text):
        y, mo, d, hh, mm = (int(g) if g else 0 for g in m.groups())
        try:
            return datetime(y, mo, d, hh, mm, tzinfo=tz)
        except ValueError as e:
            raise InputError(f"--since {text!r}: {e}") from None
    raise InputError(
        f"--since {text!r}: expected a span like 30m, 24h, 7d, 2w "
        "or a local date like 2026-11-01 (or '2026-11-01 08:00')"
    )


def parse_month(text: str, tz: tzinfo) -> tuple[datetime, datetime]:
    """``2026-11`` → the first instant of that month and of the next, in the office's zone."""
    m = _MONTH.match(text)
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1970:
        raise InputError(f"--month {text!r}: expected a year and month like 2026-11")
    return month_bounds(int(m.group(1)), int(m.group(2)), tz)


def month_bounds(year: int, month: int, tz: tzinfo) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=tz)
    end = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=tz)
    return start, end


# Dates in the reader's language, in the office's zone

EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
EN_MONTHS_LONG = (
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
EN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def fmt_date(d: date, lang: str) -> str:
    if lang == "id":
        return f"{timefmt.DAYS[d.weekday()]}, {d.day} {timefmt.month_name(d.month, True)} {d.year}"
    return f"{EN_DAYS[d.weekday()]} {d.day} {EN_MONTHS[d.month - 1]} {d.year}"


def fmt_when(dt: datetime | None, tz: tzinfo, lang: str) -> str:
    """'Senin, 30 Nov 2026 08:00 WIB' / 'Mon 30 Nov 2026 08:00 WIB'."""
    if dt is None:
        return ""
    local = dt.astimezone(tz)
    return f"{fmt_date(local.date(), lang)} {local:%H:%M} {timefmt.zone_abbr(local)}"


def _month(m: int, lang: str, short: bool = False) -> str:
    if lang == "id":
        return timefmt.month_name(m, short)
    return (EN_MONTHS if short else EN_MONTHS_LONG)[m - 1]


def period_label(start: datetime, end: datetime, tz: tzinfo, lang: str, month: bool) -> str:
    first, last = start.astimezone(tz), (end - timedelta(microseconds=1)).astimezone(tz)
    if month:
        return f"{_month(first.month, lang)} {first.year}"
    a = f"{first.day} {_month(first.month, lang, True)} {first.year}"
    return f"{a} – {last.day} {_month(last.month, lang, True)} {last.year}"


# Shaping for people and for exports

FIELDS = (
    "id",
    "time",
    "zone",
    "post_id",
    "account",
    "platform",
    "kind",
    "outcome",
    "http_status",
    "error_class",
    "error",
    "reason",
    "remote_url",
    "started_at_utc",
    "finished_at_utc",
    "worker",
    "fence",
)


def local_time(dt: datetime | None, tz: tzinfo) -> str:
    """'2026-11-30 08:00 WIB', or '' when unknown."""
    return short_form(dt, tz) if dt else ""


HEADER = ("time", "post", "account", "platform", "outcome", "link / error")


def table_lines(rows: Iterable[LogRow], tz: tzinfo) -> list[str]:
    """The log as aligned plain-text lines (header first), redacted.

    Plain columns rather than a drawn table: a few milliseconds for hundreds of rows, and
    lines that grep, less and a narrow terminal all handle."""
    clean = Redactor()
    cells = [HEADER] + [
        (
            local_time(r.started_at, tz),
            str(r.post_id),
            clean(r.account) or "",
            clean(r.platform) or "",
            clean(r.outcome) or "(no result)",
            _detail(r, clean),
        )
        for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER) - 1)]
    return ["  ".join([*(c[i].ljust(w) for i, w in enumerate(widths)), c[-1]]) for c in cells]


def _detail(r: LogRow, clean: Redactor) -> str:
    if r.outcome == "published" or (r.remote_url and not r.message):
        return clean(r.remote_url) or clean(r.remote_id) or ""
    reason = explain(r.outcome, r.error_class, r.message, r.platform)
    error = " ".join((clean(r.message) or "").split())
    return f"{error} → {reason}" if error and reason else error or reason


class Redactor:
    """``redact`` with a memory of the values it has seen.

    An export repeats the same account, worker and error text on thousands of rows; cleaning
    each distinct value once keeps a million-row export a matter of seconds.
    """

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self.seen: dict[str, str] = {}

    def __call__(self, value: str | None) -> str | None:
        if not value:
            return value
        clean = self.seen.get(value)
        if clean is None:
            clean = redact(value)
            if len(self.seen) < self.size:
                self.seen[value] = clean
        return clean


def record(row: LogRow, tz: tzinfo, clean: Redactor | None = None) -> dict[str, Any]:
    """One attempt as an export record; every string from the database is redacted."""
    r = clean or Redactor()
    local = row.started_at.astimezone(tz) if row.started_at else None
    reason = explain(row.outcome, row.error_class, row.message, row.platform)
    return {
        "id": row.id,
        "time": iso_local(local, tz) if local else None,
        "zone": zone_abbr(local) if local else None,
        "post_id": row.post_id,
        "account": r(row.account),
        "platform": r(row.platform),
        "kind": r(row.kind),
        "outcome": r(row.outcome),
        "http_status": row.http_status,
        "error_class": r(row.error_class),
        "error": r(row.message),
        "reason": r(reason) or None,
        "remote_url": r(row.remote_url),
        "started_at_utc": row.started_at.isoformat() if row.started_at else None,
        "finished_at_utc": row.finished_at.isoformat() if row.finished_at else None,
        "worker": r(row.worker),
        "fence": row.fence,
    }


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    # A cell that starts like a formula would run in a spreadsheet; a quote keeps it text.
    if isinstance(value, str) and value.startswith(_FORMULA):
        return "'" + value
    return "" if value is None else value


def write_csv(rows: Iterable[LogRow], tz: tzinfo, out: TextIO) -> int:
    """Stream the rows as CSV with a header; return how many were written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    clean, n = Redactor(), 0
    for row in rows:
        writer.writerow([_cell(v) for v in record(row, tz, clean).values()])
        n += 1
    return n


def write_json(rows: Iterable[LogRow], tz: tzinfo, out: TextIO) -> int:
    """Stream the rows as one JSON array, a record a line; return how many were written."""
    clean, n = Redactor(), 0
    out.write("[")
    for n, row in enumerate(rows, 1):
        out.write(
            ("\n" if n == 1 else ",\n") + json.dumps(record(row, tz, clean), ensure_ascii=False)
        )
    out.write("\n]\n" if n else "]\n")
    return n
