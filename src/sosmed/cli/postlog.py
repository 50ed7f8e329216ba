"""Commands: log (every publishing attempt, or its CSV / JSON export) and report (monthly HTML)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from pathlib import Path

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import err_console
from sosmed.errors import InputError
from sosmed.logdb import DirectLog
from sosmed.logexport import write_csv, write_json
from sosmed.periods import month_bounds, parse_month, parse_since
from sosmed.postlog import OUTCOMES, LogFilter, LogRow, table_lines

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
    tz = app.settings.tz
    f = LogFilter(
        since=parse_since(since, datetime.now(UTC), tz) if since else None,
        account=_account(app, account),
        outcome=_outcome(status),
    )
    # Straight through the database driver when it can (start-up without SQLAlchemy);
    # through the store otherwise (no database yet, an old schema).
    direct = DirectLog.open(app.settings.database_url)
    try:
        if as_json or as_csv:
            found = direct.oldest_first(f) if direct else None
            _export(found if found is not None else app.store.iter_log(f), tz, as_csv)
            return
        rows = direct.newest(f, limit + 1) if direct else None
        if rows is None:
            rows = app.store.log_rows(f, limit + 1)
        _show(rows[:limit], tz, len(rows) > limit, f != LogFilter())
    finally:
        if direct is not None:
            direct.close()


def _account(app: AppContext, name: str | None) -> str | None:
    # The log keeps the account's configured spelling; an account since removed from the
    # configuration still has its history, so an unknown name is searched as given.
    if name is None:
        return None
    known = {a.name.lower(): a.name for a in app.settings.config.accounts}
    return known.get(name.lower(), name)


def _outcome(status: str | None) -> str | None:
    if status is None:
        return None
    value = status.strip().lower().replace("-", "_")
    if value not in OUTCOMES:
        raise InputError(f"--status {status!r}: expected one of {', '.join(OUTCOMES)}")
    return value


def _export(rows: Iterable[LogRow], tz: tzinfo, as_csv: bool) -> None:
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
    typer.echo("\n".join(table_lines(rows, tz)))
    if more:
        err_console.print(
            f"the newest {len(rows)} shown; use --limit N, or --csv / --json for all of them"
        )


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
    # Imported here: Jinja2 and Pillow would slow every other command's start.
    from sosmed.report import ReportInput, build, read_report, render
    from sosmed.report_words import LANGS

    app: AppContext = ctx.obj
    if month and since:
        raise InputError("--month and --since: choose one of them")
    if lang.lower() not in LANGS:
        raise InputError(f"--lang {lang!r}: expected one of {', '.join(LANGS)}")
    tz, now = app.settings.tz, datetime.now(UTC)
    start, end = _period(month, since, now, tz)
    inp = ReportInput(start, end, tz, lang=lang.lower(), month=not since, generated_at=now)
    inp.account = _account(app, account)
    inp = read_report(app.store, inp, [app.settings.media_dir, app.settings.home])
    path = out or Path(_default_name(start, end, tz, month_view=not since))
    _write(path, render(build(inp)))
    typer.echo(str(path.resolve()))
    err_console.print(f"{len(inp.posts)} posts, {len(inp.articles)} articles")


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
