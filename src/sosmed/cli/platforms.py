"""Commands: platforms, accounts check, accounts set-secret."""

from __future__ import annotations

import sys
from datetime import datetime, tzinfo
from typing import Any

import typer
from rich.markup import escape

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _

accounts_app = typer.Typer(help=_("Akun media sosial kantor."), no_args_is_help=True)


def platforms(
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    from sosmed.office.accounts import platform_rows

    rows = platform_rows()
    if as_json:
        print_json(rows)
        return
    limits = Grid(
        [
            Column(_("platform")),
            Column(_("batas teks"), Kind.TIME),
            Column(_("gambar"), Kind.ID),
            Column(_("bita per gambar"), Kind.ID),
            Column(_("tagar"), Kind.ID),
        ]
    )
    # Secret names are typed back into `accounts set-secret`: each whole, on its own line.
    secrets = Grid(
        [
            Column(_("platform")),
            Column(_("rahasia (accounts set-secret)"), Kind.LINES),
            Column(_("opsi akun"), Kind.LINES),
        ]
    )
    for r in rows:
        limits.add_row(
            r["name"],
            f"{r['max_length']} {r['unit']}",
            f"{r['min_images']}–{r['max_images']}",
            f"{r['image_max_bytes']:,}",
            str(r["hashtag_cap"]),
        )
        optional = [_("{name} (opsional)").format(name=s) for s in r["optional_secrets"]]
        secrets.add_row(r["name"], [*r["secrets"], *optional], r["options"] or ["—"])
    show(limits, console)
    console.print()
    show(secrets, console)


@accounts_app.command(
    "check", help=_("Periksa kredensial tiap akun; tampilkan identitas dan masa berlaku token.")
)
def accounts_check(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help=_("Satu akun (bawaan: semua).")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    app: AppContext = ctx.obj
    results = app.office.check_accounts(name)
    tz = app.settings.tz
    bad = sum(not r["ok"] for r in results)
    if as_json:
        print_json(results)
    else:
        for r in results:
            if r["ok"]:
                expires = r["expires_at"]
                line = f"{r['account']} ({r['platform']}): {r['identity']}" + (
                    ", " + _("token kedaluwarsa {when}").format(when=_expiry(r, tz))
                    if expires
                    else ""
                )
                console.print(f"[green]{escape(_('baik'))}[/green] {escape(line)}")
            else:
                line = f"{r['account']} ({r['platform']}): {r['error']}"
                err_console.print(f"[red]{escape(_('gagal'))}[/red] {escape(line)}", soft_wrap=True)
    if bad:
        raise typer.Exit(1)


def _expiry(result: dict[str, Any], tz: tzinfo) -> str:
    """The token's expiry in office time, as every time a person reads."""
    from sosmed.timefmt import short_form

    return short_form(datetime.fromisoformat(result["expires_at"]), tz)


@accounts_app.command(
    "set-secret",
    help=_(
        "Simpan rahasia di berkas rahasia kantor (mode 0600); nilainya dibaca dari prompt "
        "atau stdin."
    ),
)
def accounts_set_secret(
    ctx: typer.Context,
    account: str = typer.Argument(..., help=_("Nama akun.")),
    field: str = typer.Argument(..., help=_("Nama rahasianya, mis. access_token.")),
) -> None:
    app: AppContext = ctx.obj
    name = app.office.secret_account(account, field)
    if sys.stdin.isatty():
        value = typer.prompt(f"{account} {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    from sosmed.settings import secret_env_name

    path = app.office.save_secret(name, field, value)
    say(
        _(
            "{name}.{field} disimpan di {path} (mode 600); variabel lingkungan {env} "
            "menggantikannya bila ada"
        ).format(name=name, field=field, path=path, env=secret_env_name(name, field))
    )


@accounts_app.command(
    "budget",
    help=_(
        "Tetapkan anggaran bulanan akun X (options.monthly_budget_usd di sosmed.toml, "
        "komentarnya tetap); daemon yang berjalan membacanya lagi sendiri."
    ),
)
def accounts_budget(
    ctx: typer.Context,
    account: str = typer.Argument(..., help=_("Nama akun X (pay-per-use).")),
    usd: str = typer.Argument(..., help=_("Anggaran per bulan dalam dolar AS, mis. 25 atau 2.50.")),
) -> None:
    """Set an X account's monthly budget (options.monthly_budget_usd in sosmed.toml, its
    comments kept); a running daemon reads it again by itself."""
    from sosmed.costs import usd as dollars
    from sosmed.office.spending import set_budget

    app: AppContext = ctx.obj
    budget = set_budget(app.office, account, usd)
    console.print(
        _(
            "anggaran bulanan akun {account}: {budget} ({path}); daemon membacanya ulang sendiri"
        ).format(account=account, budget=dollars(budget), path=app.settings.config_path)
    )


def register(app: typer.Typer) -> None:
    app.command(
        "platforms",
        help=_("Daftar platform tujuan terbit sosmed, dengan batas-batasnya."),
    )(platforms)
    app.add_typer(accounts_app, name="accounts")
