"""Command: demo (the whole job end to end, on a fresh home and the local sandbox)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import typer

from sosmed.cli.output import console
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.i18n import _


def demo(
    directory: Path | None = typer.Option(
        None, "--dir", help="The demo home (default: a new temporary folder)."
    ),
    keep: bool | None = typer.Option(
        None,
        "--keep/--no-keep",
        help="Keep the sandbox running until Enter (default: when run in a terminal).",
    ),
) -> None:
    """Add an example article, compose for every platform, publish to the sandbox, show the log."""
    from sosmed.demo import run_demo

    home = directory or Path(tempfile.mkdtemp(prefix="sosmed-demo-"))
    console.print(f"[bold]sosmed demo[/bold] in {home} (no real account is used)")
    result = run_demo(home, lambda line: console.print(f"• {line}"))
    grid = Grid(
        [
            Column(_("post"), Kind.ID),
            Column(_("platform")),
            Column(_("akun")),
            Column(_("status"), min_width=12),
            Column(_("tautan / galat"), Kind.TEXT, min_width=40),
        ]
    )
    for p in result.posts:
        link = p.remote_url or p.remote_id or p.last_error or p.problem or ""
        grid.add_row(str(p.id), p.platform, p.account, p.status, link)
    show(grid, console)
    console.print(f"[bold]post log[/bold] (again with: sosmed --home {home} log)")
    from sosmed.cli.postlog import log_grid

    log = log_grid(result.log)
    show(log, console)
    console.print(f"timelines: {result.sandbox.base_url}/  (saved as {result.page})")
    if keep if keep is not None else sys.stdin.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input("press Enter to stop the sandbox … ")
    result.sandbox.stop()
    published = sum(p.status == "published" for p in result.posts)
    if published != len(result.posts):
        console.print(f"[yellow]{published} of {len(result.posts)} posts published[/yellow]")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
