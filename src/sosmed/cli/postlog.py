"""Commands: log (every publishing attempt, or its CSV / JSON export) and report (monthly HTML)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path

import typer

from sosmed import i18n
from sosmed.attempts import LogFilter, LogRow
from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.log.periods import month_bounds, parse_month, parse_since
from sosmed.log.rows import OUTCOMES, log_cells
from sosmed.state_words import outcome_code, outcome_label


def _outcome_words() -> str:
    return ", ".join(outcome_label(o) for o in OUTCOMES)


def log(
    ctx: typer.Context,
    since: str | None = typer.Option(
        None,
        "--since",
        help=_(
            "Hanya percobaan sejak: rentang (30m, 24h, 7d, 2w) atau tanggal setempat (2026-11-01)."
        ),
    ),
    account: str | None = typer.Option(None, "--account", help=_("Hanya akun ini.")),
    status: str | None = typer.Option(
        None,
        "--status",
        help=_("Hanya hasil ini: {outcomes}.").format(outcomes=_outcome_words()),
    ),
    limit: int = typer.Option(
        200,
        "--limit",
        min=1,
        help=_("Berapa baris ditampilkan, terbaru dulu (ekspor mengambil semua)."),
    ),
    as_json: bool = typer.Option(
        False, "--json", help=_("Ekspor semua percobaan yang cocok sebagai JSON, terlama dulu.")
    ),
    as_csv: bool = typer.Option(
        False, "--csv", help=_("Ekspor semua percobaan yang cocok sebagai CSV, terlama dulu.")
    ),
    metrics: bool = typer.Option(
        False,
        "--metrics",
        help=_("Angka publik tiap posting (1 jam, 24 jam, 7 hari) sebagai ganti."),
    ),
    spend: bool = typer.Option(
        False, "--spend", help=_("Biaya X per akun bulan ini (atau sejak --since), bukan log.")
    ),
) -> None:
    app: AppContext = ctx.obj
    if as_json and as_csv:
        raise InputError(_("--json dan --csv: pilih salah satu"))
    if metrics and spend:
        raise InputError(_("--metrics dan --spend: pilih salah satu"))
    if spend and (as_json or as_csv or status):
        raise InputError(_("--spend hanya mencetak baris biaya; tanpa --json, --csv atau --status"))
    office, tz = app.office, app.settings.tz
    if metrics:
        if as_csv:
            raise InputError(_("--metrics: pakai --json, bukan --csv"))
        _metrics(app, since, account, limit, as_json)
        return
    if spend:
        from sosmed.office.spending import spend_lines

        start, end = _period(None, since, office.now(), tz)
        typer.echo("\n".join(spend_lines(office, start, end, account)))
        return
    f = LogFilter(
        since=parse_since(since, office.now(), tz) if since else None,
        account=office.account_name(account),
        outcome=_outcome(status),
    )
    if as_json or as_csv:
        _export(office.log_oldest_first(f), tz, as_csv)
        return
    rows = office.log_newest(f, limit + 1)
    _show(rows[:limit], tz, len(rows) > limit, f != LogFilter())


def _metrics(
    app: AppContext, since: str | None, account: str | None, limit: int, as_json: bool
) -> None:
    from sosmed.cli.engagement import metrics_lines
    from sosmed.office.engagement import EngagementDesk

    office, tz = app.office, app.settings.tz
    desk = EngagementDesk(office)
    start = parse_since(since, office.now(), tz) if since else None
    rows = desk.recent(start, account, limit)
    if as_json:
        from sosmed.cli.output import print_json

        keys = ("post_id", "account", "platform", "stage", "collected_at", "counters", "note")
        print_json([{k: getattr(r, k) for k in (*keys, "detail", "cost")} for r in rows])
        return
    if rows:
        typer.echo("\n".join(metrics_lines(rows, tz)))
    else:
        typer.echo(_("belum ada angka publik yang terkumpul"))
    for name, why in desk.accounts().items():
        if why is not None and (account is None or account.lower() == name.lower()):
            typer.echo(f"{name}: {why}")


def _outcome(status: str | None) -> str | None:
    if status is None:
        return None
    value = outcome_code(status)
    if value is None:
        raise InputError(
            _("--status {value!r}: pilih salah satu dari {choices}").format(
                value=status, choices=_outcome_words()
            )
        )
    return value


def _export(rows: Iterable[LogRow], tz: tzinfo, as_csv: bool) -> None:
    from sosmed.log.export import write_csv, write_json

    try:
        (write_csv if as_csv else write_json)(rows, tz, sys.stdout)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader (head, less) went away: stop quietly, as other Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def _show(rows: list[LogRow], tz: tzinfo, more: bool, filtered: bool) -> None:
    if not rows:
        typer.echo(_("tidak ada percobaan yang cocok") if filtered else _("log post masih kosong"))
        return
    grid = log_grid(log_cells(rows, tz))
    show(grid, console)
    if more:
        err_console.print(
            _(
                "{n} terbaru yang ditampilkan; pakai --limit N, atau --csv / --json untuk semuanya"
            ).format(n=len(rows)),
            markup=False,
        )


def log_grid(cells: Iterable[tuple[str, ...]]) -> Grid:
    """The post log's attempts, one row each (cells from :func:`sosmed.log.rows.log_cells`)."""
    grid = Grid(
        [
            Column(_("waktu"), Kind.TIME),
            Column(_("post"), Kind.ID),
            Column(_("akun")),
            Column(_("platform")),
            Column(_("hasil"), min_width=9),
            # A link is no use cut short: under the row it has the whole line.
            Column(_("tautan / galat"), Kind.TEXT, min_width=40),
        ]
    )
    for row in cells:
        grid.add_row(*row)
    return grid


