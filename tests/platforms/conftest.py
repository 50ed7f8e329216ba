"""A running sandbox, accounts pointed at it, and images made with Pillow.

One sandbox serves the whole session (tests that change its faults or limits put them back).
Secrets reach the platforms through ``SOSMED_<ACCOUNT>_<FIELD>`` variables, as in production.
"""

from __future__ import annotations

import hashlib
import importlib
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import requests
from PIL import Image

from sosmed.platforms.base import OutgoingImage, Platform
from sosmed.sandbox.app import build, demo_config
from sosmed.sandbox.core import Faults, Sandbox
from sosmed.settings import Account, Config, Settings, secret_env_name

PLATFORMS = ("x", "facebook", "instagram", "telegram", "mastodon", "bluesky")
TIMEOUT = 1.0  # seconds: every account's read timeout in these tests
HANG_SECONDS = 1.6  # how long the sandbox holds a "hang" fault: past the timeout


def platform_class(name: str) -> type[Platform]:
    """The class behind the entry point, or a skip while its module does not exist yet."""
    (ep,) = [e for e in entry_points(group="sosmed.platforms") if e.name == name]
    module_name, _, attr = ep.value.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as e:
        if e.name != module_name:
            raise
        pytest.skip("platform module not present yet")
    cls = getattr(module, attr)
    assert issubclass(cls, Platform)
    return cls


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


def _settings(
    sandbox: Sandbox, home: Path, monkeypatch: pytest.MonkeyPatch, api_base: str | None = None
) -> Settings:
    accounts, secrets = demo_config(sandbox.base_url)
    for account in accounts:
        account["timeout"] = TIMEOUT
        if api_base:
            account["api_base"] = api_base
    for name, fields in secrets.items():
        for field, value in fields.items():
            monkeypatch.setenv(secret_env_name(name, field), value)
    config = Config.model_validate({"accounts": accounts})
    return Settings(home, config, home / "sosmed.toml")


@pytest.fixture
def sandbox_settings(sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings with one account per platform pointed at the sandbox (named apart from the
    root ``settings`` fixture, which the store's fixtures build on)."""
    return _settings(sandbox, tmp_path, monkeypatch)


def account_for(settings: Settings, platform: str) -> Account:
    for account in settings.config.accounts:
        if account.platform == platform:
            return account
    pytest.skip("platform module not present yet (no sandbox emulation)")


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
        settings = _settings(sandbox, tmp_path, monkeypatch, api_base)
        return platform_class(name)(account_for(settings, name), settings)

    return make


def make_image(
    sandbox: Sandbox, n: int = 0, size: tuple[int, int] = (800, 600), fmt: str = "JPEG"
) -> OutgoingImage:
    """A fresh image in the sandbox's public media directory, with its facts and alt text."""
    assert sandbox.media_dir is not None
    ext = "jpg" if fmt == "JPEG" else fmt.lower()
    path = sandbox.media_dir / f"foto-{uuid.uuid4().hex[:12]}.{ext}"
    colour = ((n * 70) % 256, 120, (n * 30 + 90) % 256)
    Image.new("RGB", size, colour).save(path, fmt)
    return OutgoingImage(
        path=path,
        alt=f"Foto {n + 1}: Bupati meninjau jembatan baru di Desa Sukamaju",
        width=size[0],
        height=size[1],
        mime=Image.MIME[fmt],
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        public_url=f"{sandbox.base_url}/_media/{path.name}",
    )


@pytest.fixture
def images(sandbox: Sandbox) -> Callable[[int], list[OutgoingImage]]:
    return lambda count: [make_image(sandbox, n) for n in range(count)]


def ledger(sandbox: Sandbox) -> list[dict[str, Any]]:
    """The sandbox's ledger as a client sees it, over HTTP."""
    answer = requests.get(f"{sandbox.base_url}/_ledger", timeout=5)
    answer.raise_for_status()
    entries = answer.json()
    assert isinstance(entries, list)
    return entries


def entries_with(sandbox: Sandbox, platform: str, marker: str) -> list[dict[str, Any]]:
    return [e for e in ledger(sandbox) if e["platform"] == platform and marker in e["text"]]


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
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return f"http://127.0.0.1:{port}"
