"""Commands: compose, posts, preview, edit, approve, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer
from rich.markup import escape
from rich.panel import Panel

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, fail, print_json, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.costs import MICROS, usd
from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.office import Office
from sosmed.state_words import label, problem_label, unit_words

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.post_row import PostRow

PHOTO_KEYS = ("path", "width", "height", "bytes", "alt", "mime", "sha256", "url")


def post_dict(post: Post | PostRow, office: Office | None = None) -> dict[str, Any]:
    """A post as the JSON outputs show it, with its length in the platform's units (against
    its account's own limit when ``office`` is given: a Mastodon instance's)."""
    m = Office.measure(post, office.account_limits(post.account) if office else None)
    return {
        "id": post.id,
        "article_id": post.article_id,
        "account": post.account,
        "platform": post.platform,
        "status": post.status,
        "problem": post.problem,
        "text": post.text,
        "hashtags": list(post.hashtags),
        "photos": [{k: p[k] for k in PHOTO_KEYS if k in p} for p in post.photos],
        "length": m.length,
        "limit": m.limit,
        "unit": m.unit,
        "fits": m.fits,
        "scheduled_at": post.scheduled_at,
        "approved_by": post.approved_by,
        "approved_at": post.approved_at,
        "remote_id": post.remote_id,
        "remote_url": post.remote_url,
    }


def _table(posts: list[Post] | list[PostRow], office: Office) -> Grid:
    from sosmed.engagement.counters import interactions
    from sosmed.office.views import counters

    public = counters(office, [p.id for p in posts if p.id is not None])
    grid = Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("berita"), Kind.ID),
            Column(_("akun")),
            Column(_("platform")),
            Column(_("status"), min_width=12),
            Column(_("panjang"), Kind.ID),
            Column(_("publik"), Kind.ID),
            Column(_("teks"), Kind.TEXT, min_width=20),
        ]
    )
    for post in posts:
        d = post_dict(post, office)
        seen = public.get(post.id or 0)
        problem = (
            _("({problem}) ").format(problem=problem_label(d["problem"])) if d["problem"] else ""
        )
        grid.add_row(
            str(post.id),
            str(post.article_id),
            post.account,
            post.platform,
            label(d["status"]),
            f"{d['length']}/{d['limit']}",
            str(interactions(seen)) if seen else "—",
            problem + post.text,
        )
    return grid


def compose(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help=_("Nomor berita (lihat 'sosmed articles').")),
    accounts: str | None = typer.Option(
        None, "--accounts", help=_("Nama akun dipisah koma (bawaan: semua akun).")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak post sebagai JSON.")),
    again: bool = typer.Option(
        False,
        "--again",
        help=_("Susun ulang draf dari berita yang dikoreksi; post lain dibiarkan."),
    ),
) -> None:
    app: AppContext = ctx.obj
    if again:
        from sosmed.cli.article import recompose

        if accounts:
            raise InputError(_("--again menyusun untuk semua akun; jangan pakai --accounts"))
        recompose(app, article_id, as_json)
        return
    names = [n.strip() for n in accounts.split(",") if n.strip()] if accounts else None
    posts = app.office.compose(article_id, names)
    if as_json:
        print_json([post_dict(p, app.office) for p in posts])
        return
    show(_table(posts, app.office), console)
    say(_("baca satu dengan 'sosmed preview ID'; setujui dengan 'sosmed approve ID... --by NAMA'"))


def posts(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None,
        "--status",
        help=_("Hanya post dengan status ini (draf, disetujui, terjadwal, gagal, …)."),
    ),
    account: str | None = typer.Option(None, "--account", help=_("Hanya post akun ini.")),
    article: int | None = typer.Option(None, "--article", help=_("Hanya post berita ini.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
    history: int | None = typer.Option(
        None, "--history", metavar="ID", help=_("Riwayat satu post: siapa mengubah apa, kapan.")
    ),
) -> None:
    app: AppContext = ctx.obj
    if history is not None:
        if status is not None or account is not None or article is not None:
            raise InputError(
                _("--history menampilkan satu post; tanpa --status/--account/--article")
            )
        _history(app, history, as_json)
        return
    from sosmed.office import views  # plain SQL through the driver: no ORM to import

    rows = views.posts(app.office, status=status, account=account, article=article)
    if as_json:
        public = views.counters(app.office, [p.id for p in rows if p.id is not None])
        print_json([post_dict(p, app.office) | {"engagement": public.get(p.id or 0)} for p in rows])
        return
    if not rows:
        say(_("belum ada post: susun dengan 'sosmed compose ID'"))
        return
    show(_table(rows, app.office), console)


def _history(app: AppContext, post_id: int, as_json: bool) -> None:
    lines = app.office.history(post_id)
    if as_json:
        print_json(
            [{"at": at, "by": who, "action": code, "what": what} for at, who, what, code in lines]
        )
        return
    grid = Grid([Column(_("waktu"), Kind.TIME), Column(_("oleh")), Column(_("apa"), Kind.WRAP)])
    for at, who, what, _code in lines:
        grid.add_row(at, who, what)
    show(grid, console)


def preview(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help=_("Nomor post.")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    from sosmed.office import views
    from sosmed.office.spending import post_price

    app: AppContext = ctx.obj
    post = views.post(app.office, post_id)
    d = post_dict(post, app.office)
    price = post_price(app.office, post)
    d["price_usd"] = None if price is None else price / MICROS
    if as_json:
        print_json(d)
        return
    title = f"post {d['id']} · {escape(d['account'])} ({d['platform']}) · {label(d['status'])}"
    if console.is_terminal:
        console.print(Panel(escape(d["text"]), title=title, title_align="left"))
    else:  # a file or a pipe: the same words without the frame
        console.print(title)
        console.print(escape(d["text"]))
    colour = "green" if d["fits"] else "red"
    length = f"[{colour}]{d['length']}/{d['limit']}[/{colour}]"
    console.print(escape(_("panjang")) + f" {length} {escape(unit_words(d['unit']))}")
    console.print(escape(_("tagar")) + " " + (escape(" ".join(d["hashtags"])) or "—"))
    for i, p in enumerate(d["photos"], 1):
        size = f"{p.get('width')}×{p.get('height')}, {p.get('bytes', 0) / 1000:.0f} kB"
        say(_("gambar {n}: {path} ({size})").format(n=i, path=p.get("path"), size=size))
        say("  " + _("alt: {text}").format(text=p.get("alt") or "—"))
    if price is not None:
        say(_("harga di X: {price}").format(price=usd(price)))
    if d["problem"]:
        console.print(f"[red]{escape(_('masalah:'))}[/red] {escape(problem_label(d['problem']))}")


def edit(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help=_("Nomor post.")),
    text: str | None = typer.Option(None, "--text", help=_("Teks baru (bawaan: buka $EDITOR).")),
    alt: tuple[int, str] | None = typer.Option(
        None,
        "--alt",
        help=_('Ubah teks alt foto ke-N: --alt N "teks" (teks post tidak berubah).'),
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang mengubah (nama Anda).")),
) -> None:
    app: AppContext = ctx.obj
    who = app.office.person(by)
    if alt is not None:
        number, words = alt
        before = app.office.post(post_id)
        post = app.office.desk.set_alt(post_id, number, words, who)
        say(
            _("post {id}: teks alt foto {n} diubah ({account})").format(
                id=post_id, n=number, account=post.account
            )
        )
        if post.status != before.status:
            say(_("post {id} kembali ke draf; perlu disetujui lagi").format(id=post_id))
        return
    post = app.office.post(post_id)
    if text is None:
        from sosmed.cli.editor import edited as in_editor  # loads click: only now

        text = in_editor(post.text)
        if text is None or text.strip() == post.text.strip():
            say(_("tidak ada yang berubah"))
            return
    # Refused if the post moved while the person was writing (sent, edited by someone else).
    edited = app.office.edit(post, text, who)
    d = post_dict(edited, app.office)
    if edited.status != post.status:
        say(_("post {id} kembali ke draf; perlu disetujui lagi").format(id=post_id))
        return
    say(
        _("post {id} diubah: {length}/{limit} {unit}").format(
            id=post_id, length=d["length"], limit=d["limit"], unit=unit_words(d["unit"])
        )
    )


def _each(ids: list[int], action: Any, verb: str) -> None:
    """Apply ``action`` to every id; one line for each failure, and the exit code of the
    first failure's kind (1 for a post a daemon holds, 2 for bad input...)."""
    from sosmed.cli.main import exit_code

    errors: list[SosmedError] = []
    ids = list(dict.fromkeys(ids))  # "approve 4 4" approves once, and says so once
    for post_id in ids:
        try:
            post = action(post_id)
        except SosmedError as e:
            if len(ids) == 1:
                raise  # one line, as for any command
            fail(str(e) if f"post {post_id}" in str(e) else f"post {post_id}: {e}")
            errors.append(e)
            continue
        say(f"post {post_id} {verb} ({post.account}, {post.platform})")
    if errors:
        fail(
            _("{n} dari {total} post tidak {verb}").format(n=len(errors), total=len(ids), verb=verb)
        )
        raise typer.Exit(exit_code(errors[0]))


