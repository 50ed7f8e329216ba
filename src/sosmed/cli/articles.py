"""Commands: add, articles (the article group is in cli/article.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, fail, print_json
from sosmed.errors import InputError, SosmedError


def add(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(
        ..., help="Satu atau beberapa berkas (teks atau HTML), URL, atau - untuk stdin."
    ),
    as_json: bool = typer.Option(False, "--json", help="Cetak yang dipahami sebagai JSON."),
    photo: list[Path] = typer.Option(
        [], "--photo", help="Berkas foto berita (boleh berulang); hanya untuk satu berita."
    ),
    caption: str | None = typer.Option(
        None, "--caption", help="Keterangan foto, bila teksnya tidak punya."
    ),
    url: str | None = typer.Option(None, "--url", help="Alamat halaman asal teks yang ditempel."),
) -> None:
    """Tambahkan berita dan tampilkan yang dipahami darinya."""
    app: AppContext = ctx.obj
    if len(sources) > 1:
        if photo or caption or url:
            raise InputError(
                "--photo, --caption dan --url hanya untuk satu berita; tambahkan fotonya "
                "nanti dengan 'sosmed article photo add ID FOTO'"
            )
        raise typer.Exit(add_many(app, sources, as_json))
    stdin = sys.stdin.buffer.read() if sources[0] == "-" else None
    added = app.office.desk.add(sources[0], url, photo, caption, stdin)
    show_article(app, added.article_id, as_json, added.duplicate_of)


def add_many(app: AppContext, sources: list[str], as_json: bool) -> int:
    """Each source added on its own (one bad source stops no other), a progress bar on a
    terminal, one line per source and a summary; the exit code (0 all added, 2 all bad
    input, 1 otherwise)."""
    from sosmed.cli.main import exit_code

    added: list[int] = []
    existing: list[int] = []
    codes: list[int] = []
    views = []
    with Progress(console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task("menambahkan", total=len(sources))
        for source in sources:
            try:
                stdin = sys.stdin.buffer.read() if source == "-" else None
                result = app.office.desk.add(source, None, [], None, stdin)
            except SosmedError as e:
                fail(f"{source}: {e}")
                codes.append(exit_code(e))
                bar.advance(task)
                continue
            bar.advance(task)
            dup = result.duplicate_of
            (existing if dup is not None else added).append(result.article_id)
            if as_json:
                views.append(app.office.article_view(result.article_id, dup))
            elif dup is not None:
                console.print(f"{escape(source)}: sudah ada (berita {dup})")
            else:
                title = app.office.article_view(result.article_id)["title"] or ""
                console.print(f"{escape(source)}: berita {result.article_id} {escape(title[:60])}")
    if as_json:
        print_json(views)
    summary = f"{len(sources)} berita: {len(added)} ditambahkan"
    if existing:
        summary += f", {len(existing)} sudah ada (berita {', '.join(map(str, existing))})"
    if codes:
        summary += f", {len(codes)} gagal"
    err_console.print(summary, markup=False, highlight=False)
    if len(added) == len(sources):
        return 0
    return 2 if codes and len(codes) == len(sources) and set(codes) == {2} else 1


def show_article(app: AppContext, article_id: int, as_json: bool, duplicate_of: int | None) -> None:
    data = app.office.article_view(article_id, duplicate_of)
    data["set_by_person"] = app.office.desk.set_by_person(article_id)
    if as_json:
        print_json(data)
        return
    if duplicate_of is not None:
        console.print(f"[yellow]sudah ada[/yellow] sebagai berita {duplicate_of}")
    table = Table(show_header=False, box=None)
    for key in ("id", "title", "published_at", "place", "url", "source"):
        table.add_row(
            f"[bold]{key}[/bold]", escape(str(data[key] if data[key] is not None else "—"))
        )
    credits = ", ".join(f"{k}: {v}" for k, v in data["credits"].items() if v) or "—"
    table.add_row("[bold]credits[/bold]", escape(credits))
    for n, p in enumerate(data["photos"], 1):
        table.add_row(
            f"[bold]foto {n}[/bold]",
            escape(
                f"{p.get('url') or p.get('path') or '(caption only)'}"
                f" — {p.get('caption') or 'no caption'}"
            ),
        )
    for field, who in data["set_by_person"].items():
        table.add_row("[bold]dikoreksi[/bold]", escape(f"{field}: {who['by']}, {who['at']}"))
    table.add_row("[bold]lead[/bold]", escape(data["lead"] or "—"))
    table.add_row("[bold]paragraphs[/bold]", str(len(data["paragraphs"])))
    for note in data.get("check", []):
        table.add_row("[bold yellow]periksa[/bold yellow]", escape(note))
    console.print(table)


def articles(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    limit: int = typer.Option(50, "--limit", min=1, help="How many, newest first."),
    search: str | None = typer.Option(
        None, "--search", help="Hanya berita yang judul atau isinya memuat semua kata ini."
    ),
) -> None:
    """List articles, newest first."""
    office = ctx.obj.office
    rows = (
        office.desk.search(search.split(), limit) if search is not None else office.articles(limit)
    )
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
    if search is not None and not rows:
        console.print(f"tidak ada berita yang memuat {escape(search)!r}")
        return
    console.print(table if rows else "no articles yet: add one with 'sosmed add FILE|URL'")


def register(app: typer.Typer) -> None:
    app.command("add")(add)
    app.command("articles")(articles)
