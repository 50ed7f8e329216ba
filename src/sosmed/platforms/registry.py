"""Platforms by name, found through the ``sosmed.platforms`` entry-point group."""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points

import requests

from sosmed.errors import ConfigError
from sosmed.platforms.base import Platform
from sosmed.settings import Account, Settings

GROUP = "sosmed.platforms"


@cache
def platform_classes() -> dict[str, type[Platform]]:
    """Every installed platform by name. Read once per process: a platform installed since is
    seen after ``refresh()``."""
    found: dict[str, type[Platform]] = {}
    for ep in entry_points(group=GROUP):
        cls = ep.load()
        if isinstance(cls, type) and issubclass(cls, Platform):
            found[ep.name] = cls
    return found


def refresh() -> None:
    """Read the entry points again (a platform installed while the process runs, a test's)."""
    platform_classes.cache_clear()


def platform_class(name: str) -> type[Platform]:
    classes = platform_classes()
    if name not in classes:
        raise ConfigError(
            f"platform {name!r} tidak dikenal; yang tersedia: {', '.join(sorted(classes))}"
        )
    return classes[name]


def for_account(
    account: Account, settings: Settings, session: requests.Session | None = None
) -> Platform:
    return platform_class(account.platform)(account, settings, session)
