"""Commands: log (every publishing attempt, or its CSV / JSON export) and report (monthly HTML)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import datetime, tzinfo
from pathlib import Path

import typer

from sosmed.attempts import LogFilter, LogRow
from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.log.periods import month_bounds, parse_month, parse_since
from sosmed.log.rows import OUTCOMES, log_cells

SINCE_HELP = "Only attempts since: a span (30m, 24h, 7d, 2w) or a local date (2026-11-01)."


def log(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help=SINCE_HELP),
    account: str | None = typer.Option(None, "--account", help="Only this account."),
    status: str | None = typer.Option(
        None, "--status", help=f"Only this outcome: {', '.join(OUTCOMES)}."
    ),
    limit: int = typer.Option(
        200, "--limit", min=1, help="How many rows to show, newest first (exports take all)."
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Export every matching attempt as JSON, oldest first."
    ),
    as_csv: bool = typer.Option(
        False, "--csv", help="Export every matching attempt as CSV, oldest first."
    ),
) -> None:
    """Show the post log: every publishing attempt, newest first, in the office's time."""
    app: AppContext = ctx.obj
    if as_json and as_csv:
        raise InputError("--json and --csv: choose one of them")
    office, tz = app.office, app.settings.tz
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


def _outcome(status: str | None) -> str | None:
    if status is None:
        return None
    value = status.strip().lower().replace("-", "_")
    if value not in OUTCOMES:
        raise InputError(f"--status {status!r}: expected one of {', '.join(OUTCOMES)}")
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
        typer.echo("no attempts match" if filtered else "the post log is empty")
        return
    grid = log_grid(log_cells(rows, tz))
    show(grid, console)
    if more:
        err_console.print(
            f"the newest {len(rows)} shown; use --limit N, or --csv / --json for all of them"
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
        None, "--month", help="The month, like 2026-11 (default: the current month)."
    ),
    since: str | None = typer.Option(
        None, "--since", help="Instead of a month: a span (30d) or a local date (2026-11-15)."
    ),
    account: str | None = typer.Option(None, "--account", help="Only this account."),
    lang: str = typer.Option("id", "--lang", help="Language: id (Indonesian) or en (English)."),
    out: Path | None = typer.Option(
        None, "--out", help="The HTML file to write (default: laporan-YYYY-MM.html here)."
    ),
) -> None:
    """Write the monthly report, one self-contained HTML page, and print its path."""
    app: AppContext = ctx.obj
    if month and since:
        raise InputError("--month and --since: choose one of them")
    office = app.office
    langs = office.report_languages()
    if lang.lower() not in langs:
        raise InputError(f"--lang {lang!r}: expected one of {', '.join(langs)}")
    tz, now = app.settings.tz, office.now()
    start, end = _period(month, since, now, tz)
    html, posts, articles = office.report(start, end, lang.lower(), not since, account, now)
    path = out or Path(_default_name(start, end, tz, month_view=not since))
    _write(path, html)
    typer.echo(str(path.resolve()))
    err_console.print(f"{posts} posts, {articles} articles")


def _period(
    month: str | None, since: str | None, now: datetime, tz: tzinfo
) -> tuple[datetime, datetime]:
    if since:
        start = parse_since(since, now, tz)
        if start >= now:
            raise InputError(f"--since {since!r} is in the future")
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
        raise InputError(f"--out {str(path)!r}: cannot write: {e.strerror}") from None


def register(app: typer.Typer) -> None:
    app.command("log")(log)
    app.command("report")(report)
