"""What every command needs: the office of the chosen home (its settings read when first
needed, its store opened when first needed)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:  # loaded with the first command that reads the home: not for --help
    from sosmed.office import Office
    from sosmed.settings import Settings

# The commands that make a home of their own; every other one needs sosmed.toml in it.
MAKE_HOME = frozenset({"init", "demo", "sandbox"})


class AppContext:
    # The context of the command running now: its home names the place in a storage
    # fault's message, which is only caught after the command has unwound.
    current: ClassVar[AppContext | None] = None

    def __init__(self, home: Path | None, command: str | None = None) -> None:
        self._home = home
        self._needs_office = command not in MAKE_HOME
        AppContext.current = self

    @cached_property
    def office(self) -> Office:
        from sosmed.office import Office
        from sosmed.office.faults import check_office
        from sosmed.settings import Settings

        settings = Settings.load(self._home)
        if self._needs_office:
            check_office(settings)
        return Office(settings)

    @property
    def settings(self) -> Settings:
        return self.office.settings

    def fault(self, error: BaseException) -> Exception | None:
        """The one-line storage error behind ``error``, if it is one."""
        from sosmed.office.faults import storage_fault

        office = self.__dict__.get("office")
        return storage_fault(error, office.settings if office is not None else None)
