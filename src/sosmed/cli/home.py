"""Commands: init (create the home)."""

from __future__ import annotations

import shutil
from importlib.resources import files

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console


def init(ctx: typer.Context) -> None:
    """Create the home: sosmed.toml (from the example), the database and the media directory."""
    from sosmed.settings import CONFIG_NAME

    app: AppContext = ctx.obj
    home = app.settings.home
    home.mkdir(parents=True, exist_ok=True)
    config = home / CONFIG_NAME
    if config.exists():
        console.print(f"{config} exists; left as it is")
    else:
        example = files("sosmed").joinpath("data/sosmed.example.toml")
        with example.open("rb") as src, config.open("wb") as dst:
            shutil.copyfileobj(src, dst)
        console.print(f"wrote {config}")
    app.settings.media_dir.mkdir(parents=True, exist_ok=True)
    where = app.office.open_database()  # opening the store applies the migrations
    console.print(f"database ready: {where}")
    console.print(f"media directory: {app.settings.media_dir}")


def register(app: typer.Typer) -> None:
    app.command("init")(init)
