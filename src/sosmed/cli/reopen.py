"""Commands: the ways back for a post — retry, unschedule, restore."""

from __future__ import annotations

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.posts import _each
from sosmed.i18n import _


def retry(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help=_("Post gagal/terlewat.")),
    at: str | None = typer.Option(
        None, "--at", help=_('Waktu kantor, mis. "2026-12-01 08:00" (bawaan: sekarang).')
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang mengirim ulang (nama Anda).")),
) -> None:
    app: AppContext = ctx.obj
    office = app.office
    who = office.person(by)
    when = office.parse_time(at) if at is not None else None
    _each(post_ids, lambda i: office.retry(i, who, when), _("dijadwalkan ulang"))


def unschedule(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(..., metavar="POST_ID...", help=_("Post terjadwal.")),
    by: str | None = typer.Option(None, "--by", help=_("Siapa (bawaan: nama pengguna Anda).")),
) -> None:
    app: AppContext = ctx.obj
    who = app.office.person(by, named=False)
    _each(post_ids, lambda i: app.office.unschedule(i, who), _("keluar dari jadwal"))


def restore(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(
        ..., metavar="POST_ID...", help=_("Post yang dibatalkan.")
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang memulihkan (nama Anda).")),
) -> None:
    app: AppContext = ctx.obj
    who = app.office.person(by)
    _each(post_ids, lambda i: app.office.restore(i, who), _("kembali ke draf"))


def register(app: typer.Typer) -> None:
    app.command(
        "retry",
        help=_(
            "Kirim ulang post yang gagal atau terlewat, sekarang atau pada --at; percobaan lama "
            "tetap di log.\n\nPost yang mungkin sudah tayang (in_doubt, needs_review) "
            "diselesaikan dengan 'sosmed resolve'."
        ),
    )(retry)
    app.command("unschedule", help=_("Keluarkan post dari jadwal; persetujuannya tetap."))(
        unschedule
    )
    app.command(
        "restore", help=_("Kembalikan post yang dibatalkan ke draf (perlu disetujui lagi).")
    )(restore)
