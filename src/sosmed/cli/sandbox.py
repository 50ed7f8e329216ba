"""Command: sandbox (a local emulation of every platform, for trying sosmed without accounts)."""

from __future__ import annotations

import errno
from pathlib import Path

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import console
from sosmed.errors import ConfigError, InputError


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
    seed: int | None = typer.Option(
        None, "--seed", help="Make random faults and the simulated engagement reproducible."
    ),
    hang_seconds: float = typer.Option(35.0, "--hang-seconds", help="How long a hang lasts."),
    slow: list[str] = typer.Option(
        [],
        "--slow",
        help="REGEX=SECONDS: requests whose 'METHOD /path' matches wait that long before an "
        "answer (e.g. 'POST .*/photos=2' for slow photo uploads); repeatable.",
    ),
    quotas: bool = typer.Option(
        True,
        "--quotas/--no-quotas",
        help="Enforce X's 100 posts per 15 min and Instagram's 50 a day (off for load tests).",
    ),
    public: list[str] = typer.Option(
        [],
        "--public-url",
        help="An address prefix Instagram and Threads may fetch photos from, as if it were on "
        "the internet (e.g. a local S3 bucket's); repeatable. Their own /_media/ always is.",
    ),
) -> None:
    """Run a local server that emulates every platform sosmed publishes to."""
    from sosmed.sandbox.app import allow_public, build, write_sandbox_config
    from sosmed.sandbox.core import Faults, parse_fault_spec, parse_slow_spec

    try:
        parse_fault_spec(faults)
        parse_slow_spec(slow)
    except ValueError as e:
        raise InputError(str(e)) from None
    app: AppContext = ctx.obj
    media = config_out.parent / "media" if config_out else app.settings.media_dir
    try:
        sb = build(
            port=port,
            faults=Faults(fault_rate, faults, seed),
            media_dir=media,
            hang_seconds=hang_seconds,
            quotas=quotas,
            slow=slow,
            seed=seed or 0,
        )
    except OSError as e:
        if e.errno != errno.EADDRINUSE:
            raise
        raise ConfigError(
            f"port {port} di 127.0.0.1 sudah dipakai proses lain; pilih port lain dengan "
            "--port (0: port bebas mana saja)"
        ) from None
    for prefix in public:
        allow_public(sb, prefix)
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
