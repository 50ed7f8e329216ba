"""What the web workspace's own pages read (Status, Log): the office's answers gathered for a
page, with every time already in the office's zone and every error text redacted."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.redact import redact

if TYPE_CHECKING:
    from sosmed.attempts import LogFilter
    from sosmed.office import Office
    from sosmed.publish.health import Health


@dataclass(frozen=True)
class AccountLine:
    name: str
    platform: str
    identity: str
    checked: str
    token_expires: str
    paused_until: str
    error: str


@dataclass(frozen=True)
class StatusView:
    health: Health
    problems: list[str]
    pairs: list[tuple[str, str]]
    accounts: list[AccountLine]


def status_view(office: Office) -> StatusView:
    """`sosmed status` as a page: the daemon's heartbeat, the counts, what needs a person, X
    spend; and each account's last check (who the token is, until when, the last error)."""
    from sosmed.costs import money
    from sosmed.models import PostStatus as S
    from sosmed.timefmt import short_form

    tz = office.settings.tz
    h = office.health()

    def when(dt: object) -> str:
        return short_form(dt, tz) if dt else "—"  # type: ignore[arg-type]

    none = _("tidak ada")
    alive = (
        f"{when(h.heartbeat)} ({h.worker})"
        if h.heartbeat
        else _("belum pernah: daemon belum pernah berjalan")
    )
    pairs = [
        (_("tanda hidup daemon terakhir"), alive),
        (_("dalam antrean"), str(h.counts.get(S.scheduled, 0))),
        (_("jatuh tempo terlama"), when(h.oldest_due)),
        (_("terbit"), str(h.counts.get(S.published, 0))),
        (_("belum pasti (sedang dicocokkan)"), str(h.counts.get(S.in_doubt, 0))),
        (_("perlu diperiksa"), str(h.counts.get(S.needs_review, 0))),
        (_("gagal"), str(h.counts.get(S.failed, 0))),
        (_("terlewat"), str(h.counts.get(S.missed, 0))),
        (_("tertahan saat dikirim"), ", ".join(map(str, h.stuck)) or none),
        (_("ditahan (akun dihapus)"), ", ".join(map(str, h.held)) or none),
        (_("token segera kedaluwarsa"), ", ".join(h.tokens_expiring) or none),
    ]
    for account, (spent, budget) in sorted(h.spend.items()):
        pairs.append((_("biaya X bulan ini"), f"{account}: {money(spent, budget)}"))
    if h.budget_held:
        pairs.append((_("ditahan: anggaran"), ", ".join(map(str, h.budget_held))))
    if h.unretracted:
        pairs.append((_("belum terhapus (penarikan)"), ", ".join(map(str, h.unretracted))))
    states = {s.account.lower(): s for s in office.store.account_states()}
    accounts = []
    for a in office.settings.config.accounts:
        st = states.get(a.name.lower())
        accounts.append(
            AccountLine(
                name=a.name,
                platform=a.platform,
                identity=redact(st.identity) if st and st.identity else "—",
                checked=when(st.checked_at) if st else "—",
                token_expires=when(st.token_expires_at) if st else "—",
                paused_until=when(st.not_before)
                if st and st.not_before and st.not_before > h.now
                else "—",
                error=redact(st.last_error) if st and st.last_error else "",
            )
        )
    return StatusView(
        health=h,
        problems=[redact(p) for p in h.problems],
        pairs=[(k, redact(v)) for k, v in pairs],
        accounts=accounts,
    )


@dataclass(frozen=True)
class LogPage:
    cells: list[tuple[str, ...]]
    post_ids: list[int]
    outcomes: list[str | None]
    more: bool
    filtered: bool
    accounts: list[str]


def log_filter(
    office: Office,
    start: str | None,
    until: str | None,
    account: str | None,
    outcome: str | None,
) -> LogFilter:
    """The log's filter from a page's fields: from and to local dates (``to`` taking its whole
    day), one account, one outcome; InputError naming the field that cannot be used."""
    from sosmed.attempts import LogFilter
    from sosmed.log.periods import parse_since
    from sosmed.log.rows import OUTCOMES

    tz, now = office.settings.tz, office.now()
    value = (outcome or "").strip().lower()
    if value and value not in OUTCOMES:
        raise InputError(
            _("hasil {value}: pilih salah satu dari {choices}").format(
                value=repr(outcome), choices=", ".join(OUTCOMES)
            )
        )
    end = None
    if until and until.strip():
        end = parse_since(until, now, tz)
        if len(until.strip()) == 10:  # a date alone: up to the end of that day
            end += timedelta(days=1)
    return LogFilter(
        since=parse_since(start, now, tz) if start and start.strip() else None,
        until=end,
        account=office.account_name(account.strip()) if account and account.strip() else None,
        outcome=value or None,
    )


