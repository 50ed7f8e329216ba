"""Command: web — the workspace in a browser (uvicorn serving sosmed.web)."""

from __future__ import annotations

import ipaddress

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import err_console, say
from sosmed.i18n import _


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def web(
    ctx: typer.Context,
    host: str = typer.Option(
        "127.0.0.1",
        "--host",
        help=_("Alamat yang didengar; selain loopback, pasang reverse proxy TLS di depannya."),
    ),
    port: int = typer.Option(8766, "--port", min=1, max=65535, help=_("Port yang didengar.")),
    behind_proxy: bool = typer.Option(
        False,
        "--behind-tls-proxy",
        help=_(
            "Di belakang reverse proxy TLS di mesin ini: kuki sesi hanya lewat HTTPS, alamat "
            "pengunjung dari X-Forwarded-For."
        ),
    ),
) -> None:
    from sosmed.web.app import create_app
    from sosmed.web.serve import listen, port_of, serve

    app: AppContext = ctx.obj
    office = app.office
    office.open_database()  # a database that cannot be opened fails here, not at first page
    sock = listen(host, port)
    if not is_loopback(host):
        err_console.print(
            _(
                "peringatan: {host} bukan loopback. Sesi dan kata sandi lewat HTTP biasa; "
                "pasang reverse proxy TLS (contoh di deploy/) dan pakai --behind-tls-proxy."
            ).format(host=host),
            markup=False,
        )
    from sosmed.office.people import People

    if not People(office).list():
        err_console.print(
            _("belum ada yang bisa masuk; tambahkan: sosmed users add NAMA --role admin"),
            markup=False,
        )
    shown = f"[{host}]" if ":" in host else host
    say(
        _("Ruang kerja sosmed di http://{host}:{port}/ (Ctrl+C untuk berhenti)").format(
            host=shown, port=port_of(sock)
        )
    )
    workspace = create_app(office.settings, secure_cookies=behind_proxy)
    # Only a proxy on this machine is believed about the visitor's address (the login limit
    # counts per address); without one, no header is.
    serve(
        workspace,
        sock,
        proxy_headers=behind_proxy,
        forwarded_allow_ips="127.0.0.1,::1" if behind_proxy else None,
    )


def register(app: typer.Typer) -> None:
    app.command(
        "web",
        help=_(
            "Ruang kerja di peramban: antrean, berita, draf, log, laporan, status; masuk "
            "dengan nama dari `sosmed users add`."
        ),
    )(web)
