"""Platforms by name, found through the ``sosmed.platforms`` entry-point group."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.platforms import names
from sosmed.platforms.base import Platform

if TYPE_CHECKING:
    import requests

    from sosmed.settings import Account, Settings


@cache
def _loaded(name: str) -> type[Platform] | None:
    # One platform at a time: a command that edits an X post need not import every other
    # platform's client library.
    ep = names.platform_entry_points().get(name)
    cls = ep.load() if ep is not None else None
    return cls if isinstance(cls, type) and issubclass(cls, Platform) else None


@cache
def platform_classes() -> dict[str, type[Platform]]:
    """Every installed platform by name. Read once per process: a platform installed since is
    seen after ``refresh()``."""
    found = {name: _loaded(name) for name in names.platform_names()}
    return {name: cls for name, cls in found.items() if cls is not None}


def refresh() -> None:
    """Read the entry points again (a platform installed while the process runs, a test's)."""
    platform_classes.cache_clear()
    _loaded.cache_clear()
    names.refresh()


def platform_class(name: str) -> type[Platform]:
    cls = _loaded(name)
    if cls is None:
        known = ", ".join(names.platform_names())
        raise ConfigError(
            _("platform {name} tidak dikenal; yang tersedia: {known}").format(
                name=repr(name), known=known
            )
        )
    return cls


def for_account(
    account: Account, settings: Settings, session: requests.Session | None = None
) -> Platform:
    return platform_class(account.platform)(account, settings, session)
