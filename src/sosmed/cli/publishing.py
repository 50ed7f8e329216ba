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
from rich.markup import escape
from rich.text import Text

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, fail, print_json
from sosmed.cli.tables import show_pairs, terminal_width, wrap_message
from sosmed.costs import money
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.state_words import label


def _actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def publish(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help=_("Post yang disetujui (atau terjadwal).")),
    as_json: bool = typer.Option(False, "--json", help=_("Cetak post itu sebagai JSON.")),
) -> None:
    app: AppContext = ctx.obj

    def waiting(p: Any) -> None:
        if err_console.is_terminal:  # progress for a person; scripts read the one result line
            err_console.print(
                _(
                    "post {id} sedang dikirim oleh daemon; menunggu hasilnya "
                    "(tidak dikirim dua kali)…"
                ).format(id=p.id),
                markup=False,
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
            _("post {id} terbit di {platform}: {where}").format(
                id=post.id, platform=post.platform, where=post.remote_url or post.remote_id
            ),
            markup=False,
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
        False,
        "--once",
        help=_(
            "Terbitkan yang sudah waktunya, cocokkan, baca feed, baca angka publik, lalu keluar."
        ),
    ),
) -> None:
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
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
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

    if h.heartbeat:
        alive = f"{when(h.heartbeat)} ({h.worker})"
    else:
        alive = _("belum pernah: daemon belum pernah berjalan")
    none = _("tidak ada")
    rows = [
        (_("tanda hidup daemon terakhir"), alive),
        (_("dalam antrean"), str(h.counts.get("scheduled", 0))),
        (_("jatuh tempo terlama"), when(h.oldest_due)),
        (_("terbit"), str(h.counts.get("published", 0))),
        (_("belum pasti (sedang dicocokkan)"), str(h.counts.get("in_doubt", 0))),
        (_("perlu diperiksa"), str(h.counts.get("needs_review", 0))),
        (_("gagal"), str(h.counts.get("failed", 0))),
        (_("terlewat"), str(h.counts.get("missed", 0))),
        (_("tertahan saat dikirim"), ", ".join(map(str, h.stuck)) or none),
        (_("ditahan (akun dihapus)"), ", ".join(map(str, h.held)) or none),
        (_("token segera kedaluwarsa"), ", ".join(h.tokens_expiring) or none),
    ]
    for account, (spent, budget) in sorted(h.spend.items()):
        rows.append((_("biaya X bulan ini"), f"{account}: {money(spent, budget)}"))
    if h.budget_held:
        rows.append((_("ditahan: anggaran"), ", ".join(map(str, h.budget_held))))
    if h.unretracted:
        rows.append((_("belum terhapus (penarikan)"), ", ".join(map(str, h.unretracted))))
    show_pairs(rows, console)
    width = terminal_width(err_console)
    label = _("perlu orang:")
    for p in h.problems:
        # Wrapped here, not by the terminal: each command stays whole on its line.
        first, *rest = wrap_message(f"{label} {p}", width)
        err_console.print(Text.assemble((label, "red"), first[len(label) :]), soft_wrap=True)
        for line in rest:
            err_console.print(line, markup=False, highlight=False, soft_wrap=True)
    if not h.problems:
        console.print(f"[green]{escape(_('semua baik'))}[/green]")


def resolve(
    ctx: typer.Context,
    post_id: int = typer.Argument(..., help=_("Post in_doubt atau needs_review.")),
    published: str | None = typer.Option(
        None, "--published", help=_("Post sudah tayang: alamatnya (URL).")
    ),
    not_published: bool = typer.Option(
        False, "--not-published", help=_("Post tidak tayang: kirim lagi (atau --cancel).")
    ),
    cancel: bool = typer.Option(
        False, "--cancel", help=_("Dengan --not-published: jangan kirim; batalkan.")
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang memutuskan (nama Anda).")),
) -> None:
    if bool(published) == not_published:
        raise InputError(_("berikan tepat satu: --published URL atau --not-published"))
    if cancel and not not_published:
        raise InputError(_("--cancel hanya bersama --not-published"))
    if published and not published.lower().startswith(("http://", "https://")):
        raise InputError(
            _("--published meminta alamat post (http atau https), bukan {value!r}").format(
                value=published
            )
        )
    app: AppContext = ctx.obj
    post = app.office.resolve(post_id, app.office.person(by), published, cancel)
    console.print(
        _("post {id} sekarang {status}").format(id=post.id, status=label(post.status)), markup=False
    )
    if post.last_error and post.status == "missed":
        err_console.print(post.last_error)


def register(app: typer.Typer) -> None:
    app.command(
        "publish",
        help=_(
            "Terbitkan satu post yang disetujui sekarang, dengan protokol yang sama dengan daemon."
        ),
    )(publish)
    app.command(
        "daemon",
        help=_(
            "Jalankan penerbit: baca feed, terbitkan post yang waktunya tiba, ulangi yang gagal, "
            "cocokkan; berhenti pada SIGTERM."
        ),
    )(daemon)
    app.command(
        "status",
        help=_(
            "Tanda hidup, panjang antrean, jatuh tempo terlama, masalah; keluar 1 bila perlu orang."
        ),
    )(status)
    app.command(
        "resolve",
        help=_(
            "Tuntaskan post yang hasilnya tidak bisa diketahui sendiri oleh sosmed.\n\n"
            "Post yang tidak tayang dan sudah lewat max_lateness daemon menjadi missed "
            "(jadwalkan lagi untuk mengirimnya); ditolak selagi daemon memeriksa post itu."
        ),
    )(resolve)
