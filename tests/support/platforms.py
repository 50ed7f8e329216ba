"""The platform contract suite's world: one sandbox, an account per platform pointed at it,
images in its public media folder, and its ledger as a client reads it.

Secrets reach the platforms through ``SOSMED_<ACCOUNT>_<FIELD>`` variables, as in production.
"""

from __future__ import annotations

import hashlib
import importlib
import uuid
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

import pytest
import requests
from PIL import Image

from sosmed.platforms.base import OutgoingImage, Platform
from sosmed.sandbox.app import demo_config
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Account, Config, Settings, secret_env_name

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


def sandbox_accounts(
    sandbox: Sandbox, home: Path, monkeypatch: pytest.MonkeyPatch, api_base: str | None = None
) -> Settings:
    """Settings with the sandbox's demo account for every platform (``api_base`` for all)."""
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


def account_for(settings: Settings, platform: str) -> Account:
    for account in settings.config.accounts:
        if account.platform == platform:
            return account
    pytest.skip("platform module not present yet (no sandbox emulation)")


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


def ledger(sandbox: Sandbox) -> list[dict[str, Any]]:
    """The sandbox's ledger as a client sees it, over HTTP."""
    answer = requests.get(f"{sandbox.base_url}/_ledger", timeout=5)
    answer.raise_for_status()
    entries = answer.json()
    assert isinstance(entries, list)
    return entries


def entries_with(sandbox: Sandbox, platform: str, marker: str) -> list[dict[str, Any]]:
    return [e for e in ledger(sandbox) if e["platform"] == platform and marker in e["text"]]
