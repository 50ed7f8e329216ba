"""A home's ``sosmed.toml`` written from a dict, and the six accounts most tests use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from sosmed.sandbox.app import platform_modules
from sosmed.settings import Settings

# Every platform the sandbox emulates, in the order of its demo accounts (X first). A new
# platform joins every suite that takes this list by having its sandbox module; the contract
# suite checks that the installed platforms and the emulated ones are the same.
PLATFORMS = tuple(str(m.PLATFORM) for m in platform_modules())


def write_config(home: Path, config: dict[str, Any]) -> Settings:
    """Write ``config`` as the home's ``sosmed.toml`` and load the settings from it."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / "sosmed.toml").open("wb") as f:
        tomli_w.dump(config, f)
    return Settings.load(home)


def six_accounts(**overrides: dict[str, Any]) -> list[dict[str, Any]]:
    """One account per platform, named ``humas_<platform>``; ``overrides`` by platform."""
    accounts = []
    for p in PLATFORMS:
        a: dict[str, Any] = {"name": f"humas_{p}", "platform": p}
        if p == "x":
            a["hashtags"] = ["#BengkalisBermasa"]
            a["utm"] = {"source": "{platform}", "medium": "social"}
        a.update(overrides.get(p, {}))
        accounts.append(a)
    return accounts


def make_home(home: Path, accounts: list[dict[str, Any]] | None = None, **config: Any) -> Settings:
    """A home with ``accounts`` (the six by default) and any other top-level ``config``."""
    return write_config(
        home, {"accounts": six_accounts() if accounts is None else accounts, **config}
    )
