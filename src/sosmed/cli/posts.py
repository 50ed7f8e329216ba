"""Commands: compose, posts, preview, edit, approve, cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click
import typer
from rich.markup import escape
from rich.panel import Panel

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, fail, print_json
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.office import Office

if TYPE_CHECKING:
    from sosmed.models import Post

PHOTO_KEYS = ("path", "width", "height", "bytes", "alt", "mime", "sha256", "url")


def post_dict(post: Post, office: Office | None = None) -> dict[str, Any]:
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


def _table(posts: list[Post], office: Office) -> Grid:
    grid = Grid(
        [
            Column(_("id"), Kind.ID),
            Column(_("berita"), Kind.ID),
            Column(_("akun")),
            Column(_("platform")),
            Column(_("status"), min_width=12),
            Column(_("panjang"), Kind.ID),
            Column(_("teks"), Kind.TEXT, min_width=20),
        ]
    )
    for post in posts:
        d = post_dict(post, office)
        problem = _("({problem}) ").format(problem=d["problem"]) if d["problem"] else ""
        grid.add_row(
            str(post.id),
            str(post.article_id),
            post.account,
            post.platform,
            d["status"],
            f"{d['length']}/{d['limit']}",
            problem + post.text,
        )
    return grid


def compose(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help="The article's id (see 'sosmed articles')."),
    accounts: str | None = typer.Option(
        None, "--accounts", help="Comma-separated account names (default: every account)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the posts as JSON."),
    again: bool = typer.Option(
        False, "--again", help="Susun ulang draf dari berita yang dikoreksi; post lain dibiarkan."
    ),
) -> None:
    """Write one post per account for an article (drafts unless the account says otherwise)."""
    app: AppContext = ctx.obj
    if again:
        from sosmed.cli.article import recompose

        if accounts:
            raise InputError("--again menyusun untuk semua akun; jangan pakai --accounts")
        recompose(app, article_id, as_json)
        return
    names = [n.strip() for n in accounts.split(",") if n.strip()] if accounts else None
    posts = app.office.compose(article_id, names)
    if as_json:
        print_json([post_dict(p, app.office) for p in posts])
        return
    show(_table(posts, app.office), console)
    console.print(
        "read one with 'sosmed preview ID'; approve with 'sosmed approve ID... --by NAMA'"
    )


def posts(
    ctx: typer.Context,
    status: str | None = typer.Option(None, "--status", help="Only posts in this status."),
    account: str | None = typer.Option(None, "--account", help="Only this account's posts."),
    article: int | None = typer.Option(None, "--article", help="Only this article's posts."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    history: int | None = typer.Option(
        None, "--history", metavar="ID", help="Riwayat satu post: siapa mengubah apa, kapan."
    ),
) -> None:
    """List posts, oldest first (or one post's history with --history ID)."""
    app: AppContext = ctx.obj
    if history is not None:
        _history(app, history, as_json)
        return
    rows = app.office.posts(status=status, account=account, article=article)
    if as_json:
        print_json([post_dict(p, app.office) for p in rows])
        return
    if not rows:
        console.print("no posts: compose some with 'sosmed compose ID'")
        return
    show(_table(rows, app.office), console)


def _history(app: AppContext, post_id: int, as_json: bool) -> None:
    lines = app.office.history(post_id)
    if as_json:
        print_json([{"at": at, "by": who, "what": what} for at, who, what in lines])
        return
    grid = Grid([Column(_("waktu"), Kind.TIME), Column(_("oleh")), Column(_("apa"), Kind.WRAP)])
    for at, who, what in lines:
        grid.add_row(at, who, what)
    show(grid, console)


def preview(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help="The post's id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show a post as it will go out: text, length against the limit, hashtags, images."""
    app: AppContext = ctx.obj
    d = post_dict(app.office.post(post_id), app.office)
    if as_json:
        print_json(d)
        return
    title = f"post {d['id']} · {escape(d['account'])} ({d['platform']}) · {d['status']}"
    if console.is_terminal:
        console.print(Panel(escape(d["text"]), title=title, title_align="left"))
    else:  # a file or a pipe: the same words without the frame
        console.print(title)
        console.print(escape(d["text"]))
    colour = "green" if d["fits"] else "red"
    console.print(f"length [{colour}]{d['length']}/{d['limit']}[/{colour}] {d['unit']}")
    console.print("hashtags " + (escape(" ".join(d["hashtags"])) or "—"))
    for i, p in enumerate(d["photos"], 1):
        size = f"{p.get('width')}×{p.get('height')}, {p.get('bytes', 0) / 1000:.0f} kB"
        console.print(f"image {i}: {escape(str(p.get('path')))} ({size})")
        console.print(f"  alt: {escape(p.get('alt') or '—')}")
    if d["problem"]:
        console.print(f"[red]problem:[/red] {escape(d['problem'])}")


def edit(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help="The post's id."),
    text: str | None = typer.Option(None, "--text", help="The new text (default: open $EDITOR)."),
    alt: tuple[int, str] | None = typer.Option(
        None, "--alt", help='Ubah teks alt foto ke-N: --alt N "teks" (teks post tidak berubah).'
    ),
    by: str | None = typer.Option(None, "--by", help="Siapa yang mengubah (nama Anda)."),
) -> None:
    """Change a post's text (or a photo's alt text); it must still fit its platform. An
    approved post goes back to draft and needs a new approval."""
    app: AppContext = ctx.obj
    who = app.office.person(by)
    if alt is not None:
        number, words = alt
        before = app.office.post(post_id)
        post = app.office.desk.set_alt(post_id, number, words, who)
        console.print(f"post {post_id}: teks alt foto {number} diubah ({escape(post.account)})")
        if post.status != before.status:
            console.print(f"post {post_id} kembali ke draf; perlu disetujui lagi")
        return
    post = app.office.post(post_id)
    if text is None:
        text = click.edit(post.text, extension=".txt")
        if text is None or text.strip() == post.text.strip():
            console.print("no change")
            return
    # Refused if the post moved while the person was writing (sent, edited by someone else).
    edited = app.office.edit(post, text, who)
    d = post_dict(edited, app.office)
    if edited.status != post.status:
        console.print(f"post {post_id} kembali ke draf; perlu disetujui lagi")
        return
    console.print(f"post {post_id} edited: {d['length']}/{d['limit']} {d['unit']}")


def _each(ids: list[int], action: Any, verb: str) -> None:
    """Apply ``action`` to every id; one line for each failure, and the exit code of the
    first failure's kind (1 for a post a daemon holds, 2 for bad input...)."""
    from sosmed.cli.main import exit_code

    errors: list[SosmedError] = []
    for post_id in ids:
        try:
            post = action(post_id)
        except SosmedError as e:
            if len(ids) == 1:
                raise  # one line, as for any command
            fail(str(e) if f"post {post_id}" in str(e) else f"post {post_id}: {e}")
            errors.append(e)
            continue
        console.print(f"post {post_id} {verb} ({escape(post.account)}, {post.platform})")
    if errors:
        fail(f"{len(errors)} of {len(ids)} posts not {verb}")
        raise typer.Exit(exit_code(errors[0]))


def approve(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., help="One or more post ids."),
    by: str | None = typer.Option(None, "--by", help="Siapa yang menyetujui (nama Anda)."),
) -> None:
    """Approve posts for scheduling (refused while a post has a problem or does not fit)."""
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.approve(i, who), "approved")


def cancel(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., help="One or more post ids."),
    by: str | None = typer.Option(None, "--by", help="Siapa yang membatalkan (nama Anda)."),
) -> None:
    """Cancel posts so that they are never published."""
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.cancel(i, who), "cancelled")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("compose")(compose)
    app.command("posts")(posts)
    app.command("preview")(preview)
    app.command("edit")(edit)
    app.command("approve")(approve)
    app.command("cancel")(cancel)
