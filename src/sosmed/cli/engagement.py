"""Commands: engagement collect (one pass, for cron or by hand); the table of `log --metrics`."""

from __future__ import annotations

from datetime import tzinfo
from typing import TYPE_CHECKING

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console
from sosmed.i18n import N_, _, translated

if TYPE_CHECKING:
    from sosmed.models import Engagement

engagement_app = typer.Typer(
    help=_("Angka publik tiap posting (suka, komentar, bagikan, tayangan) dari platformnya."),
    no_args_is_help=True,
)

# Column widths of `log --metrics`: 80 columns in all.
_WIDTHS = (15, 6, 16, 5, 6, 6, 6, 8)
_NOTES = {
    "not_allowed": N_("tidak diizinkan"),
    "missed": N_("terlewat"),
    "failed": N_("gagal dibaca"),
}


@engagement_app.command(
    "collect",
    help=_(
        "Baca angka publik setiap post yang tahap 1 jam, 24 jam atau 7 harinya tiba, lalu simpan."
    ),
)
def collect(ctx: typer.Context) -> None:
    """Read the counters of every post whose 1 h, 24 h or 7 d stage is due, and store them."""
    from sosmed.office.engagement import EngagementDesk

    app: AppContext = ctx.obj
    desk = EngagementDesk(app.office)
    if not app.settings.config.engagement.enabled:
        console.print(_("pengumpulan angka publik mati ([engagement] enabled = false)"))
        return
    done = desk.collect()
    if done.skipped:
        console.print(_("daemon lain sedang mengumpulkan; tidak ada yang dibaca"))
        return
    line = _("{stored} angka disimpan, {reads} kali dibaca").format(
        stored=done.stored, reads=done.reads
    )
    if done.cost:
        line += _(" (biaya {cost:.3f} USD)").format(cost=done.cost)
    console.print(line, markup=False)
    for account, why in desk.accounts().items():
        if why is not None:
            console.print(f"{account}: {why}", markup=False, soft_wrap=True)
    for account, why in done.refused.items():
        err_console.print(
            _("{account}: tidak diizinkan membaca angka publik ({why})").format(
                account=account, why=why
            ),
            markup=False,
            soft_wrap=True,
        )
    for account, why in done.failed.items():
        err_console.print(
            _("{account}: gagal dibaca, dicoba lagi nanti ({why})").format(
                account=account, why=why
            ),
            markup=False,
            soft_wrap=True,
        )
    if done.refused or done.failed:
        raise typer.Exit(1)


def metrics_lines(rows: list[Engagement], tz: tzinfo) -> list[str]:
    """The rows of `log --metrics` as a table that fits 80 columns, newest first."""
    from sosmed.timefmt import short_form

    head = (_("waktu"), "post", _("akun"), _("tahap"), _("suka"), _("komen"), _("bagi"))
    lines = [_row((*head, _("tayang")))]
    for r in rows:
        when = short_form(r.collected_at, tz)[5:] if r.collected_at else ""
        c = r.counters or {}
        first = (when, str(r.post_id), r.account, r.stage)
        if not c:  # no counters: why not, across the counters' columns
            note = translated(_NOTES.get(r.note or "", r.note or ""))
            lines.append(_row(first) + " " + note)
            continue
        keys = ("likes", "comments", "shares", "views")
        lines.append(_row((*first, *(str(c[k]) if k in c else "—" for k in keys))))
    return lines


def _row(cells: tuple[str, ...]) -> str:
    out = []
    for i, (cell, width) in enumerate(zip(cells, _WIDTHS, strict=False)):
        text = cell if len(cell) <= width else cell[: width - 1] + "…"
        out.append(text.rjust(width) if i == 1 or i >= 4 else text.ljust(width))
    return " ".join(out).rstrip()


def register(app: typer.Typer) -> None:
    app.add_typer(engagement_app, name="engagement")
