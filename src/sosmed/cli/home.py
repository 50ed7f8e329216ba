"""Commands: init (create the home)."""

from __future__ import annotations

import os
import shutil
from importlib.resources import files
from pathlib import Path

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import say
from sosmed.errors import StorageError
from sosmed.i18n import _
from sosmed.libwords import os_reason


def init(ctx: typer.Context) -> None:
    from sosmed.settings import CONFIG_NAME

    app: AppContext = ctx.obj
    home = app.settings.home
    config = home / CONFIG_NAME
    try:
        home.mkdir(parents=True, exist_ok=True)
        if config.exists():
            say(_("{config} sudah ada; dibiarkan apa adanya").format(config=config))
        else:
            _write_example(config)
            say(_("{config} ditulis").format(config=config))
        app.settings.media_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        fault = app.fault(e)
        raise fault or StorageError(
            _("kantor tidak bisa dibuat di {home}: {reason}").format(home=home, reason=os_reason(e))
        ) from None
    where = app.office.open_database()  # migrates, and proves that the home takes writes
    say(_("basis data siap: {where}").format(where=where))
    say(_("folder media: {folder}").format(folder=app.settings.media_dir))


def _write_example(config: Path) -> None:
    # Whole or not at all: a disk that fills half-way must not leave half a sosmed.toml,
    # which the next command would read as an office with a broken configuration.
    example = files("sosmed").joinpath("data/sosmed.example.toml")
    part = config.with_name(config.name + ".part")
    try:
        with example.open("rb") as src, part.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        os.replace(part, config)
    finally:
        part.unlink(missing_ok=True)


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=_("Buat kantor: sosmed.toml (dari contoh), basis data, dan folder media."),
    )(init)
