"""The workspace served by uvicorn on a socket bound here first, so that an address that
cannot be listened on is one line and exit 2, not a server's log."""

from __future__ import annotations

import socket
from typing import Any

from sosmed.errors import InputError
from sosmed.i18n import _


def listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host``:``port`` (0: any free port)."""
    try:
        family, kind, proto, _name, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except socket.gaierror as e:
        raise InputError(
            _("--host {host}: alamat tidak dikenal ({reason})").format(host=host, reason=e.strerror)
        ) from None
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(128)  # a browser that comes at once waits for the server, not refused
    except OSError as e:
        sock.close()
        raise InputError(
            _("{host}:{port} tidak bisa didengar: {reason}").format(
                host=host, port=port, reason=e.strerror
            )
        ) from None
    return sock


def port_of(sock: socket.socket) -> int:
    return int(sock.getsockname()[1])


def serve(app: Any, sock: socket.socket, **options: Any) -> None:
    """Serve ``app`` on ``sock`` until SIGINT or SIGTERM."""
    import uvicorn

    config = uvicorn.Config(app, log_level="warning", server_header=False, **options)
    uvicorn.Server(config).run(sockets=[sock])
