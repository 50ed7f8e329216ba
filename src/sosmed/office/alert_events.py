"""What is wrong now, as alert events: posts that failed, were missed or need a person, posts
held by a budget, and accounts whose token was refused or runs out soon (what `sosmed status`
reports)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from sosmed.alerts.decide import Event
from sosmed.i18n import N_, in_language
from sosmed.models import PostStatus
from sosmed.publish.health import next_step
from sosmed.redact import redact
from sosmed.settings import Settings
from sosmed.store import Store
from sosmed.timefmt import short_form

S = PostStatus
# The kinds of event the daemon watches (and so ends when they are gone); the watchdog's
# "daemon:" events are its own.
TICK_KINDS = ("post:", "token:")


def post_events(store: Store, lang: str = "id") -> list[Event]:
    out: list[Event] = []
    for status in (S.failed, S.needs_review, S.missed):
        posts = store.list_posts(status=status)
        for p in posts:
            # The number of attempts tells a post that failed again after a retry from the
            # failure already told.
            key = f"post:{p.id}:{status}:{p.attempts}"
            step = next_step(p, lang)
            out.append(Event(key, redact(f"{p.account}: {step}")))
    return out


def token_events(
    store: Store, now: datetime, warning_days: int, tz: tzinfo, lang: str
) -> list[Event]:
    out: list[Event] = []
    for st in store.account_states():
        fix = f"sosmed accounts set-secret {st.account} FIELD"
        check = f"sosmed accounts check {st.account}"
        if st.last_error:
            reason = redact(st.last_error.splitlines()[0])[:200]
            line = in_language(
                N_("akun {account}: token ditolak ({reason}) — perbarui: {fix}, lalu {check}"),
                lang,
            ).format(account=st.account, reason=reason, fix=fix, check=check)
            out.append(Event(f"token:{st.account}:rejected", line))
        expires = st.token_expires_at
        if expires and expires - now < timedelta(days=warning_days):
            when = short_form(expires, tz)
            line = in_language(
                N_("akun {account}: token habis berlaku {when} — perbarui: {fix}, lalu {check}"),
                lang,
            ).format(account=st.account, when=when, fix=fix, check=check)
            out.append(Event(f"token:{st.account}:expiring:{expires:%Y-%m-%d}", line))
    return out


def daemon_event(last_beat: datetime | None, now: datetime, tz: tzinfo, lang: str) -> Event:
    """The daemon is dead: no heartbeat since ``last_beat`` (None: never one)."""
    since = short_form(last_beat, tz) if last_beat else None
    if since:
        line = in_language(
            N_(
                "daemon mati: tidak ada tanda hidup sejak {since}; tidak ada yang terbit "
                "sampai dijalankan lagi: sosmed daemon"
            ),
            lang,
        ).format(since=since)
    else:
        line = in_language(
            N_(
                "daemon mati: belum pernah berjalan; tidak ada yang terbit sampai dijalankan "
                "lagi: sosmed daemon"
            ),
            lang,
        )
    key = f"daemon:{last_beat.isoformat() if last_beat else 'never'}"
    return Event(key, line, urgent=True)


def budget_events(store: Store, settings: Settings, now: datetime, lang: str) -> list[Event]:
    """An account whose posts are held by its monthly budget (X pay-per-use): one event per
    account and month, ended when none is held any more."""
    from sosmed.costs import BUDGET_OPTION

    by_account: dict[str, list[int]] = {}
    for post in store.held_by_budget():
        by_account.setdefault(post.account, []).append(post.id or 0)
    month = f"{now.astimezone(settings.tz):%Y-%m}"
    out = []
    for account, ids in sorted(by_account.items()):
        shown = ", ".join(map(str, ids))
        where = f"options.{BUDGET_OPTION} ({settings.config_path.name})"
        raise_it = f"sosmed accounts budget {account} JUMLAH"
        line = (
            f"akun {account}: posting {shown} ditahan oleh anggaran bulanan — naikkan: "
            f"{raise_it} ({where}) atau tunggu bulan berikutnya"
            if lang == "id"
            else f"account {account}: posts {shown} are held by the monthly budget — raise "
            f"it: {raise_it.replace('JUMLAH', 'USD')} ({where}) or wait for next month"
        )
        out.append(Event(f"post:budget:{account}:{month}", redact(line)))
    return out
