"""Commands: feeds add / remove / list / poll."""

from __future__ import annotations

from dataclasses import asdict

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _
from sosmed.timefmt import short_form

feeds_app = typer.Typer(
    help="RSS / Atom feeds whose new articles are added automatically.", no_args_is_help=True
)


@feeds_app.command("add")
def feeds_add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The feed's address (RSS or Atom)."),
    accounts: str = typer.Option("", "--accounts", help="Compose for these accounts (a,b)."),
    auto_approve: bool = typer.Option(False, "--auto-approve", help="Approve drafts at once."),
) -> None:
    """Add a feed."""
    app: AppContext = ctx.obj
    names = [a.strip() for a in accounts.split(",") if a.strip()]
    feed, created = app.office.add_feed(url, names, auto_approve)
    console.print(f"{'added' if created else 'already known:'} feed {feed.id} {feed.url}")


@feeds_app.command("remove")
def feeds_remove(
    ctx: typer.Context,
    feed_id: int = typer.Argument(..., metavar="ID", help="Nomor feed ('sosmed feeds list')."),
) -> None:
    """Hapus feed: tidak dibaca lagi; berita yang sudah masuk tetap ada."""
    app: AppContext = ctx.obj
    feed, kept = app.office.remove_feed(feed_id)
    console.print(f"feed {feed_id} dihapus ({feed.url}); {kept} berita darinya tetap ada")


@feeds_app.command("list")
def feeds_list(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """List feeds with their last poll."""
    app: AppContext = ctx.obj
    rows = app.office.feeds()
    if as_json:
        print_json([f.model_dump() for f in rows])
        return
    if not rows:
        console.print("no feeds: add one with 'sosmed feeds add URL'")
        return
    tz = app.settings.tz
    grid = Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("alamat"), Kind.TEXT),
            Column(_("akun")),
            Column(_("otomatis"), min_width=5),
            Column(_("terakhir dibaca"), Kind.TIME),
            Column(_("galat terakhir"), Kind.TEXT),
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


@feeds_app.command("poll")
def feeds_poll(ctx: typer.Context, as_json: bool = typer.Option(False, "--json")) -> None:
    """Poll every feed now and add its new articles."""
    app: AppContext = ctx.obj
    results, failures = app.office.poll_feeds(progress=not as_json)
    if as_json:
        print_json({"feeds": [asdict(r) for r in results], "failed": failures})
    else:
        for r in results:
            state = "not modified" if r.not_modified else f"{len(r.new)} new, {r.known} known"
            console.print(f"feed {r.feed_id} {r.url}: {state}")
            for e in r.errors:
                err_console.print(f"  skipped {e}")
        for f in failures:
            err_console.print(f"[red]feed failed:[/red] {f}")
    if failures and not results:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(feeds_app, name="feeds")
