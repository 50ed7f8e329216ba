"""A real SMTP server on loopback (aiosmtpd) whose mailbox the tests read."""

from __future__ import annotations

import email
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.tls: list[bool] = []  # whether each message came over TLS

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
        self.tls.append(server.transport.get_extra_info("ssl_object") is not None)
        return "250 OK"

    def bodies(self) -> list[str]:
        out = []
        for m in self.messages:
            payload = m.get_payload(decode=True)
            out.append(payload.decode("utf-8") if isinstance(payload, bytes) else str(payload))
        return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server(
    login: tuple[str, str] | None = None,
    starttls: ssl.SSLContext | None = None,
    implicit_tls: ssl.SSLContext | None = None,
) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1, and its port; with ``login`` (user, password) it takes
    mail only after that login. Without TLS, unless given a server context: ``starttls`` (it
    offers STARTTLS and takes no command but EHLO, STARTTLS and QUIT before it) or
    ``implicit_tls`` (TLS from the first byte, as on port 465)."""
    box = Mailbox()
    port = free_port()
    options: dict[str, Any] = {}
    if login is not None:

        def check(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> Any:
            ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
                login[0].encode(),
                login[1].encode(),
            )
            return AuthResult(success=ok, handled=False)  # a refusal answers 535

        options = {
            "auth_required": True,
            # Only after STARTTLS, as a real server; a plain test server on loopback takes it
            # bare, and aiosmtpd cannot see that an implicit-TLS connection is encrypted.
            "auth_require_tls": starttls is not None,
            "authenticator": check,
        }
    if starttls is not None:
        options |= {"tls_context": starttls, "require_starttls": True}
    controller = Controller(
        box, hostname="127.0.0.1", port=port, ssl_context=implicit_tls, **options
    )
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@contextmanager
def stalling_server(drip_seconds: float | None = None) -> Iterator[int]:
    """A port on 127.0.0.1 that accepts connections and never finishes a greeting: silent,
    or, with ``drip_seconds``, sending one more "220-" continuation line every so often, so
    that no single read ever waits long. Yields the port."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.05)
    stop = threading.Event()
    held: list[socket.socket] = []

    def talk(conn: socket.socket) -> None:
        while drip_seconds is not None and not stop.wait(drip_seconds):
            try:
                conn.sendall(b"220-sebentar lagi\r\n")
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn = server.accept()[0]
            except OSError:
                continue
            held.append(conn)
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield int(server.getsockname()[1])
    finally:
        stop.set()
        thread.join()
        for conn in held:
            conn.close()
        server.close()
