"""Commands: schedule (put posts on the calendar), queue (what goes out when)."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.office import Office
from sosmed.timefmt import iso_local, long_form, short_form

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.settings import Settings

TEXT_WIDTH = 60


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _note(line: str) -> None:
    err_console.print(f"[yellow]note:[/yellow] {escape(line)}")


def schedule(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(
        ..., metavar="POST_ID...", help="One or more approved post ids."
    ),
    at: str | None = typer.Option(
        None,
        "--at",
        help='The office\'s local time, e.g. "2026-12-01 08:00" (or "now"). '
        "With --next-slot: the first free slot from then.",
    ),
    next_slot: bool = typer.Option(
        False,
        "--next-slot",
        help="Take each account's next free slot (the default when --at is not given).",
    ),
    force: bool = typer.Option(
        False, "--force", help="Keep --at even in quiet hours, over the daily cap or in the past."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the scheduled posts as JSON."),
) -> None:
    """Schedule posts at a time or in the next free slot of their account."""
    app: AppContext = ctx.obj
    office, settings = app.office, app.settings
    when = office.parse_time(at) if at is not None else None
    posts = office.schedule(post_ids, when, next_slot, force, _actor(), _note)
    if as_json:
        print_json([_post_dict(p, settings) for p in posts])
        return
    for p in posts:
        assert p.scheduled_at is not None
        console.print(
            f"post {p.id} ({escape(p.account)}, {p.platform}) scheduled for "
            f"[bold]{long_form(p.scheduled_at, settings.tz)}[/bold]"
        )


def _iso(dt: datetime | None, settings: Settings) -> str | None:
    return iso_local(dt, settings.tz) if dt is not None else None


def _post_dict(p: Post, settings: Settings) -> dict[str, Any]:
    due = Office.due_at(p)
    return {
        "id": p.id,
        "account": p.account,
        "platform": p.platform,
        "status": p.status,
        "due_at": _iso(due, settings),
        "due_local": short_form(due, settings.tz) if due else None,
        "scheduled_at": _iso(p.scheduled_at, settings),
        "next_try_at": _iso(p.next_try_at, settings),
        "attempts": p.attempts,
        "text": p.text,
    }


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TEXT_WIDTH else flat[: TEXT_WIDTH - 1] + "…"


def _status_cell(p: Post) -> str:
    if p.status == "scheduled" and p.next_try_at is not None:
        return f"scheduled (retry after {p.attempts} tries)"
    return p.status


def queue(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON (ISO times with offset)."),
    limit: int = typer.Option(100, "--limit", min=1, help="How many, soonest first."),
) -> None:
    """What goes out when: scheduled, publishing and in-doubt posts, soonest first."""
    app: AppContext = ctx.obj
    settings = app.settings
    rows = app.office.queue(limit)
    if as_json:
        print_json([_post_dict(p, settings) for p in rows])
        return
    if not rows:
        console.print("nothing queued: schedule approved posts with 'sosmed schedule POST_ID'")
        return
    table = Table()
    for name in ("when", "id", "account", "platform", "status", "text"):
        table.add_column(name, no_wrap=True, overflow="ellipsis")
    for p in rows:
        due = Office.due_at(p)
        table.add_row(
            short_form(due, settings.tz) if due else "—",
            str(p.id),
            escape(p.account),
            p.platform,
            _status_cell(p),
            escape(_snippet(p.text)),
        )
    console.print(table)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("schedule")(schedule)
    app.command("queue")(queue)
