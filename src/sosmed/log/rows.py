"""The post log as people read it: the row the store hands over, the filter, the table.

The store hands over :class:`~sosmed.attempts.LogRow` values, not ORM objects, so that a
million-row export stays a stream of small tuples. Exports are in :mod:`sosmed.log.export`,
the plain-words reasons in :mod:`sosmed.log.reasons`, ``--since`` and ``--month`` in
:mod:`sosmed.log.periods`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, tzinfo

from sosmed.attempts import AttemptOutcome as O
from sosmed.attempts import LogRow
from sosmed.i18n import N_, _
from sosmed.log.reasons import explain
from sosmed.redact import Redactor
from sosmed.state_words import outcome_label
from sosmed.timefmt import short_form

# The outcomes `sosmed log --status` offers: every one the log can hold.
OUTCOMES = tuple(O)


def local_time(dt: datetime | None, tz: tzinfo) -> str:
    """'2026-11-30 08:00 WIB', or '' when unknown."""
    return short_form(dt, tz) if dt else ""


HEADER = (N_("waktu"), N_("post"), N_("akun"), N_("platform"), N_("hasil"), N_("tautan / galat"))


def table_lines(rows: Iterable[LogRow], tz: tzinfo) -> list[str]:
    """The log as aligned plain-text lines (header first), redacted.

    Plain columns rather than a drawn table: a few milliseconds for hundreds of rows, and
    lines that grep, less and a narrow terminal all handle."""
    cells = [tuple(_(h) for h in HEADER), *log_cells(rows, tz)]
    widths = [max(len(c[i]) for c in cells) for i in range(len(HEADER) - 1)]
    return ["  ".join([*(c[i].ljust(w) for i, w in enumerate(widths)), c[-1]]) for c in cells]


def log_cells(rows: Iterable[LogRow], tz: tzinfo) -> list[tuple[str, ...]]:
    """Each attempt as the six cells of :data:`HEADER`, redacted."""
    clean = Redactor()
    return [
        (
            local_time(r.started_at, tz),
            str(r.post_id),
            clean(r.account) or "",
            clean(r.platform) or "",
            outcome_label(r.outcome) if r.outcome else _("(belum ada hasil)"),
            _detail(r, clean),
        )
        for r in rows
    ]


def _detail(r: LogRow, clean: Redactor) -> str:
    if r.outcome == O.published or (r.remote_url and not r.message):
        return clean(r.remote_url) or clean(r.remote_id) or ""
    reason = explain(r.outcome, r.error_class, r.message, r.platform)
    error = " ".join((clean(r.message) or "").split())
    if r.error_class and error.startswith(r.error_class + ": "):
        error = error[len(r.error_class) + 2 :]  # the class is for machines (--json, --csv)
    return f"{error} → {reason}" if error and reason else error or reason
