"""Commands: alerts (recent alerts, test, set-secret), watchdog."""

from __future__ import annotations

import sys

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _

alerts_app = typer.Typer(
    help="Alerts to staff (Telegram group, e-mail): the recent ones, a test, the secrets.",
    invoke_without_command=True,
)


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help="How many, newest first."),
    as_json: bool = typer.Option(False, "--json", help="Print them as JSON."),
) -> None:
    """The recent alerts: when, on which channel, sent or why not, and what they said."""
    if ctx.invoked_subcommand is not None:
        return
    app: AppContext = ctx.obj
    rows = app.office.alerts.recent(limit)
    if as_json:
        print_json(
            [
                {
                    "key": a.key,
                    "channel": a.channel,
                    "text": a.text,
                    "first_at": a.first_at,
                    "sent_at": a.sent_at,
                    "tries": a.tries,
                    "error": a.last_error,
                    "resolved_at": a.resolved_at,
                }
                for a in rows
            ]
        )
        return
    if not rows:
        console.print("belum ada peringatan")
        return
    from sosmed.timefmt import short_form

    tz = app.settings.tz
    grid = Grid(
        [
            Column(_("waktu"), Kind.TIME),
            Column(_("saluran")),
            Column(_("keadaan"), min_width=9),
            Column(_("isi"), Kind.TEXT),
            Column(_("galat"), Kind.TEXT),
        ]
    )
    for a in rows:
        when = short_form(a.sent_at or a.first_at or app.office.now(), tz)
        sent = a.sent_at and not a.last_error
        state = (_("terkirim") if sent else _("gagal")) + (_(", selesai") if a.resolved_at else "")
        grid.add_row(when, a.channel, state, a.text, "" if sent else a.last_error)
    show(grid, console)


@alerts_app.command("test")
def alerts_test(ctx: typer.Context) -> None:
    """Send a test message to every configured channel; exit 1 if any did not go."""
    app: AppContext = ctx.obj
    bad = False
    for sent in app.office.alerts.test():
        if sent.error is None:
            console.print(f"ok {sent.channel}: pesan uji terkirim", markup=False)
        else:
            bad = True
            err_console.print(f"gagal {sent.channel}: {sent.error}", soft_wrap=True, markup=False)
    if bad:
        raise typer.Exit(1)


@alerts_app.command("set-secret")
def alerts_set_secret(
    ctx: typer.Context,
    field: str = typer.Argument(..., help="telegram_bot_token or smtp_password."),
) -> None:
    """Store an alert secret in the home's 0600 secrets file, read from a prompt or stdin."""
    app: AppContext = ctx.obj
    if sys.stdin.isatty():
        value = typer.prompt(f"alerts {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    from sosmed.settings import secret_env_name

    path = app.office.alerts.save_secret(field, value)
    console.print(
        f"alerts.{field} disimpan di {path} (mode 600); variabel "
        f"{secret_env_name('alerts', field)} menggantikannya bila ada",
        markup=False,
    )


def watchdog(
    ctx: typer.Context,
    stale_minutes: float | None = typer.Option(
        None,
        "--stale-minutes",
        help="How old a heartbeat may be (default: four poll intervals, at least 2).",
    ),
) -> None:
    """For cron: exit 1 and alert the staff ("daemon mati") when the daemon's heartbeat is
    stale; exit 0 silently otherwise."""
    app: AppContext = ctx.obj
    stale, sent = app.office.alerts.watchdog(stale_minutes)
    if not stale:
        return
    err_console.print("daemon mati: tidak ada tanda hidup baru; jalankan: sosmed daemon")
    for s in sent:
        if s.error:
            err_console.print(f"peringatan lewat {s.channel} gagal: {s.error}", markup=False)
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
    app.command("watchdog")(watchdog)
