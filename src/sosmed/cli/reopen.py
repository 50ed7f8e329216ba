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
    """Kirim ulang post yang gagal atau terlewat, sekarang atau pada --at; percobaan lama
    tetap di log.

    Post yang mungkin sudah tayang (in_doubt, needs_review) diselesaikan dengan 'sosmed resolve'.
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
    """Keluarkan post dari jadwal; persetujuannya tetap."""
    app: AppContext = ctx.obj
    who = app.office.person(by, named=False)
    _each(post_ids, lambda i: app.office.unschedule(i, who), "keluar dari jadwal")


def restore(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help="Post yang dibatalkan."),
    by: str | None = typer.Option(None, "--by", help="Siapa yang memulihkan (nama Anda)."),
) -> None:
    """Kembalikan post yang dibatalkan ke draf (perlu disetujui lagi)."""
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.restore(i, who), "kembali ke draf")


def register(app: typer.Typer) -> None:
    app.command("retry")(retry)
    app.command("unschedule")(unschedule)
    app.command("restore")(restore)
