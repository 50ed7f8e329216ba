"""What every command needs: the office of the chosen home (its settings read when first
needed, its store opened when first needed)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from sosmed.office import Office
from sosmed.settings import Settings


class AppContext:
    def __init__(self, home: Path | None) -> None:
        self._home = home

    @cached_property
    def office(self) -> Office:
        return Office(Settings.load(self._home))

    @property
    def settings(self) -> Settings:
        return self.office.settings