def log_page(office: Office, f: LogFilter, limit: int) -> LogPage:
    """The newest ``limit`` attempts that match, newest first, as the log's cells (redacted)."""
    from sosmed.attempts import LogFilter
    from sosmed.log.rows import log_cells

    rows = office.log_newest(f, limit + 1)
    shown = rows[:limit]
    return LogPage(
        cells=log_cells(shown, office.settings.tz),
        post_ids=[r.post_id for r in shown],
        outcomes=[r.outcome for r in shown],
        more=len(rows) > limit,
        filtered=f != LogFilter(),
        accounts=[a.name for a in office.settings.config.accounts],
    )


def log_csv(office: Office, f: LogFilter, batch: int = 500) -> Iterator[str]:
    """Every matching attempt, oldest first, as CSV text in pieces (the header first), the
    same columns and cells as `sosmed log --csv`."""
    import io
    from itertools import islice

    from sosmed.log.export import write_csv

    rows = office.log_oldest_first(f)
    first = True
    while True:
        chunk = list(islice(rows, batch))
        if not chunk and not first:
            return
        out = io.StringIO()
        write_csv(chunk, office.settings.tz, out)
        text = out.getvalue()
        yield text if first else text.split("\n", 1)[1]
        first = False
        if not chunk:
            return


@dataclass(frozen=True)
class PostPage:
    post_id: int
    account: str
    platform: str
    status: str
    text: str
    article_id: int
    article_title: str
    article_url: str
    scheduled: str
    approved_by: str
    remote_url: str
    history: list[tuple[str, str, str]]


def post_page(office: Office, post_id: int) -> PostPage:
    """One post's story: its text and article, and everything that happened to it (composed,
    edited, approved, each attempt, reconciliation), oldest first; NotFound when none."""
    from sosmed.timefmt import short_form

    post = office.post(post_id)
    article = office.store.get_article(post.article_id)
    tz = office.settings.tz
    due = office.due_at(post)
    return PostPage(
        post_id=post_id,
        account=post.account,
        platform=post.platform,
        status=str(post.status),
        text=post.text,
        article_id=post.article_id,
        article_title=article.title or "",
        article_url=article.url or "",
        scheduled=short_form(due, tz) if due else "—",
        approved_by=post.approved_by or "—",
        remote_url=redact(post.remote_url) if post.remote_url else "",
        history=[(w, who, redact(what)) for w, who, what in office.history(post_id)],
    )


def report_period(office: Office, month: str | None) -> tuple[datetime, datetime, str]:
    """The month a page asks for ("2026-11"; this month when empty): its first instant, the
    next month's, and its name."""
    from sosmed.log.periods import month_bounds, parse_month

    tz = office.settings.tz
    if month and month.strip():
        start, end = parse_month(month, tz)
    else:
        local = office.now().astimezone(tz)
        start, end = month_bounds(local.year, local.month, tz)
    return start, end, start.astimezone(tz).strftime("%Y-%m")


def remember_secrets(office: Office) -> int:
    """Read every secret the configured accounts have (the secrets file, the environment) once,
    so that redaction masks each of them wherever it turns up in a page, before any platform
    call has read it; how many were found."""
    from sosmed.errors import SosmedError
    from sosmed.media_config import SECRET_FIELDS, SECRETS
    from sosmed.platforms.registry import platform_class

    settings, found = office.settings, 0
    wanted: list[tuple[str, str]] = []
    for account in settings.config.accounts:
        try:
            cls = platform_class(account.platform)
        except SosmedError:
            continue
        fields = (*cls.secret_fields, *cls.optional_secret_fields)
        wanted += [(account.name, field) for field in fields]
    wanted += [(SECRETS, field) for field in SECRET_FIELDS]
    for name, field in wanted:
        try:
            found += settings.secret(name, field, required=False) is not None
        except SosmedError:
            continue
    return found
