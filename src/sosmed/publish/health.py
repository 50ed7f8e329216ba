"""What `sosmed status` reports: is the daemon alive, is work piling up, must a person act.

Read through :class:`~sosmed.store.fast_health.HealthReads`, over a connection of the
database driver's own or the store's: the same queries either way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from sosmed.costs import MICROS
from sosmed.i18n import N_, _, in_language
from sosmed.post_row import PostStatus, RetractState
from sosmed.publish import budget
from sosmed.timefmt import short_form, zone_abbr

if TYPE_CHECKING:  # the reads are plain SQL (sosmed.store.fast_health): no ORM for `status`
    from sosmed.settings import Settings
    from sosmed.store.fast_health import HealthReads

S = PostStatus

TOKEN_WARNING = timedelta(days=7)


@dataclass
class Health:
    now: datetime
    heartbeat: datetime | None
    worker: str | None
    counts: dict[PostStatus, int]
    oldest_due: datetime | None
    tokens_expiring: list[str] = field(default_factory=list)
    # Posts in publishing whose owner died, and scheduled posts of accounts no longer configured.
    stuck: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # This month's (spend, budget) in micro-dollars of accounts billed per request (X).
    spend: dict[str, tuple[int, int | None]] = field(default_factory=dict)
    budget_held: list[int] = field(default_factory=list)
    # Published posts whose retraction waits for a person (the platform cannot, or failed).
    unretracted: list[int] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "heartbeat": self.heartbeat.isoformat() if self.heartbeat else None,
            "worker": self.worker,
            "queue_depth": self.counts.get(S.scheduled, 0),
            "oldest_due": self.oldest_due.isoformat() if self.oldest_due else None,
            "in_doubt": self.counts.get(S.in_doubt, 0),
            "needs_review": self.counts.get(S.needs_review, 0),
            "failed": self.counts.get(S.failed, 0),
            "missed": self.counts.get(S.missed, 0),
            "published": self.counts.get(S.published, 0),
            "tokens_expiring": self.tokens_expiring,
            "stuck": self.stuck,
            "held": self.held,
            "problems": self.problems,
            "spend_usd": {
                a: {"spent": spent / MICROS, "budget": None if b is None else b / MICROS}
                for a, (spent, b) in self.spend.items()
            },
            "held_by_budget": self.budget_held,
            "retract_waiting": self.unretracted,
            "needs_person": self.needs_person,
        }


def health(store: HealthReads, settings: Settings, now: datetime) -> Health:
    beats = store.heartbeats()
    counts = store.counts_by_status()
    h = Health(
        now=now,
        heartbeat=beats[0].beat_at if beats else None,
        worker=beats[0].worker if beats else None,
        counts=counts,
        oldest_due=store.oldest_due(now),
    )
    _token_problems(store, now, h)
    _stuck_problems(store, settings.tz, h)
    _held_problems(store, settings, h)
    _post_problems(store, h)
    _retract_problems(store, h)
    h.spend = budget.month_spend(store, settings, now)
    h.budget_held = [p.id or 0 for p in store.held_by_budget()]
    h.problems += budget.budget_problems(store, settings, h.spend)
    stale_after = timedelta(seconds=max(120, 4 * settings.config.daemon.publish_every_seconds))
    if h.oldest_due and now - h.oldest_due > stale_after:
        alive = h.heartbeat is not None and now - h.heartbeat < stale_after
        h.problems.append(
            _("post yang jatuh tempo sejak {since} masih menunggu").format(
                since=short_form(h.oldest_due, settings.tz)
            )
            + ("" if alive else _("; tidak ada tanda hidup daemon: apakah 'sosmed daemon' jalan?"))
        )
    return h


# `status` names each post a person must act on, with the command; past this many per
# status it counts the rest (the posts list has them all).
NAMED_PER_STATUS = 20


def next_step(post: Any, lang: str | None = None) -> str:
    """What a person does about a post that waits for one, as one line with the command, in
    ``lang`` (the office's alerts) or the language this process speaks."""
    from sosmed.log.reasons import reason_key

    def say(message: str) -> str:
        return in_language(message, lang).format(id=post.id)

    if post.status == S.needs_review:
        return say(
            N_(
                "post {id} mungkin sudah tayang — periksa akunnya, lalu: sosmed resolve {id} "
                "--published URL --by NAMA (atau --not-published)"
            )
        )
    if post.status == S.missed:
        return say(
            N_(
                "post {id} terlewat waktunya — kirim ulang: sosmed retry {id} --by NAMA "
                "(atau sosmed cancel {id} --by NAMA)"
            )
        )
    error = post.last_error or ""
    error_class = error.split(":", 1)[0] if ":" in error else None
    key = reason_key("failed", error_class, error.lower())
    if key == "auth":
        return say(
            N_("post {id} gagal: token ditolak — perbarui token, lalu: sosmed retry {id} --by NAMA")
        )
    if key == "duplicate":
        return say(
            N_(
                "post {id} gagal: ditolak sebagai duplikat — periksa akunnya; ubah teksnya "
                "(sosmed edit {id} --by NAMA) atau batalkan (sosmed cancel {id} --by NAMA)"
            )
        )
    if key == "rejected":
        return say(
            N_(
                "post {id} gagal: ditolak oleh platform — ubah teksnya: sosmed edit {id} "
                "--by NAMA, lalu setujui lagi"
            )
        )
    gave_up = N_(
        "post {id} gagal setelah beberapa kali dicoba — kirim ulang: sosmed retry {id} --by NAMA"
    )
    return say(gave_up)


def _post_problems(store: HealthReads, h: Health) -> None:
    for status in (S.needs_review, S.failed, S.missed):
        posts = store.list_posts(status=status)
        h.problems += [next_step(p) for p in posts[:NAMED_PER_STATUS]]
        if len(posts) > NAMED_PER_STATUS:
            h.problems.append(
                _("dan {n} post {status} lagi (sosmed posts --status {status})").format(
                    n=len(posts) - NAMED_PER_STATUS, status=status
                )
            )


def _retract_problems(store: HealthReads, h: Health) -> None:
    for order, post in store.retractions_waiting():
        h.unretracted.append(post.id or 0)
        if order.state == RetractState.manual:
            line = _(
                "post {id} ({account}) belum terhapus: hapus sendiri di {url}, lalu: "
                "sosmed retract {id} --done-by-hand --by NAMA"
            )
        else:
            line = _(
                "post {id} ({account}) gagal ditarik — coba lagi: sosmed retract {id} --by NAMA "
                '--reason "…" (atau hapus sendiri di {url}, lalu: sosmed retract {id} '
                "--done-by-hand --by NAMA)"
            )
        where = post.remote_url or _("(alamat tidak diketahui)")
        h.problems.append(line.format(id=post.id, account=post.account, url=where))


def _token_problems(store: HealthReads, now: datetime, h: Health) -> None:
    for st in store.account_states():
        if st.last_error:
            h.problems.append(
                _("akun {account}: {error}").format(account=st.account, error=st.last_error)
            )
        if st.token_expires_at and st.token_expires_at - now < TOKEN_WARNING:
            h.tokens_expiring.append(f"{st.account} ({st.token_expires_at:%Y-%m-%d})")
            h.problems.append(
                _("akun {account}: token habis berlaku {date}; perbarui").format(
                    account=st.account, date=f"{st.token_expires_at:%Y-%m-%d}"
                )
            )


def _stuck_problems(store: HealthReads, tz: tzinfo, h: Health) -> None:
    """A post left in publishing by a dead daemon: nothing settles it until a daemon runs its
    sweep, and whether it went out is unknown until then."""
    for post in store.stuck_publishing(h.now):
        h.stuck.append(post.id or 0)
        since = _clock(post.updated_at or post.lease_until or h.now, h.now, tz)
        h.problems.append(
            _(
                "post {id} ({account}) tertahan di status 'publishing' sejak {since}: "
                "daemon pemiliknya ({owner}) tidak hidup lagi; "
                "jalankan 'sosmed daemon' agar diperiksa ulang"
            ).format(id=post.id, account=post.account, since=since, owner=post.lease_owner or "?")
        )


def _held_problems(store: HealthReads, settings: Settings, h: Health) -> None:
    """Scheduled posts of an account removed from sosmed.toml: the publisher skips them."""
    by_account: dict[str, list[Any]] = defaultdict(list)
    for post in store.scheduled_outside([a.name for a in settings.config.accounts]):
        h.held.append(post.id or 0)
        by_account[post.account].append(post)
    for account, posts in by_account.items():
        ids = ", ".join(str(p.id) for p in posts)
        h.problems.append(
            _(
                "{n} post terjadwal (id {ids}) ditahan: akun '{account}' tidak ada lagi di "
                "{config}; tambahkan lagi akun itu atau batalkan postnya ('sosmed cancel')"
            ).format(n=len(posts), ids=ids, account=account, config=settings.config_path.name)
        )


def _clock(dt: datetime, now: datetime, tz: tzinfo) -> str:
    """'10:03 WIB' today in the office's zone, else '2026-11-30 10:03 WIB'."""
    local = dt.astimezone(tz)
    if local.date() == now.astimezone(tz).date():
        return f"{local:%H:%M} {zone_abbr(local)}"
    return short_form(dt, tz)
