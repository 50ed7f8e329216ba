"""Command: retract — take published posts off their platforms."""

from __future__ import annotations

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, print_json
from sosmed.errors import InputError
from sosmed.i18n import _


def retract(
    ctx: typer.Context,
    post_ids: list[int] = typer.Argument(
        None, metavar="[POST_ID]...", help=_("Post yang sudah tayang.")
    ),
    article: int | None = typer.Option(
        None, "--article", help=_("Semua post berita ini yang sudah tayang.")
    ),
    by: str | None = typer.Option(None, "--by", help=_("Siapa yang menarik (nama Anda).")),
    reason: str | None = typer.Option(
        None, "--reason", metavar=_("ALASAN"), help=_("Mengapa post ditarik (wajib).")
    ),
    by_hand: bool = typer.Option(
        False,
        "--done-by-hand",
        help=_(
            "Post yang harus dihapus sendiri (Instagram, atau yang gagal ditarik) sudah Anda "
            "hapus di platformnya: catat sebagai ditarik."
        ),
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Hasil sebagai JSON.")),
) -> None:
    """Tarik post yang sudah tayang: dihapus di setiap platform yang mengizinkan (X, Facebook,
    Telegram, Mastodon, Bluesky, Threads); untuk Instagram diberi alamat untuk menghapus
    sendiri. Siapa, kapan dan mengapa dicatat. Aman diulang: yang sudah ditarik tidak
    dihapus lagi, yang terputus diselesaikan.

    Keluar 0 bila semua sudah ditarik, 1 bila ada yang perlu ditangani orang.
    """
    from sosmed.office.retract import done_by_hand
    from sosmed.office.retract import retract as take_back

    app: AppContext = ctx.obj
    if by_hand:
        if article is not None or reason is not None:
            raise InputError(
                _(
                    "--done-by-hand hanya dengan nomor posting dan --by; alasannya sudah "
                    "tercatat pada perintah penarikan"
                )
            )
        outcomes = done_by_hand(app.office, post_ids or [], by)
    else:
        outcomes = take_back(app.office, post_ids or [], article, by, reason or "")
    if as_json:
        print_json(
            [
                {
                    "post": o.post_id,
                    "account": o.account,
                    "platform": o.platform,
                    "outcome": str(o.state),
                    "asked": o.asked,
                    "message": o.line,
                    "url": o.url,
                }
                for o in outcomes
            ]
        )
    else:
        for o in outcomes:
            console.print(f"post {o.post_id} ({o.account}): {o.line}", markup=False, soft_wrap=True)
        waiting = " ".join(str(o.post_id) for o in outcomes if o.needs_person)
        if waiting:
            hint = _("setelah dihapus sendiri: sosmed retract {ids} --done-by-hand --by NAMA")
            console.print(hint.format(ids=waiting), markup=False, soft_wrap=True)
    if any(o.needs_person for o in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(
        "retract",
        help=_(
            "Tarik post yang sudah tayang: dihapus di setiap platform yang mengizinkan; untuk "
            "Instagram diberi alamat untuk menghapus sendiri. Siapa, kapan dan mengapa dicatat; "
            "aman diulang. Keluar 0 bila semua sudah ditarik, 1 bila ada yang perlu ditangani. "
            "Yang sudah Anda hapus sendiri: sosmed retract NOMOR --done-by-hand --by NAMA."
        ),
    )(retract)
