"""Commands: compose, posts, preview, edit, approve, cancel."""

from __future__ import annotations

import getpass
from typing import TYPE_CHECKING, Any

import click
import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, fail, print_json
from sosmed.errors import SosmedError
from sosmed.office import Office

if TYPE_CHECKING:
    from sosmed.models import Post

PHOTO_KEYS = ("path", "width", "height", "bytes", "alt", "mime", "sha256", "url")


def post_dict(post: Post) -> dict[str, Any]:
    """A post as the JSON outputs show it, with its length in the platform's units."""
    m = Office.measure(post)
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


def _table(posts: list[Post]) -> Table:
    table = Table("id", "article", "account", "platform", "status", "length", "text")
    for post in posts:
        d = post_dict(post)
        status = d["status"] + (f" ([red]{escape(d['problem'])}[/red])" if d["problem"] else "")
        first_line = post.text.strip().splitlines()[0] if post.text.strip() else ""
        table.add_row(
            str(post.id),
            str(post.article_id),
            escape(post.account),
            post.platform,
            status,
            f"{d['length']}/{d['limit']}",
            escape(first_line[:60]),
        )
    return table


def compose(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., help="The article's id (see 'sosmed articles')."),
    accounts: str | None = typer.Option(
        None, "--accounts", help="Comma-separated account names (default: every account)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the posts as JSON."),
) -> None:
    """Write one post per account for an article (drafts unless the account says otherwise)."""
    app: AppContext = ctx.obj
    names = [n.strip() for n in accounts.split(",") if n.strip()] if accounts else None
    posts = app.office.compose(article_id, names)
    if as_json:
        print_json([post_dict(p) for p in posts])
        return
    console.print(_table(posts))
    console.print("read one with 'sosmed preview ID'; approve with 'sosmed approve ID...'")


def posts(
    ctx: typer.Context,
    status: str | None = typer.Option(None, "--status", help="Only posts in this status."),
    account: str | None = typer.Option(None, "--account", help="Only this account's posts."),
    article: int | None = typer.Option(None, "--article", help="Only this article's posts."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List posts, oldest first."""
    app: AppContext = ctx.obj
    rows = app.office.posts(status=status, account=account, article=article)
    if as_json:
        print_json([post_dict(p) for p in rows])
        return
    console.print(_table(rows) if rows else "no posts: compose some with 'sosmed compose ID'")


def preview(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help="The post's id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Show a post as it will go out: text, length against the limit, hashtags, images."""
    app: AppContext = ctx.obj
    d = post_dict(app.office.post(post_id))
    if as_json:
        print_json(d)
        return
    title = f"post {d['id']} · {escape(d['account'])} ({d['platform']}) · {d['status']}"
    console.print(Panel(escape(d["text"]), title=title, title_align="left"))
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
) -> None:
    """Change a post's text; it must still fit its platform."""
    app: AppContext = ctx.obj
    post = app.office.post(post_id)
    if text is None:
        text = click.edit(post.text, extension=".txt")
        if text is None or text.strip() == post.text.strip():
            console.print("no change")
            return
    # Refused if the post moved while the person was writing (sent, edited by someone else).
    d = post_dict(app.office.edit(post, text, _user()))
    console.print(f"post {post_id} edited: {d['length']}/{d['limit']} {d['unit']}")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


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
    by: str | None = typer.Option(None, "--by", help="Who approves (default: your user name)."),
) -> None:
    """Approve posts for scheduling (refused while a post has a problem or does not fit)."""
    app: AppContext = ctx.obj
    who = by or _user()
    _each(post_ids, lambda i: app.office.approve(i, who), "approved")


def cancel(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., help="One or more post ids."),
) -> None:
    """Cancel posts so that they are never published."""
    app: AppContext = ctx.obj
    who = _user()
    _each(post_ids, lambda i: app.office.cancel(i, who), "cancelled")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("compose")(compose)
    app.command("posts")(posts)
    app.command("preview")(preview)
    app.command("edit")(edit)
    app.command("approve")(approve)
    app.command("cancel")(cancel)
