"""Command: demo (the whole job end to end, on a fresh home and the local sandbox)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import typer
from rich.table import Table

from sosmed.cli.output import console


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
    table = Table("post", "platform", "account", "status", "remote URL / error")
    for p in result.posts:
        table.add_row(
            str(p.id),
            p.platform,
            p.account,
            p.status,
            p.remote_url or p.remote_id or p.last_error or p.problem or "",
        )
    console.print(table)
    console.print(f"[bold]post log[/bold] (again with: sosmed --home {home} log)")
    for line in result.log:
        console.print(line, markup=False, highlight=False, soft_wrap=True)
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
