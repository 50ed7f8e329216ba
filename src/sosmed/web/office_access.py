"""How a request reaches the office: one Office per application, shared by uvicorn's threads.

The store's engine pools connections and serialises SQLite writers of this process itself
(threads wait on a lock, other processes such as the daemon on SQLite's busy timeout), so one
Office serves every request. It is opened on first use under a lock, and its settings are read
again when sosmed.toml changes (a person edited it, or `sosmed accounts` did), at most every
few seconds.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from sosmed.office.workspace import remember_secrets

if TYPE_CHECKING:
    from starlette.requests import Request

    from sosmed.office import Office
    from sosmed.settings import Settings

RECHECK = 2.0  # seconds between looks at sosmed.toml's modification time


class OfficeHolder:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._office: Office | None = None
        self._mtime = self._config_mtime()
        self._checked = time.monotonic()

    def _config_mtime(self) -> float:
        try:
            return (self.settings.home / "sosmed.toml").stat().st_mtime
        except OSError:
            return 0.0

    def get(self) -> Office:
        with self._lock:
            if self._office is None:
                from sosmed.office import Office

                office = Office(self.settings)
                office.store  # noqa: B018 — opened (and migrated) here, once, under the lock
                remember_secrets(office)
                self._office = office
            elif time.monotonic() - self._checked > RECHECK:
                self._checked = time.monotonic()
                mtime = self._config_mtime()
                if mtime != self._mtime:
                    self._reload(mtime)
            return self._office

    def _reload(self, mtime: float) -> None:
        from sosmed.errors import SosmedError
        from sosmed.settings import Settings

        try:
            settings = Settings.load(self.settings.home)
        except SosmedError:
            return  # half-written or wrong: keep working with what was read before
        assert self._office is not None
        self._office.use_settings(settings)
        remember_secrets(self._office)
        self.settings, self._mtime = settings, mtime

    def close(self) -> None:
        with self._lock:
            if self._office is not None:
                self._office.close()
                self._office = None


def office_for(request: Request) -> Office:
    """The office of the application serving ``request``."""
    holder: OfficeHolder = request.app.state.offices
    return holder.get()
