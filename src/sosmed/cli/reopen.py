"""Commands: the ways back for a post — retry, unschedule, restore."""

from __future__ import annotations

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.posts import _each


def retry(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help="Post gagal/terlewat."),
    at: str | None = typer.Option(
        None, "--at", help='Waktu kantor, mis. "2026-12-01 08:00" (bawaan: sekarang).'
    ),
    by: str | None = typer.Option(None, "--by", help="Siapa yang mengirim ulang (nama Anda)."),
) -> None:
    """Send a failed or missed post again, now or at --at; earlier attempts stay in the log.

    A post that may already be online (in doubt, needs review) is settled with 'sosmed resolve'.
    """
    app: AppContext = ctx.obj
    office = app.office
    who = office.person(by)
    when = office.parse_time(at) if at is not None else None
    _each(post_ids, lambda i: office.retry(i, who, when), "dijadwalkan ulang")


def unschedule(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help="Post terjadwal."),
    by: str | None = typer.Option(None, "--by", help="Siapa (bawaan: nama pengguna Anda)."),
) -> None:
    """Take scheduled posts off the calendar; they stay approved."""
    app: AppContext = ctx.obj
    who = app.office.person(by, named=False)
    _each(post_ids, lambda i: app.office.unschedule(i, who), "keluar dari jadwal")


def restore(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help="Post yang dibatalkan."),
    by: str | None = typer.Option(None, "--by", help="Siapa yang memulihkan (nama Anda)."),
) -> None:
    """Bring cancelled posts back as drafts (to be approved again)."""
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.restore(i, who), "kembali ke draf")


def register(app: typer.Typer) -> None:
    app.command("retry")(retry)
    app.command("unschedule")(unschedule)
    app.command("restore")(restore)
