"""Commands: media check, media set-secret (the photos' bucket)."""

from __future__ import annotations

import sys

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console, err_console, print_json
from sosmed.i18n import _

media_app = typer.Typer(
    help=_("Tempat Instagram dan Threads mengambil foto: pemeriksaan, rahasia bucket."),
    no_args_is_help=True,
)


@media_app.command(
    "check",
    help=_(
        "Taruh berkas uji di bucket, baca lagi di alamat publiknya, dan periksa bahwa alamat "
        "itu publik; keluar 1 bila ada yang gagal."
    ),
)
def media_check(
    ctx: typer.Context,
    as_json: bool = typer.Option(False, "--json", help=_("Cetak sebagai JSON.")),
) -> None:
    """Put a test object in the bucket, read it back at its public address, and check that
    address is public; exit 1 if any check fails."""
    from sosmed.office.media import check_media

    app: AppContext = ctx.obj
    rows = check_media(app.office)
    if as_json:
        print_json([{"check": r.what, "ok": r.ok, "detail": r.detail} for r in rows])
    else:
        for r in rows:
            if r.ok:
                console.print(
                    _("ok {what}: {detail}").format(what=r.what, detail=r.detail),
                    soft_wrap=True,
                    markup=False,
                )
            else:
                err_console.print(
                    _("gagal {what}: {detail}").format(what=r.what, detail=r.detail),
                    soft_wrap=True,
                    markup=False,
                )
    if not all(r.ok for r in rows):
        raise typer.Exit(1)


@media_app.command(
    "set-secret",
    help=_("Simpan rahasia bucket di berkas rahasia (0600), dibaca dari prompt atau stdin."),
)
def media_set_secret(
    ctx: typer.Context,
    field: str = typer.Argument(..., help=_("s3_access_key_id atau s3_secret_access_key.")),
) -> None:
    """Store a secret of the bucket in the home's 0600 secrets file, read from a prompt or
    stdin."""
    from sosmed.office.media import save_media_secret
    from sosmed.settings import secret_env_name

    app: AppContext = ctx.obj
    if sys.stdin.isatty():
        value = typer.prompt(f"media {field}", hide_input=True)
    else:
        value = sys.stdin.readline().strip()
    path = save_media_secret(app.office, field, value)
    console.print(
        f"media.{field} disimpan di {path} (mode 600); variabel "
        f"{secret_env_name('media', field)} menggantikannya bila ada",
        markup=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(media_app, name="media")
