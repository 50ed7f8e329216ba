"""Commands: schedule (put posts on the calendar), queue (what goes out when)."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.i18n import _
from sosmed.office import Office
from sosmed.timefmt import iso_local, long_form, short_form

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.settings import Settings

TEXT_WIDTH = 60


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _note(line: str) -> None:
    err_console.print(f"[yellow]{escape(_('catatan:'))}[/yellow] {escape(line)}")


def schedule(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(
        ..., metavar="POST_ID...", help=_("Satu atau beberapa nomor post yang disetujui.")
    ),
    at: str | None = typer.Option(
        None,
        "--at",
        help=_(
            'Waktu setempat kantor, mis. "2026-12-01 08:00" (atau "now"). '
            "Dengan --next-slot: slot kosong pertama sejak waktu itu."
        ),
    ),
    next_slot: bool = typer.Option(
        False,
        "--next-slot",
        help=_("Ambil slot kosong berikutnya tiap akun (bawaan bila --at tidak diberikan)."),
    ),
    force: bool = typer.Option(
        False,
        "--force",
        help=_("Tetap pakai --at walau di jam tenang, melewati batas harian atau sudah lewat."),
    ),
    as_json: bool = typer.Option(
        False, "--json", help=_("Cetak post yang dijadwalkan sebagai JSON.")
    ),
) -> None:
    app: AppContext = ctx.obj
    office, settings = app.office, app.settings
    when = office.parse_time(at) if at is not None else None
    posts = office.schedule(post_ids, when, next_slot, force, _actor(), _note)
    if as_json:
        print_json([_post_dict(p, settings) for p in posts])
        return
    for p in posts:
        assert p.scheduled_at is not None
        console.print(
            escape(
                _("post {id} ({account}, {platform}) dijadwalkan pada").format(
                    id=p.id, account=p.account, platform=p.platform
                )
            )
            + f" [bold]{escape(long_form(p.scheduled_at, settings.tz))}[/bold]"
        )


def _iso(dt: datetime | None, settings: Settings) -> str | None:
    return iso_local(dt, settings.tz) if dt is not None else None


def _post_dict(p: Post, settings: Settings) -> dict[str, Any]:
    due = Office.due_at(p)
    return {
        "id": p.id,
        "account": p.account,
        "platform": p.platform,
        "status": p.status,
        "due_at": _iso(due, settings),
        "due_local": short_form(due, settings.tz) if due else None,
        "scheduled_at": _iso(p.scheduled_at, settings),
        "next_try_at": _iso(p.next_try_at, settings),
        "attempts": p.attempts,
        "text": p.text,
    }


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_WIDTH else flat[: TEXT_WIDTH - 1] + "…"


def _status_cell(p: Post) -> str:
    if p.status == "scheduled" and p.next_try_at is not None:
        return _("scheduled (diulang setelah {n} percobaan)").format(n=p.attempts)
    return p.status


def queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(
        False, "--json", help=_("Cetak sebagai JSON (waktu ISO dengan selisih zona).")
    ),
    limit: int = typer.Option(100, "--limit", min=1, help=_("Berapa banyak, terdekat dulu.")),
) -> None:
    app: AppContext = ctx.obj
    settings = app.settings
    rows = app.office.queue(limit)
    if as_json:
        print_json([_post_dict(p, settings) for p in rows])
        return
    if not rows:
        console.print(
            _("antrean kosong: jadwalkan post yang disetujui dengan 'sosmed schedule POST_ID'"),
            markup=False,
        )
        return
    table = Table()
    for name in (_("waktu"), "id", _("akun"), _("platform"), _("status"), _("teks")):
        table.add_column(name, no_wrap=True, overflow="ellipsis")
    for p in rows:
        due = Office.due_at(p)
        table.add_row(
            short_form(due, settings.tz) if due else "—",
            str(p.id),
            escape(p.account),
            p.platform,
            _status_cell(p),
            escape(_snippet(p.text)),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(
        "schedule",
        help=_("Jadwalkan post pada suatu waktu atau di slot kosong berikutnya akunnya."),
    )(schedule)
    app.command(
        "queue",
        help=_(
            "Apa yang terbit kapan: post terjadwal, sedang dikirim dan belum pasti, terdekat dulu."
        ),
    )(queue)
