"""A real SMTP server on loopback (aiosmtpd) whose mailbox the tests read."""

from __future__ import annotations

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(email.message_from_bytes(envelope.content))
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
def smtp_server(login: tuple[str, str] | None = None) -> Iterator[tuple[Mailbox, int]]:
    """An SMTP server on 127.0.0.1 without TLS, and its port; with ``login`` (user,
    password) it takes mail only after that login."""
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
            "auth_require_tls": False,  # loopback, in a test
            "authenticator": check,
        }
    controller = Controller(box, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()
