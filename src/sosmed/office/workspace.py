"""What the web workspace's own pages read (Status, Log): the office's answers gathered for a
page, with every time already in the office's zone and every error text redacted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sosmed.i18n import _
from sosmed.redact import redact

if TYPE_CHECKING:
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
    problems = [redact(p) for p in h.problems]
    h.problems[:] = problems
    return StatusView(health=h, pairs=[(k, redact(v)) for k, v in pairs], accounts=accounts)
