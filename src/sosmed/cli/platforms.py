"""Commands: platforms, accounts check, accounts set-secret."""

from __future__ import annotations

import sys

import typer
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json

accounts_app = typer.Typer(help="The office's social accounts.", no_args_is_help=True)


def platforms(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the platforms sosmed can publish to, with their limits."""
    from sosmed.office.accounts import platform_rows

    rows = platform_rows()
    if as_json:
        print_json(rows)
        return
    table = Table(
        "platform", "text limit", "images", "image bytes", "hashtags", "secrets", "options"
    )
    for r in rows:
        table.add_row(
            r["name"],
            f"{r['max_length']} {r['unit']}",
            f"{r['min_images']}–{r['max_images']}",
            f"{r['image_max_bytes']:,}",
            str(r["hashtag_cap"]),
            ", ".join([*r["secrets"], *(f"{s} (optional)" for s in r["optional_secrets"])]),
            ", ".join(r["options"]) or "—",
        )
    console.print(table)


@accounts_app.command("check")
def accounts_check(
    ctx: typer.Context,
    name: str | None = typer.Argument(None, help="One account (default: all)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Verify each account's credentials; show the identity and token expiry."""
    app: AppContext = ctx.obj
    results = app.office.check_accounts(name)
    bad = sum(not r["ok"] for r in results)
    if as_json:
        print_json(results)
    else:
        for r in results:
            if r["ok"]:
                console.print(
                    f"[green]ok[/green] {r['account']} ({r['platform']}): {r['identity']}"
                    + (f", token expires {r['expires_at']}" if r["expires_at"] else "")
                )
            else:
                err_console.print(
                    f"[red]fail[/red] {r['account']} ({r['platform']}): {r['error']}",
                    soft_wrap=True,
                )
    if bad:
        raise typer.Exit(1)


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


@accounts_app.command("budget")
def accounts_budget(
    ctx: typer.Context,
    account: str = typer.Argument(..., help="Nama akun X (pay-per-use)."),
    usd: str = typer.Argument(..., help="Anggaran per bulan dalam dolar AS, mis. 25 atau 2.50."),
) -> None:
    """Set an X account's monthly budget (options.monthly_budget_usd in sosmed.toml, its
    comments kept); a running daemon reads it again by itself."""
    from sosmed.costs import usd as dollars
    from sosmed.i18n import _
    from sosmed.office.spending import set_budget

    app: AppContext = ctx.obj
    budget = set_budget(app.office, account, usd)
    console.print(
        _(
            "anggaran bulanan akun {account}: {budget} ({path}); daemon membacanya ulang sendiri"
        ).format(account=account, budget=dollars(budget), path=app.settings.config_path)
    )


def register(app: typer.Typer) -> None:
    app.command("platforms")(platforms)
    app.add_typer(accounts_app, name="accounts")
