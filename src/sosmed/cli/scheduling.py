"""Commands: schedule (put posts on the calendar), queue (what goes out when)."""

from __future__ import annotations

import getpass
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.office import Office
from sosmed.state_words import label
from sosmed.timefmt import date_long, iso_local, short_form

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.post_row import PostRow
    from sosmed.settings import Settings


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
            + f" [bold]{short_form(p.scheduled_at, settings.tz)}[/bold]"
        )


def _iso(dt: datetime | None, settings: Settings) -> str | None:
    return iso_local(dt, settings.tz) if dt is not None else None


def _post_dict(p: Post | PostRow, settings: Settings) -> dict[str, Any]:
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


def _retry_note(p: Post | PostRow) -> str:
    """Before a retried post's words, where the table does not cut it: how often it was tried."""
    if p.status == "scheduled" and p.next_try_at is not None:
        return _("(dicoba lagi; sudah {n}×) ").format(n=p.attempts)
    return ""


def queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(
        False, "--json", help=_("Cetak sebagai JSON (waktu ISO dengan selisih zona).")
    ),
    limit: int = typer.Option(100, "--limit", min=1, help=_("Berapa banyak, terdekat dulu.")),
    today: bool = typer.Option(False, "--today", help=_("Hanya hari ini (waktu kantor).")),
    tomorrow: bool = typer.Option(False, "--tomorrow", help=_("Hanya besok (waktu kantor).")),
    week: bool = typer.Option(
        False, "--week", help=_("Hari ini dan enam hari berikutnya, per hari.")
    ),
) -> None:
    app: AppContext = ctx.obj
    settings = app.settings
    if today + tomorrow + week > 1:
        raise InputError(_("pilih satu: --today, --tomorrow atau --week"))
    if today or tomorrow or week:
        _queue_days(app, tomorrow, 7 if week else 1, limit, as_json)
        return
    from sosmed.office import views  # plain SQL through the driver: no ORM to import

    rows = views.queue(app.office, limit)
    if as_json:
        print_json([_post_dict(p, settings) for p in rows])
        return
    if not rows:
        console.print(
            _("antrean kosong: jadwalkan post yang disetujui dengan 'sosmed schedule POST_ID'"),
            markup=False,
        )
        return
    grid = _queue_grid()
    for p in rows:
        _queue_row(grid, p, settings)
    show(grid, console)


def _queue_days(app: AppContext, tomorrow: bool, days: int, limit: int, as_json: bool) -> None:
    from sosmed.office.calendar import office_today, queue_days

    settings = app.settings
    first = office_today(app.office) + timedelta(days=1 if tomorrow else 0)
    groups = queue_days(app.office, first, days, limit)
    if as_json:
        print_json([_post_dict(p, settings) for _day, posts in groups for p in posts])
        return
    grid = _queue_grid()
    for day, posts in groups:
        grid.section(
            date_long(datetime.combine(day, time(12), settings.tz), settings.tz),
            _("tidak ada post terjadwal"),
        )
        for p in posts:
            _queue_row(grid, p, settings)
    show(grid, console)


def _queue_grid() -> Grid:
    return Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("waktu"), Kind.TIME),
            Column(_("akun")),
            Column(_("platform")),
            Column(_("status"), min_width=12),
            Column(_("teks"), Kind.TEXT, min_width=20),
        ]
    )


def _queue_row(grid: Grid, p: Post | PostRow, settings: Settings) -> None:
    due = Office.due_at(p)
    grid.add_row(
        str(p.id),
        short_form(due, settings.tz) if due else "—",
        p.account,
        p.platform,
        label(p.status),
        _retry_note(p) + p.text,
    )


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
