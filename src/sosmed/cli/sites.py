"""Commands: sites (the configured site profiles), sites test (a page read source by source)."""

from __future__ import annotations

from typing import Any

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _

sites_app = typer.Typer(
    help=_("Profil situs: pola khusus situs kantor untuk judul, tanggal dan kredit."),
    invoke_without_command=True,
)


@sites_app.callback()
def sites(
    ctx: typer.Context, as_json: bool = typer.Option(False, "--json", help=_("Cetak JSON."))
) -> None:
    if ctx.invoked_subcommand is not None:
        return
    from sosmed.office.sites import site_rows

    app: AppContext = ctx.obj
    rows = site_rows(app.settings)
    if as_json:
        print_json(rows)
        return
    if not rows:
        say(_("Belum ada profil situs. Tambahkan [[sites]] di sosmed.toml."))
        return
    grid = Grid([Column(_("situs"), min_width=16), Column(_("pola"), Kind.WRAP)])
    for row in rows:
        patterns = [f"{k}: {v}" for k, v in row.items() if k != "host"]
        grid.add_row(row["host"], patterns or ["—"])
    show(grid, console)


@sites_app.command(
    "test",
    help=_(
        "Baca satu berita: temuan tiap sumber dan nilai yang dipakai, kolom demi kolom.\n\n"
        "Tidak ada yang disimpan."
    ),
)
def sites_test(
    ctx: typer.Context,
    target: str = typer.Argument(..., help=_("Alamat berita (URL) atau berkas HTML/teks.")),
    url: str | None = typer.Option(None, "--url", help=_("Alamat asal berkas itu.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak JSON.")),
) -> None:
    from sosmed.office.sites import try_site

    app: AppContext = ctx.obj
    report = try_site(app.settings, target, url)
    if as_json:
        print_json(report)
        return
    say(_("Profil situs: {name}").format(name=report["profile"] or _("tidak ada")))
    show(_table(report["fields"]), console)


def _table(fields: list[dict[str, Any]]) -> Grid:
    grid = Grid([Column(_("kolom")), Column(_("sumber")), Column(_("temuan"), Kind.WRAP)])
    for n, f in enumerate(fields):
        if n:
            grid.section("")
        for i, found in enumerate(f["found"]):
            grid.add_row(f["label"] if i == 0 else "", found["source"], found["value"] or "—")
        kept = f["value"] or "—"
        if f["origin"]:
            kept += f" ({f['origin']}{'' if f['sure'] else ', ' + _('perlu dicek')})"
        grid.add_row(f["label"] if not f["found"] else "", _("» dipakai"), kept)
    return grid


def register(app: typer.Typer) -> None:
    app.add_typer(sites_app, name="sites")
