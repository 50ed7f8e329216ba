"""Addresses for network failures: a port where nothing listens."""

from __future__ import annotations

import socket


def closed_port_url() -> str:
    """An address where nothing listens: connecting is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
