"""Commands: add, articles, article."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json


def _is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://")) or "://" in source


def add(
    ctx: typer.Context,
    source: str = typer.Argument(..., help="A file (plain text or HTML), a URL, or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="Print what was understood as JSON."),
    photo: list[Path] = typer.Option(
        [], "--photo", help="A photo file of the article (repeatable), e.g. the photographer's."
    ),
    caption: str | None = typer.Option(
        None, "--caption", help="Photo caption, when the text has none."
    ),
    url: str | None = typer.Option(None, "--url", help="The page address of a pasted text."),
) -> None:
    """Add one article and print what was understood of it."""
    office = ctx.obj.office
    if source == "-":
        added = office.add_bytes(sys.stdin.buffer.read(), "standard input", url, photo, caption)
    elif _is_url(source):
        added = office.add_url(source, photo, caption)
    else:
        added = office.add_file(Path(source), url, photo, caption)
    _show(ctx.obj, added.article_id, as_json, added.duplicate_of)


def _show(app: AppContext, article_id: int, as_json: bool, duplicate_of: int | None) -> None:
    data = app.office.article_view(article_id, duplicate_of)
    if as_json:
        print_json(data)
        return
    if duplicate_of is not None:
        console.print(f"[yellow]already added[/yellow] as article {duplicate_of}")
    table = Table(show_header=False, box=None)
    for key in ("id", "title", "published_at", "place", "url", "source"):
        table.add_row(
            f"[bold]{key}[/bold]", escape(str(data[key] if data[key] is not None else "—"))
        )
    credits = ", ".join(f"{k}: {v}" for k, v in data["credits"].items() if v) or "—"
    table.add_row("[bold]credits[/bold]", escape(credits))
    for p in data["photos"]:
        table.add_row(
            "[bold]photo[/bold]",
            escape(
                f"{p.get('url') or p.get('path') or '(caption only)'}"
                f" — {p.get('caption') or 'no caption'}"
            ),
        )
    table.add_row("[bold]lead[/bold]", escape(data["lead"] or "—"))
    table.add_row("[bold]paragraphs[/bold]", str(len(data["paragraphs"])))
    for note in data.get("check", []):
        table.add_row("[bold yellow]periksa[/bold yellow]", escape(note))
    console.print(table)


def articles(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many, newest first."),
) -> None:
    """List articles, newest first."""
    office = ctx.obj.office
    rows = office.articles(limit)
    if as_json:
        print_json([office.article_view(a) for a in rows])
        return
    table = Table("id", "published", "place", "title", "source")
    for a in rows:
        when = office.published_local(a)
        table.add_row(
            str(a.id),
            when.strftime("%Y-%m-%d %H:%M") if when else "—",
            escape(a.place or "—"),
            escape((a.title or a.lead or "")[:70]),
            a.source,
        )
    console.print(table if rows else "no articles yet: add one with 'sosmed add FILE|URL'")


def article(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help="The article's id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show one article."""
    _show(ctx.obj, article_id, as_json, None)


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("articles")(articles)
    app.command("article")(article)
