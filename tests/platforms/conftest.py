"""Fixtures of the platform contract suite: one sandbox for the session, its faults, accounts
pointed at it, platforms built for them, images, and addresses that refuse or never answer.

One sandbox serves the whole session (tests that change its faults or limits put them back).
The helpers behind them are in tests/support/platforms.py.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.support.net import closed_port_url
from tests.support.platforms import (
    HANG_SECONDS,
    account_for,
    make_image,
    platform_class,
    sandbox_accounts,
)

from sosmed.platforms.base import OutgoingImage, Platform
from sosmed.sandbox.app import build
from sosmed.sandbox.core import Faults, Sandbox
from sosmed.settings import Settings


@pytest.fixture(scope="session")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sandbox]:
    media = tmp_path_factory.mktemp("sandbox-media")
    sb = build(media_dir=media, hang_seconds=HANG_SECONDS).start()
    yield sb
    sb.stop()


@pytest.fixture
def faults(sandbox: Sandbox) -> Iterator[Callable[[str], None]]:
    """Set a fault spec for this test only."""

    def set_spec(spec: str) -> None:
        sandbox.faults = Faults(spec=spec)

    yield set_spec
    sandbox.faults = Faults()


@pytest.fixture
def sandbox_settings(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with one account per platform pointed at the sandbox (named apart from the
    root ``settings`` fixture, which the store's fixtures build on)."""
    return sandbox_accounts(sandbox, tmp_path, monkeypatch)


@pytest.fixture
def make_platform(sandbox_settings: Settings) -> Callable[[str], Platform]:
    def make(name: str) -> Platform:
        cls = platform_class(name)
        return cls(account_for(sandbox_settings, name), sandbox_settings)

    return make


@pytest.fixture
def platform_at(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str, str], Platform]:
    """A platform whose account points at another address (a closed port, a silent server)."""

    def make(name: str, api_base: str) -> Platform:
        settings = sandbox_accounts(sandbox, tmp_path, monkeypatch, api_base)
        return platform_class(name)(account_for(settings, name), settings)

    return make


@pytest.fixture
def images(sandbox: Sandbox) -> Callable[[int], list[OutgoingImage]]:
    return lambda count: [make_image(sandbox, n) for n in range(count)]


@pytest.fixture
def silent_server() -> Iterator[str]:
    """An address that accepts connections and never answers (a hung platform)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


@pytest.fixture
def closed_port() -> str:
    """An address where nothing listens: connections are refused."""
    return closed_port_url()
