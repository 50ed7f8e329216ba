"""What every command needs: the settings of the chosen home and an open store."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.settings import Settings

if TYPE_CHECKING:
    from sosmed.store import Store


class AppContext:
    def __init__(self, home: Path | None) -> None:
        self._home = home

    @cached_property
    def settings(self) -> Settings:
        return Settings.load(self._home)

    @cached_property
    def store(self) -> Store:
        from sqlalchemy.exc import OperationalError

        from sosmed.errors import ConfigError
        from sosmed.store import Store

        self.settings.home.mkdir(parents=True, exist_ok=True)
        try:
            store = Store.open_url(self.settings.database_url)
        except OperationalError as e:
            url = self.settings.database_url.split("@")[-1]  # no password in the message
            reason = str(e.orig).strip().splitlines()[0] if e.orig else type(e).__name__
            raise ConfigError(
                f"{self.settings.config_path}: key 'database_url': cannot open the database "
                f"at {url}: {reason}"
            ) from None
        store.tz = self.settings.tz
        return store