def report(
    ctx: typer.Context,
    month: str | None = typer.Option(
        None, "--month", help=_("Bulannya, mis. 2026-11 (bawaan: bulan ini).")
    ),
    since: str | None = typer.Option(
        None,
        "--since",
        help=_("Sebagai ganti bulan: rentang (30d) atau tanggal setempat (2026-11-15)."),
    ),
    account: str | None = typer.Option(None, "--account", help=_("Hanya akun ini.")),
    lang: str | None = typer.Option(
        None,
        "--lang",
        help=_("Bahasa laporan: id (Indonesia) atau en (Inggris); bawaan: bahasa sosmed."),
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help=_("Berkas HTML yang ditulis (bawaan: laporan-TTTT-BB.html di sini)."),
    ),
) -> None:
    app: AppContext = ctx.obj
    if month and since:
        raise InputError(_("--month dan --since: pilih salah satu"))
    office = app.office
    langs = office.report_languages()
    lang = lang or i18n.language()
    if lang.lower() not in langs:
        raise InputError(
            _("--lang {value!r}: pilih salah satu dari {choices}").format(
                value=lang, choices=", ".join(langs)
            )
        )
    tz, now = app.settings.tz, office.now()
    start, end = _period(month, since, now, tz)
    html, posts, articles = office.report(start, end, lang.lower(), not since, account, now)
    path = out or Path(_default_name(start, end, tz, month_view=not since))
    _write(path, html)
    typer.echo(str(path.resolve()))
    err_console.print(
        _("{posts} post, {articles} berita").format(posts=posts, articles=articles), markup=False
    )


def _period(
    month: str | None, since: str | None, now: datetime, tz: tzinfo
) -> tuple[datetime, datetime]:
    if since:
        start = parse_since(since, now, tz)
        if start >= now:
            raise InputError(_("--since {value!r} ada di masa depan").format(value=since))
        return start, now
    if month:
        return parse_month(month, tz)
    local = now.astimezone(tz)
    return month_bounds(local.year, local.month, tz)


def _default_name(start: datetime, end: datetime, tz: tzinfo, month_view: bool) -> str:
    first = start.astimezone(tz)
    if month_view:
        return f"laporan-{first:%Y-%m}.html"
    return f"laporan-{first:%Y-%m-%d}-{end.astimezone(tz):%Y-%m-%d}.html"


def _write(path: Path, html: str) -> None:
    try:
        path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise InputError(
            _("--out {path!r}: tidak bisa ditulis: {reason}").format(
                path=str(path), reason=os_reason(e)
            )
        ) from None


def register(app: typer.Typer) -> None:
    app.command(
        "log",
        help=_(
            "Tampilkan log post: setiap percobaan menerbitkan, terbaru dulu, dalam waktu kantor."
        ),
    )(log)
    app.command(
        "report",
        help=_("Tulis laporan bulanan, satu halaman HTML yang utuh, dan cetak letaknya."),
    )(report)
