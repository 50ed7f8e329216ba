"""The post log's CSV and JSON exports: one record per attempt, every string redacted.

Records stream: a million-row export holds one row at a time, and each distinct string is
redacted once (:class:`sosmed.redact.Redactor`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from datetime import tzinfo
from typing import Any, TextIO

from sosmed.attempts import LogRow
from sosmed.log.reasons import explain
from sosmed.redact import Redactor
from sosmed.timefmt import iso_local, zone_abbr

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
