"""Commands: platforms, accounts check, accounts set-secret."""

from __future__ import annotations

import sys
from typing import Any

import typer
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.errors import InputError, SosmedError
from sosmed.models import utcnow
from sosmed.redact import redact
from sosmed.settings import secret_env_name, write_secret

accounts_app = typer.Typer(help="The office's social accounts.", no_args_is_help=True)


def platforms(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """List the platforms sosmed can publish to, with their limits."""
    from sosmed.platforms.registry import platform_classes

    rows: list[dict[str, Any]] = []
    for name, cls in sorted(platform_classes().items()):
        lim = cls.limits
        rows.append(
            {
                "name": name,
                "max_length": lim.max_length,
                "unit": lim.unit,
                "max_images": lim.max_images,
                "min_images": lim.min_images,
                "caption_max_length": lim.caption_max_length,
                "image_max_bytes": lim.image_max_bytes,
                "hashtag_cap": lim.hashtag_cap,
                "secrets": list(cls.secret_fields),
                "options": list(cls.option_fields),
            }
        )
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
            ", ".join(r["secrets"]),
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
    from sosmed.platforms.registry import for_account

    app: AppContext = ctx.obj
    accounts = [app.settings.account(name)] if name else app.settings.config.accounts
    if not accounts:
        raise InputError(f"no accounts in {app.settings.config_path}; add [[accounts]] tables")
    results, bad = [], 0
    for acc in accounts:
        row: dict[str, Any] = {
            "account": acc.name,
            "platform": acc.platform,
            "ok": False,
            "identity": None,
            "expires_at": None,
            "error": None,
        }
        try:
            info = for_account(acc, app.settings).check()
            row.update(
                ok=True,
                identity=info.identity,
                expires_at=info.expires_at.isoformat() if info.expires_at else None,
            )
            app.store.save_account_check(acc.name, utcnow(), info.identity, info.expires_at, None)
        except SosmedError as e:
            bad += 1
            message = redact(str(e))
            row["error"] = message
            app.store.save_account_check(acc.name, utcnow(), None, None, message)
        results.append(row)
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
    from sosmed.platforms.registry import platform_classes

    app: AppContext = ctx.obj
    acc = app.settings.account(account)
    cls = platform_classes().get(acc.platform)
    if cls is not None and cls.secret_fields and field not in (*cls.secret_fields, "app_secret"):
        raise InputError(f"{acc.platform} accounts take the secrets {', '.join(cls.secret_fields)}")
    if sys.stdin.isatty():
        value = typer.prompt(f"{account} {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    if not value:
        raise InputError("empty secret; nothing written")
    path = write_secret(app.settings, acc.name, field, value)
    console.print(
        f"saved {acc.name}.{field} in {path} (mode 600); "
        f"the environment variable {secret_env_name(acc.name, field)} overrides it"
    )


def register(app: typer.Typer) -> None:
    app.command("platforms")(platforms)
    app.add_typer(accounts_app, name="accounts")
