"""Command group ``article``: show, correct, give or take photos, delete one article.

``sosmed article ID`` still shows the article: a first word that is no subcommand is read as
the id of ``article show``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from rich.markup import escape
from typer.core import TyperGroup

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json, say
from sosmed.i18n import _


def field_names() -> dict[str, str]:
    """What people call each field, in messages."""
    return {
        "title": _("judul"),
        "date": _("tanggal"),
        "place": _("tempat"),
        "editor": _("editor"),
        "reporter": _("reporter"),
        "photographer": _("fotografer"),
        "caption": _("keterangan foto"),
        "body": _("isi"),
    }


class ArticleGroup(TyperGroup):
    """``article ID`` is ``article show ID``; the subcommands keep their names."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


article_app = typer.Typer(
    cls=ArticleGroup,
    no_args_is_help=True,
    help=_("Satu berita: 'sosmed article ID' menampilkannya; edit, photo, delete mengubahnya."),
)
photo_app = typer.Typer(no_args_is_help=True, help=_("Foto sebuah berita: tambah atau hapus."))
article_app.add_typer(photo_app, name="photo")


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@article_app.command("show", help=_("Tampilkan satu berita (juga: 'sosmed article ID')."))
def show(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor (id) berita.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    from sosmed.cli.articles import show_article

    show_article(ctx.obj, article_id, as_json, None)


@article_app.command(
    "edit", help=_("Koreksi berita; siapa, kapan, sebelum dan sesudahnya dicatat.")
)
def edit(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor (id) berita.")),
    by: str = typer.Option(..., "--by", help=_("Siapa yang mengoreksi (wajib, dicatat).")),
    title: str | None = typer.Option(None, "--title", help=_("Judul yang benar.")),
    date: str | None = typer.Option(
        None,
        "--date",
        help=_("Tanggal terbit: 2026-12-07, '7 Desember 2026' atau '… 09.30 WITA'."),
    ),
    place: str | None = typer.Option(None, "--place", help=_("Tempat (dateline).")),
    editor: str | None = typer.Option(None, "--editor", help=_("Nama editor.")),
    reporter: str | None = typer.Option(None, "--reporter", help=_("Nama reporter/penulis.")),
    photographer: str | None = typer.Option(None, "--photographer", help=_("Nama fotografer.")),
    caption: str | None = typer.Option(None, "--caption", help=_("Keterangan foto pertama.")),
    body: bool = typer.Option(
        False, "--body", help=_("Buka isi berita di $EDITOR (paragraf dipisah baris kosong).")
    ),
) -> None:
    app: AppContext = ctx.obj
    given = {
        "title": title,
        "date": date,
        "place": place,
        "editor": editor,
        "reporter": reporter,
        "photographer": photographer,
        "caption": caption,
    }
    values = {k: v for k, v in given.items() if v is not None}
    desk = app.office.desk
    seen = desk.article(article_id)
    text = None
    if body:
        before = desk.body_text(seen)
        import click  # the editor only: not loaded for every command of this module

        text = click.edit(before, extension=".txt")
        if text is None or text.strip() == before.strip():
            text = None
            if not values:
                say(_("tidak ada yang berubah"))
                return
    changed = desk.edit(seen, values, text, by)
    if not changed:
        say(_("berita {id}: tidak ada yang berubah").format(id=article_id))
        return
    known = field_names()
    names = ", ".join(known.get(f, f) for f in changed)
    say(
        _(
            "berita {id} dikoreksi ({fields}) oleh {by}; "
            "susun ulang drafnya dengan 'sosmed compose {id} --again'"
        ).format(id=article_id, fields=names, by=by.strip())
    )


def _recomposed(posts: list[Any]) -> str:
    return "; " + _("{n} draf disusun ulang").format(n=len(posts)) if posts else ""


@photo_app.command(
    "add", help=_("Tambahkan foto ke berita; draf-drafnya disusun ulang dengan foto itu.")
)
def photo_add(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor (id) berita.")),
    file: Path = typer.Argument(..., help=_("Berkas foto (JPEG, PNG, GIF atau WebP).")),
    caption: str | None = typer.Option(None, "--caption", help=_("Keterangan foto.")),
    alt: str | None = typer.Option(
        None, "--alt", help=_("Teks alt (deskripsi untuk tunanetra); bawaan: keterangan foto.")
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa (bawaan: nama pengguna Anda).")),
) -> None:
    app: AppContext = ctx.obj
    number, posts = app.office.desk.add_photo(article_id, file, caption, alt, by or _user())
    say(
        _("foto {n} ditambahkan ke berita {id}").format(n=number, id=article_id)
        + _recomposed(posts)
    )


@photo_app.command(
    "remove", help=_("Hapus satu foto dari berita (berkasnya tidak dihapus); draf disusun ulang.")
)
def photo_remove(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor (id) berita.")),
    number: int = typer.Argument(
        ..., help=_("Nomor foto (1 = pertama, lihat 'sosmed article ID').")
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa (bawaan: nama pengguna Anda).")),
) -> None:
    app: AppContext = ctx.obj
    gone, posts = app.office.desk.remove_photo(article_id, number, by or _user())
    what = gone.path or gone.url or _("tanpa gambar")
    say(
        _("foto {n} ({what}) dihapus dari berita {id}").format(n=number, what=what, id=article_id)
        + _recomposed(posts)
    )


@article_app.command(
    "delete",
    help=_("Hapus berita beserta draf dan post batalnya (ditolak bila post lain menahannya)."),
)
def delete(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor (id) berita.")),
    by: str | None = typer.Option(None, "--by", help=_("Siapa (bawaan: nama pengguna Anda).")),
) -> None:
    app: AppContext = ctx.obj
    title, n = app.office.desk.delete(article_id, by or _user())
    say(
        _("berita {id} ({title}) dihapus, beserta {n} post").format(
            id=article_id, title=title[:60], n=n
        )
    )


def recompose(app: AppContext, article_id: int, as_json: bool) -> None:
    """`sosmed compose ID --again`: drafts composed again, the other posts kept, each said."""
    from sosmed.cli.posts import _table, post_dict
    from sosmed.cli.tables import show

    outcomes = app.office.desk.recompose(article_id)
    if as_json:
        print_json([post_dict(c.post, app.office) | {"how": c.how, "why": c.why} for c in outcomes])
        return
    show(_table([c.post for c in outcomes], app.office), console)
    for c in outcomes:
        line = f"post {c.post.id} ({escape(c.post.account)}): {escape(c.how)}"
        why = ", " + escape(_("karena {why}").format(why=c.why)) if c.why else ""
        console.print(line + why)


def register(app: typer.Typer) -> None:
    app.add_typer(article_app, name="article")
