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
from sosmed.i18n import _

DEMO_PERSON = "demo"  # the name the demo approves its posts by


def demo(
    directory: Path | None = typer.Option(
        None, "--dir", help=_("Folder kantor demo (bawaan: folder sementara yang baru).")
    ),
    keep: bool | None = typer.Option(
        None,
        "--keep/--no-keep",
        help=_("Biarkan sandbox berjalan sampai Enter (bawaan: bila dijalankan di terminal)."),
    ),
    web: bool = typer.Option(
        False,
        "--web",
        help=_(
            "Sesudahnya buka ruang kerja web di 127.0.0.1, masuk sebagai pengguna demo "
            "(Ctrl+C untuk berhenti)."
        ),
    ),
    port: int = typer.Option(
        0, "--port", min=0, max=65535, help=_("Port ruang kerja web (0: bebas).")
    ),
) -> None:
    from sosmed.demo import run_demo

    home = directory or Path(tempfile.mkdtemp(prefix="sosmed-demo-"))
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
    if web:
        _serve_web(home, port)
    elif keep if keep is not None else sys.stdin.isatty():
        with contextlib.suppress(EOFError, KeyboardInterrupt):
            input(_("tekan Enter untuk menghentikan sandbox … "))
    result.sandbox.stop()
    published = sum(p.status == "published" for p in result.posts)
    if published != len(result.posts):
        said = _("{n} dari {total} post terbit").format(n=published, total=len(result.posts))
        console.print(f"[yellow]{escape(said)}[/yellow]")
        raise typer.Exit(1)


def _serve_web(home: Path, port: int) -> None:
    """The demo's workspace on loopback until Ctrl+C, with a link that signs the demo person
    (an admin, with a random password nobody needs) in once."""
    import secrets

    from sosmed.office import Office
    from sosmed.office.people import People
    from sosmed.settings import Settings
    from sosmed.web.app import create_app
    from sosmed.web.serve import listen, port_of, serve

    settings = Settings.load(home)
    office = Office(settings)
    people = People(office)
    if people.named(DEMO_PERSON) is None:
        people.add(DEMO_PERSON, "admin", secrets.token_urlsafe(24))
    office.close()
    token = secrets.token_urlsafe(24)
    sock = listen("127.0.0.1", port)
    url = f"http://127.0.0.1:{port_of(sock)}/masuk/sekali/{token}"
    say(_("ruang kerja web: {url}").format(url=url))
    say(
        _("(masuk sebagai {name}; tautan itu berlaku sekali; Ctrl+C untuk berhenti)").format(
            name=DEMO_PERSON
        )
    )
    app = create_app(settings, login_once=(token, DEMO_PERSON))
    serve(app, sock)


def register(app: typer.Typer) -> None:
    app.command(
        "demo",
        help=_(
            "Tambahkan contoh berita, susun untuk setiap platform, terbitkan ke sandbox, "
            "tampilkan lognya."
        ),
    )(demo)
