"""Commands: init (create the home)."""

from __future__ import annotations

import os
import shutil
from importlib.resources import files
from pathlib import Path

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console
from sosmed.errors import StorageError


def init(ctx: typer.Context) -> None:
    """Create the home: sosmed.toml (from the example), the database and the media directory."""
    from sosmed.settings import CONFIG_NAME

    app: AppContext = ctx.obj
    home = app.settings.home
    config = home / CONFIG_NAME
    try:
        home.mkdir(parents=True, exist_ok=True)
        if config.exists():
            console.print(f"{config} exists; left as it is")
        else:
            _write_example(config)
            console.print(f"wrote {config}")
        app.settings.media_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        fault = app.fault(e)
        raise fault or StorageError(
            f"kantor tidak bisa dibuat di {home}: {e.strerror or e}"
        ) from None
    where = app.office.open_database()  # migrates, and proves that the home takes writes
    console.print(f"database ready: {where}")
    console.print(f"media directory: {app.settings.media_dir}")


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
    app.command("init")(init)
