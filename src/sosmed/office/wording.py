"""What a person reads about publishing: why a post did not go out, what a daemon run did,
and where an interrupted `sosmed publish` left its post; in plain words, one line each,
without the error classes the log keeps for machines."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from sosmed.costs import BUDGET_OPTION, HELD_BUDGET
from sosmed.i18n import N_, _
from sosmed.log.reasons import explain
from sosmed.state_words import label

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.publish.results import TickReport
    from sosmed.settings import Settings

# Which log outcome a post's status stands for, to word its last error like the log does.
_OUTCOME = {
    "scheduled": "retry",
    "failed": "failed",
    "in_doubt": "in_doubt",
    "needs_review": "needs_review",
    "missed": "missed",
}
# A daemon run's counts, in the order a person cares about them.
_COUNTS = (
    ("published", N_("terkirim")),
    ("failed", N_("gagal")),
    ("retried", N_("dicoba lagi nanti")),
    ("in_doubt", N_("belum pasti")),
    ("needs_review", N_("perlu diperiksa petugas")),
    ("missed", N_("terlewat")),
    ("swept", N_("diambil alih dari daemon mati")),
    ("stale", N_("diabaikan (sewa habis)")),
    ("held", N_("ditahan: anggaran")),
)


def split_error(last_error: str | None) -> tuple[str | None, str]:
    """``"Transient: x: could not connect"`` → ``("Transient", "x: could not connect")``."""
    text = (last_error or "").strip()
    head, sep, rest = text.partition(": ")
    if sep and head.isidentifier() and head[:1].isupper():
        return head, rest.strip()
    return None, text


def not_published(post: Post) -> str:
    """Why ``post`` is not online after `sosmed publish`, and what happens or to do next."""
    if post.status == "scheduled" and (post.last_error or "").startswith(HELD_BUDGET):
        return _(
            "post {id} tidak terkirim, {reason}; naikkan: sosmed accounts budget {account} "
            "JUMLAH (options.{option} di sosmed.toml) atau tunggu bulan berikutnya"
        ).format(id=post.id, reason=post.last_error, option=BUDGET_OPTION, account=post.account)
    error_class, detail = split_error(post.last_error)
    reason = explain(_OUTCOME.get(post.status), error_class, detail, post.platform)
    if post.status in ("in_doubt", "needs_review"):
        head = _("post {id} mungkin sudah terkirim, belum pasti").format(id=post.id)
    else:
        head = _("post {id} tidak terkirim ({status})").format(
            id=post.id, status=label(post.status)
        )
    parts = [head + (f": {reason}" if reason else "")]
    if detail:
        parts.append(_("pesan {platform}: {detail}").format(platform=post.platform, detail=detail))
    return "; ".join(parts)


def tick_summary(report: TickReport) -> str:
    """One line of what one daemon run did: "terkirim 3, gagal 1"."""
    shown = [f"{_(word)} {len(getattr(report, key))}" for key, word in _COUNTS]
    shown = [c for c, (key, _word) in zip(shown, _COUNTS, strict=True) if getattr(report, key)]
    return ", ".join(shown) if shown else _("tidak ada yang jatuh tempo")


def interrupted(settings: Settings, post_id: int) -> str:
    """Where a `sosmed publish` stopped by Ctrl-C left its post, and what to do.

    Read with the driver alone and a short wait: the process is being stopped, possibly in
    the middle of its own transaction or request, and must not wait for itself.
    """
    status = _status_now(settings.database_url, post_id)
    if status == "published":
        return _("dihentikan; post {id} sudah terkirim").format(id=post_id)
    if status == "publishing":
        return _(
            "dihentikan; post {id} mungkin sudah terkirim — daemon akan memeriksanya; "
            "lihat `sosmed status`"
        ).format(id=post_id)
    if status == "scheduled":
        return _(
            "dihentikan; post {id} belum terkirim dan tetap terjadwal — daemon akan "
            "mengirimnya; lihat `sosmed queue`"
        ).format(id=post_id)
    if status == "approved":
        return _("dihentikan; post {id} belum terkirim; kirim dengan `sosmed publish {id}`").format(
            id=post_id
        )
    if status:
        return _(
            "dihentikan; post {id} berstatus {status} mungkin sedang dikirim; lihat `sosmed status`"
        ).format(id=post_id, status=label(status))
    return _("dihentikan; post {id} mungkin sedang dikirim; lihat `sosmed status`").format(
        id=post_id
    )


def _status_now(database_url: str, post_id: int) -> str | None:
    from sosmed.office.faults import sqlite_path

    path = sqlite_path(database_url)
    if path is None:
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1.0)
        try:
            row = con.execute("SELECT status FROM post WHERE id = ?", (post_id,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None
