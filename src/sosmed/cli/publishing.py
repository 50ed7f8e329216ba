"""Commands: publish, daemon, status, resolve."""

from __future__ import annotations

import getpass
import logging
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.text import Text

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, fail, print_json
from sosmed.cli.tables import show_pairs, terminal_width, wrap_message
from sosmed.errors import InputError
from sosmed.i18n import _


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def publish(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help="An approved (or scheduled) post."),
    as_json: bool = typer.Option(False, "--json", help="Print the post as JSON."),
) -> None:
    """Publish one approved post now, through the same protocol as the daemon."""
    app: AppContext = ctx.obj

    def waiting(p: Any) -> None:
        if err_console.is_terminal:  # progress for a person; scripts read the one result line
            err_console.print(
                f"post {p.id} sedang dikirim oleh daemon; menunggu hasilnya "
                "(tidak dikirim dua kali)…"
            )

    with _interrupt_says_where(app, post_id):
        post = app.office.publish_now(post_id, _actor(), on_wait=waiting)
    if as_json:
        print_json(
            {
                "id": post.id,
                "status": post.status,
                "remote_id": post.remote_id,
                "remote_url": post.remote_url,
                "last_error": post.last_error,
            }
        )
    elif post.status == "published":
        console.print(
            f"post {post.id} published on {post.platform}: {post.remote_url or post.remote_id}"
        )
    else:
        from sosmed.office.wording import not_published

        fail(not_published(post))
    if post.status != "published":
        raise typer.Exit(1)  # nothing went out: a script must not count it as done


@contextmanager
def _interrupt_says_where(app: AppContext, post_id: int) -> Iterator[None]:
    """Ctrl-C while publishing: one line on where the post was left, then exit 130 at once.

    At once, not after the request in flight: its time-out can be half a minute, and the
    post is safe either way (a post left in `publishing` is read back by the daemon once
    this process's lease runs out; nothing is sent twice).
    """

    from sosmed.office.wording import interrupted

    def stop(_signum: int, _frame: Any) -> None:
        fail(interrupted(app.settings, post_id))
        err_console.file.flush()
        os._exit(130)

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def daemon(
    ctx: typer.Context,
    once: bool = typer.Option(
        False, "--once", help="Publish what is due, reconcile, poll feeds, exit."
    ),
) -> None:
    """Run the publisher: poll feeds, publish due posts, retry, reconcile; stop on SIGTERM."""
    app: AppContext = ctx.obj
    if not logging.getLogger().isEnabledFor(logging.INFO):
        logging.getLogger().setLevel(logging.INFO)
        # Alembic's INFO lines (one per plugin and migration) say nothing a person acts on.
        logging.getLogger("alembic").setLevel(logging.WARNING)
    from sosmed.daemon import Daemon  # the daemon is a shell over the office, like this one

    d = Daemon(app.office)
    if once:
        from sosmed.office.wording import tick_summary

        console.print(tick_summary(d.run_once()))
    else:
        d.run()


def status(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Heartbeat, queue depth, oldest due, problems; exits 1 when a person is needed."""
    app: AppContext = ctx.obj
    h = app.office.health()
    if as_json:
        print_json(h.as_dict())
    else:
        _print_health(h, app.settings.tz)
    if h.needs_person:
        raise typer.Exit(1)


def _print_health(h: Any, tz: Any) -> None:
    from sosmed.timefmt import short_form

    def when(dt: Any) -> str:
        return short_form(dt, tz) if dt else "—"

    alive = f"{when(h.heartbeat)} ({h.worker})" if h.heartbeat else "never: no daemon has run"
    rows = [
        (_("tanda hidup daemon terakhir"), alive),
        (_("antre"), str(h.counts.get("scheduled", 0))),
        (_("jatuh tempo tertua"), when(h.oldest_due)),
        (_("tayang"), str(h.counts.get("published", 0))),
        (_("belum pasti (dicocokkan)"), str(h.counts.get("in_doubt", 0))),
        (_("perlu diperiksa"), str(h.counts.get("needs_review", 0))),
        (_("gagal"), str(h.counts.get("failed", 0))),
        (_("terlewat"), str(h.counts.get("missed", 0))),
        (_("tertahan di publishing"), ", ".join(map(str, h.stuck)) or _("tidak ada")),
        (_("ditahan (akun dihapus)"), ", ".join(map(str, h.held)) or _("tidak ada")),
        (_("token segera habis"), ", ".join(h.tokens_expiring) or _("tidak ada")),
    ]
    show_pairs(rows, console)
    width = terminal_width(err_console)
    for p in h.problems:
        # Wrapped here, not by the terminal: each command stays whole on its line.
        first, *rest = wrap_message(f"needs a person: {p}", width)
        err_console.print(Text.assemble(("needs a person:", "red"), first[15:]), soft_wrap=True)
        for line in rest:
            err_console.print(line, markup=False, highlight=False, soft_wrap=True)
    if not h.problems:
        console.print("[green]all well[/green]")


def resolve(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help="An in_doubt or needs_review post."),
    published: str | None = typer.Option(None, "--published", help="It is online: its URL."),
    not_published: bool = typer.Option(
        False, "--not-published", help="It is not online: send again (or --cancel)."
    ),
    cancel: bool = typer.Option(
        False, "--cancel", help="With --not-published: do not send it; cancel it."
    ),
    by: str | None = typer.Option(None, "--by", help="Siapa yang memutuskan (nama Anda)."),
) -> None:
    """Settle a post whose outcome the tool could not learn by itself.

    A post not online and already later than the daemon's max_lateness becomes missed
    (schedule it again to send it); refused while the daemon is checking the post.
    """
    if bool(published) == not_published:
        raise InputError("give exactly one of --published URL or --not-published")
    if cancel and not not_published:
        raise InputError("--cancel goes with --not-published")
    if published and not published.lower().startswith(("http://", "https://")):
        raise InputError(f"--published takes the post's URL (http or https), not {published!r}")
    app: AppContext = ctx.obj
    post = app.office.resolve(post_id, app.office.person(by), published, cancel)
    console.print(f"post {post.id} is now {post.status}")
    if post.last_error and post.status == "missed":
        err_console.print(post.last_error)


def register(app: typer.Typer) -> None:
    app.command("publish")(publish)
    app.command("daemon")(daemon)
    app.command("status")(status)
    app.command("resolve")(resolve)
