"""Commands: add, articles (the article group is in cli/article.py)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import typer
from rich.markup import escape

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, fail, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show, show_pairs
from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.timefmt import short_form


def add(
    ctx: typer.Context,
    sources: list[str] = typer.Argument(
        ..., help=_("Satu atau beberapa berkas (teks atau HTML), URL, atau - untuk stdin.")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak yang dipahami sebagai JSON.")),
    photo: list[Path] = typer.Option(
        [], "--photo", help=_("Berkas foto berita (boleh berulang); hanya untuk satu berita.")
    ),
    caption: str | None = typer.Option(
        None, "--caption", help=_("Keterangan foto, bila teksnya tidak punya.")
    ),
    url: str | None = typer.Option(
        None, "--url", help=_("Alamat halaman asal teks yang ditempel.")
    ),
) -> None:
    app: AppContext = ctx.obj
    if len(sources) > 1:
        if photo or caption or url:
            raise InputError(
                _(
                    "--photo, --caption dan --url hanya untuk satu berita; tambahkan fotonya "
                    "nanti dengan 'sosmed article photo add ID FOTO'"
                )
            )
        raise typer.Exit(add_many(app, sources, as_json))
    stdin = sys.stdin.buffer.read() if sources[0] == "-" else None
    added = app.office.desk.add(sources[0], url, photo, caption, stdin)
    show_article(app, added.article_id, as_json, added.duplicate_of)


def add_many(app: AppContext, sources: list[str], as_json: bool) -> int:
    """Each source added on its own (one bad source stops no other), a progress bar on a
    terminal, one line per source and a summary; the exit code (0 all added, 2 all bad
    input, 1 otherwise)."""
    from rich.progress import Progress  # only `add` shows progress: not loaded for --help

    from sosmed.cli.main import exit_code

    added: list[int] = []
    existing: list[int] = []
    codes: list[int] = []
    views = []
    with Progress(console=err_console, transient=True, disable=not err_console.is_terminal) as bar:
        task = bar.add_task(_("menambahkan"), total=len(sources))
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
                say(_("{source}: sudah ada (berita {id})").format(source=source, id=dup))
            else:
                title = app.office.article_view(result.article_id)["title"] or ""
                say(
                    _("{source}: berita {id} {title}").format(
                        source=source, id=result.article_id, title=title[:60]
                    )
                )
    if as_json:
        print_json(views)
    summary = _("{n} berita: {added} ditambahkan").format(n=len(sources), added=len(added))
    if existing:
        summary += ", " + _("{n} sudah ada (berita {ids})").format(
            n=len(existing), ids=", ".join(map(str, existing))
        )
    if codes:
        summary += ", " + _("{n} gagal").format(n=len(codes))
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
        console.print(
            "[yellow]"
            + escape(_("sudah ada sebagai berita {id}").format(id=duplicate_of))
            + "[/yellow]"
        )
    from sosmed.cli.article import field_names

    names = field_names()
    tz = app.settings.tz
    published = data["published_at"]
    when = short_form(datetime.fromisoformat(published), tz) if published else None
    pairs = [
        (_("nomor"), str(data["id"])),
        (_("judul"), data["title"]),
        (_("terbit"), when),
        (_("tempat"), data["place"]),
        (_("alamat"), data["url"]),
        (_("sumber"), data["source"]),
        (
            _("kredit"),
            ", ".join(f"{names.get(k, k)}: {v}" for k, v in data["credits"].items() if v),
        ),
    ]
    for n, p in enumerate(data["photos"], 1):
        where = p.get("url") or p.get("path") or _("(hanya keterangan)")
        pairs.append(
            (_("foto {n}").format(n=n), f"{where} — {p.get('caption') or _('tanpa keterangan')}")
        )
    for field, who in data["set_by_person"].items():
        pairs.append((_("dikoreksi"), f"{names.get(field, field)}: {who['by']}, {who['at']}"))
    pairs.append((_("teras"), data["lead"]))
    pairs.append((_("paragraf"), str(len(data["paragraphs"]))))
    for note in data.get("check", []):
        pairs.append((_("periksa"), note))
    show_pairs([(k, v or "—") for k, v in pairs], console)


def articles(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
    limit: int = typer.Option(50, "--limit", min=1, help=_("Berapa banyak, terbaru dulu.")),
    search: str | None = typer.Option(
        None, "--search", help=_("Hanya berita yang judul atau isinya memuat semua kata ini.")
    ),
) -> None:
    office = ctx.obj.office
    rows = (
        office.desk.search(search.split(), limit) if search is not None else office.articles(limit)
    )
    if as_json:
        print_json([office.article_view(a) for a in rows])
        return
    if search is not None and not rows:
        say(_("tidak ada berita yang memuat {words!r}").format(words=search))
        return
    if not rows:
        say(_("belum ada berita: tambahkan dengan 'sosmed add BERKAS|URL'"))
        return
    tz = office.settings.tz
    grid = Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("terbit"), Kind.TIME),
            Column(_("tempat"), min_width=10),
            Column(_("sumber")),
            Column(_("judul"), Kind.TEXT),
        ]
    )
    for a in rows:
        when = office.published_local(a)
        grid.add_row(
            str(a.id),
            short_form(when, tz) if when else "—",
            a.place or "—",
            a.source,
            a.title or a.lead or "",
        )
    show(grid, console)


def register(app: typer.Typer) -> None:
    app.command("add", help=_("Tambahkan berita dan tampilkan yang dipahami darinya."))(add)
    app.command("articles", help=_("Daftar berita, terbaru dulu."))(articles)
