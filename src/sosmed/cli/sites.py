"""Commands: sites (the configured site profiles), sites test (a page read source by source)."""

from __future__ import annotations

from typing import Any

import typer
from rich.markup import escape
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json, say
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
    table = Table(_("situs"), _("pola"), width=80)
    for row in rows:
        patterns = [f"{k}: {v}" for k, v in row.items() if k != "host"]
        table.add_row(row["host"], "\n".join(patterns) or "—")
    console.print(table)


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
    console.print(_table(report["fields"]))


def _table(fields: list[dict[str, Any]]) -> Table:
    table = Table(_("kolom"), _("sumber"), _("temuan"), width=80)
    for f in fields:
        for i, found in enumerate(f["found"]):
            value = escape(found["value"] or "—")
            table.add_row(f["label"] if i == 0 else "", found["source"], value)
        kept = f["value"] or "—"
        if f["origin"]:
            kept += f" ({f['origin']}{'' if f['sure'] else ', ' + _('perlu dicek')})"
        table.add_row(
            "",
            f"[bold]{escape(_('dipakai'))}[/bold]",
            f"[bold]{escape(kept)}[/bold]",
            end_section=True,
        )
    return table


def register(app: typer.Typer) -> None:
    app.add_typer(sites_app, name="sites")
