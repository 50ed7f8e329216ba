"""Commands: platforms, accounts check, accounts set-secret."""

from __future__ import annotations

import sys
from datetime import datetime, tzinfo
from typing import Any

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _

accounts_app = typer.Typer(help="The office's social accounts.", no_args_is_help=True)


def platforms(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the platforms sosmed can publish to, with their limits."""
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


@accounts_app.command("check")
def accounts_check(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="One account (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Verify each account's credentials; show the identity and token expiry."""
    app: AppContext = ctx.obj
    results = app.office.check_accounts(name)
    tz = app.settings.tz
    bad = sum(not r["ok"] for r in results)
    if as_json:
        print_json(results)
    else:
        for r in results:
            if r["ok"]:
                console.print(
                    f"[green]ok[/green] {r['account']} ({r['platform']}): {r['identity']}"
                    + (f", token expires {_expiry(r, tz)}" if r["expires_at"] else "")
                )
            else:
                err_console.print(
                    f"[red]fail[/red] {r['account']} ({r['platform']}): {r['error']}",
                    soft_wrap=True,
                )
    if bad:
        raise typer.Exit(1)


def _expiry(result: dict[str, Any], tz: tzinfo) -> str:
    """The token's expiry in office time, as every time a person reads."""
    from sosmed.timefmt import short_form

    return short_form(datetime.fromisoformat(result["expires_at"]), tz)


@accounts_app.command("set-secret")
def accounts_set_secret(
    ctx: typer.Context,
    account: str = typer.Argument(..., help="The account's name."),
    field: str = typer.Argument(..., help="The secret's name, e.g. access_token."),
) -> None:
    """Store a secret in the home's 0600 secrets file; the value is read from a prompt or stdin."""
    app: AppContext = ctx.obj
    name = app.office.secret_account(account, field)
    if sys.stdin.isatty():
        value = typer.prompt(f"{account} {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    from sosmed.settings import secret_env_name

    path = app.office.save_secret(name, field, value)
    console.print(
        f"saved {name}.{field} in {path} (mode 600); "
        f"the environment variable {secret_env_name(name, field)} overrides it"
    )


def register(app: typer.Typer) -> None:
    app.command("platforms")(platforms)
    app.add_typer(accounts_app, name="accounts")
