"""Commands: platforms, accounts check, accounts set-secret."""

from __future__ import annotations

import sys

import typer
from rich.markup import escape
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json, say
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
    table = Table(
        _("platform"),
        _("batas teks"),
        _("gambar"),
        _("bita gambar"),
        _("tagar"),
        _("rahasia"),
        _("pilihan"),
    )
    for r in rows:
        table.add_row(
            r["name"],
            f"{r['max_length']} {r['unit']}",
            f"{r['min_images']}–{r['max_images']}",
            f"{r['image_max_bytes']:,}",
            str(r["hashtag_cap"]),
            ", ".join(
                [
                    *r["secrets"],
                    *(_("{name} (opsional)").format(name=s) for s in r["optional_secrets"]),
                ]
            ),
            ", ".join(r["options"]) or "—",
        )
    console.print(table)


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
    bad = sum(not r["ok"] for r in results)
    if as_json:
        print_json(results)
    else:
        for r in results:
            if r["ok"]:
                expires = r["expires_at"]
                line = f"{r['account']} ({r['platform']}): {r['identity']}" + (
                    ", " + _("token kedaluwarsa {when}").format(when=expires) if expires else ""
                )
                console.print(f"[green]{escape(_('baik'))}[/green] {escape(line)}")
            else:
                line = f"{r['account']} ({r['platform']}): {r['error']}"
                err_console.print(f"[red]{escape(_('gagal'))}[/red] {escape(line)}", soft_wrap=True)
    if bad:
        raise typer.Exit(1)


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
