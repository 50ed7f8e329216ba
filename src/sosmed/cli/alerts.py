"""Commands: alerts (recent alerts, test, set-secret), watchdog."""

from __future__ import annotations

import sys

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _

alerts_app = typer.Typer(
    help=_("Peringatan ke staf (grup Telegram, surel): yang terakhir, uji coba, rahasianya."),
    invoke_without_command=True,
)


@alerts_app.callback()
def alerts(
    ctx: typer.Context,
    limit: int = typer.Option(20, "--limit", "-n", min=1, help=_("Berapa banyak, terbaru dulu.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
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
        console.print(_("belum ada peringatan"), markup=False)
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


@alerts_app.command(
    "test",
    help=_(
        "Kirim pesan uji ke setiap saluran yang disetel; keluar 1 bila ada yang tidak terkirim."
    ),
)
def alerts_test(ctx: typer.Context) -> None:
    app: AppContext = ctx.obj
    bad = False
    for sent in app.office.alerts.test():
        if sent.error is None:
            console.print(
                _("baik {channel}: pesan uji terkirim").format(channel=sent.channel), markup=False
            )
        else:
            bad = True
            err_console.print(
                _("gagal {channel}: {reason}").format(channel=sent.channel, reason=sent.error),
                soft_wrap=True,
                markup=False,
            )
    if bad:
        raise typer.Exit(1)


@alerts_app.command(
    "set-secret",
    help=_(
        "Simpan rahasia peringatan di berkas rahasia kantor (mode 0600), dibaca dari prompt "
        "atau stdin."
    ),
)
def alerts_set_secret(
    ctx: typer.Context,
    field: str = typer.Argument(..., help=_("telegram_bot_token atau smtp_password.")),
) -> None:
    app: AppContext = ctx.obj
    if sys.stdin.isatty():
        value = typer.prompt(f"alerts {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    from sosmed.settings import secret_env_name

    path = app.office.alerts.save_secret(field, value)
    console.print(
        _(
            "{name}.{field} disimpan di {path} (mode 600); variabel lingkungan {env} "
            "menggantikannya bila ada"
        ).format(name="alerts", field=field, path=path, env=secret_env_name("alerts", field)),
        markup=False,
    )


def watchdog(
    ctx: typer.Context,
    stale_minutes: float | None = typer.Option(
        None,
        "--stale-minutes",
        help=_("Seberapa tua tanda hidup boleh (menit; bawaan: empat kali jeda baca, minimal 2)."),
    ),
) -> None:
    app: AppContext = ctx.obj
    stale, sent = app.office.alerts.watchdog(stale_minutes)
    if not stale:
        return
    err_console.print(
        _("daemon mati: tidak ada tanda hidup baru; jalankan: sosmed daemon"), markup=False
    )
    for s in sent:
        if s.error:
            err_console.print(
                _("peringatan lewat {channel} gagal: {reason}").format(
                    channel=s.channel, reason=s.error
                ),
                markup=False,
            )
    raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.add_typer(alerts_app, name="alerts")
    app.command(
        "watchdog",
        help=_(
            'Untuk cron: keluar 1 dan beri tahu staf ("daemon mati") bila tanda hidup daemon '
            "sudah basi; selain itu keluar 0 tanpa suara."
        ),
    )(watchdog)
