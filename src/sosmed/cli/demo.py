"""Command: demo (the whole job end to end, on a fresh home and the local sandbox)."""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path

import typer
from rich.markup import escape

from sosmed.cli.output import console, say
from sosmed.cli.tables import Column, Grid, Kind, show
from sosmed.errors import StorageError
from sosmed.i18n import _
from sosmed.libwords import os_reason


def demo(
    directory: Path | None = typer.Option(
        None, "--dir", help=_("Folder kantor demo (bawaan: folder sementara yang baru).")
    ),
    keep: bool | None = typer.Option(
        None,
        "--keep/--no-keep",
        help=_("Biarkan sandbox berjalan sampai Enter (bawaan: bila dijalankan di terminal)."),
    ),
) -> None:
    from sosmed.demo import run_demo

    home = directory or Path(tempfile.mkdtemp(prefix="sosmed-demo-"))
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        # Like `init` in such a place: one line, exit 3.
        raise StorageError(
            _("kantor tidak bisa dibuat di {home}: {reason}").format(home=home, reason=os_reason(e))
        ) from None
    console.print(
        "[bold]sosmed demo[/bold] "
        + escape(_("di {home} (tidak ada akun sungguhan yang dipakai)").format(home=home))
    )
    result = run_demo(home, lambda line: say(f"• {line}"))
    grid = Grid(
        [
            Column(_("post"), Kind.ID),
            Column(_("platform")),
            Column(_("akun")),
            Column(_("status"), min_width=12),
            Column(_("URL tujuan / kesalahan"), Kind.TEXT, min_width=40),
        ]
    )
    for p in result.posts:
        link = p.remote_url or p.remote_id or p.last_error or p.problem or ""
        grid.add_row(str(p.id), p.platform, p.account, p.status, link)
    show(grid, console)
    console.print(
        f"[bold]{escape(_('log post'))}[/bold] "
        + escape(_("(lagi dengan: sosmed --home {home} log)").format(home=home))
    )
    from sosmed.cli.postlog import log_grid

    show(log_grid(result.log), console)
    say(
        _("lini masa: {url}/  (disimpan sebagai {page})").format(
            url=result.sandbox.base_url, page=result.page
        )
    )
    if keep if keep is not None else sys.stdin.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input(_("tekan Enter untuk menghentikan sandbox … "))
    result.sandbox.stop()
    published = sum(p.status == "published" for p in result.posts)
    if published != len(result.posts):
        said = _("{n} dari {total} post terbit").format(n=published, total=len(result.posts))
        console.print(f"[yellow]{escape(said)}[/yellow]")
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(
        "demo",
        help=_(
            "Tambahkan contoh berita, susun untuk setiap platform, terbitkan ke sandbox, "
            "tampilkan lognya."
        ),
    )(demo)
