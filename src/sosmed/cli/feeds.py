"""Commands: feeds add / remove / list / poll."""

from __future__ import annotations

from dataclasses import asdict

import typer
from rich.markup import escape

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _
from sosmed.timefmt import short_form

feeds_app = typer.Typer(
    help=_("Feed RSS / Atom yang berita barunya ditambahkan otomatis."), no_args_is_help=True
)


@feeds_app.command("add", help=_("Tambahkan feed."))
def feeds_add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help=_("Alamat feed (RSS atau Atom).")),
    accounts: str = typer.Option("", "--accounts", help=_("Susun untuk akun-akun ini (a,b).")),
    auto_approve: bool = typer.Option(False, "--auto-approve", help=_("Setujui draf langsung.")),
) -> None:
    app: AppContext = ctx.obj
    names = [a.strip() for a in accounts.split(",") if a.strip()]
    feed, created = app.office.add_feed(url, names, auto_approve)
    said = _("feed {id} ditambahkan: {url}") if created else _("feed {id} sudah dikenal: {url}")
    say(said.format(id=feed.id, url=feed.url))


@feeds_app.command(
    "remove", help=_("Hapus feed: tidak dibaca lagi; berita yang sudah masuk tetap ada.")
)
def feeds_remove(
    ctx: typer.Context,
    feed_id: int = typer.Argument(..., metavar="ID", help=_("Nomor feed ('sosmed feeds list').")),
) -> None:
    app: AppContext = ctx.obj
    feed, kept = app.office.remove_feed(feed_id)
    say(
        _("feed {id} dihapus ({url}); {kept} berita darinya tetap ada").format(
            id=feed_id, url=feed.url, kept=kept
        )
    )


@feeds_app.command("list", help=_("Daftar feed dengan pembacaan terakhirnya."))
def feeds_list(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    app: AppContext = ctx.obj
    rows = app.office.feeds()
    if as_json:
        print_json([f.model_dump() for f in rows])
        return
    if not rows:
        say(_("belum ada feed: tambahkan dengan 'sosmed feeds add URL'"))
        return
    tz = app.settings.tz
    grid = Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("alamat"), Kind.TEXT),
            Column(_("akun")),
            Column(_("otomatis"), min_width=5),
            Column(_("terakhir dibaca"), Kind.TIME),
            Column(_("kesalahan terakhir"), Kind.TEXT),
        ]
    )
    for f in rows:
        grid.add_row(
            str(f.id),
            f.url,
            ",".join(f.accounts) or _("semua"),
            _("ya") if f.auto_approve else _("tidak"),
            short_form(f.last_polled_at, tz) if f.last_polled_at else _("belum pernah"),
            f.last_error or "",
        )
    show(grid, console)


@feeds_app.command("poll", help=_("Baca semua feed sekarang dan tambahkan berita barunya."))
def feeds_poll(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    app: AppContext = ctx.obj
    results, failures = app.office.poll_feeds(progress=not as_json)
    if as_json:
        print_json({"feeds": [asdict(r) for r in results], "failed": failures})
    else:
        for r in results:
            if r.not_modified:
                state = _("tidak berubah")
            else:
                state = _("{new} baru, {known} sudah ada").format(new=len(r.new), known=r.known)
            say(f"feed {r.feed_id} {r.url}: {state}")
            for e in r.errors:
                err_console.print("  " + _("dilewati: {what}").format(what=e), markup=False)
        for f in failures:
            err_console.print("[red]" + escape(_("feed gagal:")) + "[/red] " + escape(str(f)))
    if failures and not results:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
