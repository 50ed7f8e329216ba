"""Command: sandbox (a local emulation of every platform, for trying sosmed without accounts)."""

from __future__ import annotations

import os
from pathlib import Path

import tomli_w
import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console
from sosmed.errors import InputError
from sosmed.sandbox.app import build, demo_config
from sosmed.sandbox.core import Faults, parse_fault_spec
from sosmed.settings import SECRETS_NAME


def write_sandbox_config(config_out: Path, base_url: str, force: bool) -> Path:
    """A ready sosmed.toml with one account per platform on the sandbox, secrets beside it."""
    if config_out.exists() and not force:
        raise InputError(f"{config_out} exists; use --force to overwrite it")
    accounts, secrets = demo_config(base_url)
    config = {
        "allow_private_hosts": True,
        "media": {"public_base_url": f"{base_url}/_media/"},
        "daemon": {"publish_every_seconds": 5, "reconcile_after_seconds": 1},
        "accounts": accounts,
    }
    config_out.parent.mkdir(parents=True, exist_ok=True)
    with config_out.open("wb") as f:
        tomli_w.dump(config, f)
    secrets_path = config_out.parent / SECRETS_NAME
    fd = os.open(secrets_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        tomli_w.dump(secrets, f)
    os.chmod(secrets_path, 0o600)
    return secrets_path


def sandbox(
    ctx: typer.Context,
    port: int = typer.Option(8765, "--port", help="Port on 127.0.0.1 (0: any free port)."),
    config_out: Path | None = typer.Option(
        None, "--config-out", help="Write a config with one account per platform on the sandbox."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite --config-out if it exists."),
    fault_rate: float = typer.Option(
        0.0, "--fault-rate", min=0.0, max=1.0, help="Share of creates that suffer a random fault."
    ),
    faults: str = typer.Option(
        "",
        "--faults",
        help="PLATFORM:KIND[:RATE],... kinds: "
        "before, after, hang, reset, ratelimit, auth ('*' = all).",
    ),
    seed: int | None = typer.Option(None, "--seed", help="Make random faults reproducible."),
    hang_seconds: float = typer.Option(35.0, "--hang-seconds", help="How long a hang lasts."),
) -> None:
    """Run a local server that emulates X, Facebook, Instagram, Telegram, Mastodon and Bluesky."""
    try:
        parse_fault_spec(faults)
    except ValueError as e:
        raise InputError(str(e)) from None
    app: AppContext = ctx.obj
    media = config_out.parent / "media" if config_out else app.settings.media_dir
    sb = build(
        port=port,
        faults=Faults(fault_rate, faults, seed),
        media_dir=media,
        hang_seconds=hang_seconds,
    )
    if config_out:
        secrets = write_sandbox_config(config_out, sb.base_url, force)
        console.print(f"wrote {config_out} and {secrets} (mode 600)")
    console.print(
        f"sandbox on {sb.base_url}/ (timelines), {sb.base_url}/_ledger (JSON); Ctrl-C stops"
    )
    try:
        sb.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sb.stop()


def register(app: typer.Typer) -> None:
    app.command("sandbox")(sandbox)