def approve(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., help=_("Satu atau beberapa nomor post.")),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang menyetujui (nama Anda).")),
) -> None:
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.approve(i, who), _("disetujui"))


def cancel(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., help=_("Satu atau beberapa nomor post.")),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang membatalkan (nama Anda).")),
) -> None:
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.cancel(i, who), _("dibatalkan"))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command(
        "compose",
        help=_(
            "Tulis satu post per akun untuk sebuah berita (draf, kecuali akunnya berkata lain)."
        ),
    )(compose)
    app.command(
        "posts", help=_("Daftar post, terlama dulu (atau riwayat satu post dengan --history ID).")
    )(posts)
    app.command(
        "preview",
        help=_("Tampilkan post seperti yang akan terbit: teks, panjang, tagar, gambar."),
    )(preview)
    app.command(
        "edit",
        help=_(
            "Ubah teks post (atau teks alt fotonya); harus tetap muat di platformnya. Post yang "
            "sudah disetujui kembali ke draf dan perlu disetujui lagi."
        ),
    )(edit)
    app.command(
        "approve",
        help=_("Setujui post untuk dijadwalkan (ditolak bila post bermasalah atau tidak muat)."),
    )(approve)
    app.command("cancel", help=_("Batalkan post agar tidak pernah terbit."))(cancel)
