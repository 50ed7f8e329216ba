"""Command: sandbox (a local emulation of every platform, for trying sosmed without accounts)."""

from __future__ import annotations

import errno
from pathlib import Path

import typer

from sosmed.cli.context import AppContext
from sosmed.cli.output import say
from sosmed.errors import ConfigError, InputError
from sosmed.i18n import _


def sandbox(
    ctx: typer.Context,
    port: int = typer.Option(
        8765, "--port", min=0, max=65535, help=_("Port di 127.0.0.1 (0: port bebas mana saja).")
    ),
    config_out: Path | None = typer.Option(
        None,
        "--config-out",
        help=_("Tulis konfigurasi dengan satu akun per platform di sandbox."),
    ),
    force: bool = typer.Option(
        False, "--force", help=_("Timpa berkas --config-out bila sudah ada.")
    ),
    fault_rate: float = typer.Option(
        0.0,
        "--fault-rate",
        min=0.0,
        max=1.0,
        help=_("Bagian pembuatan post yang terkena gangguan acak."),
    ),
    faults: str = typer.Option(
        "",
        "--faults",
        help=_(
            "PLATFORM:JENIS[:RASIO],... jenis: "
            "before, after, hang, reset, ratelimit, auth ('*' = semua)."
        ),
    ),
    seed: int | None = typer.Option(
        None,
        "--seed",
        help=_("Buat gangguan acak dan keterlibatan publik simulasi bisa diulang persis."),
    ),
    hang_seconds: float = typer.Option(
        35.0, "--hang-seconds", help=_("Berapa lama sebuah hang berlangsung (detik).")
    ),
    slow: list[str] = typer.Option(
        [],
        "--slow",
        help=_(
            "REGEX=DETIK: permintaan yang 'METODE /jalur'-nya cocok menunggu selama itu sebelum "
            "dijawab (mis. 'POST .*/photos=2' untuk unggahan foto yang lambat); boleh berulang."
        ),
    ),
    quotas: bool = typer.Option(
        True,
        "--quotas/--no-quotas",
        help=_(
            "Terapkan batas X 100 post per 15 menit dan Instagram 50 sehari "
            "(matikan untuk uji beban)."
        ),
    ),
    public: list[str] = typer.Option(
        [],
        "--public-url",
        help=_(
            "Awalan alamat tempat Instagram dan Threads boleh mengambil foto, seolah-olah di "
            "internet (mis. bucket S3 lokal); boleh berulang. /_media/ sandbox selalu boleh."
        ),
    ),
) -> None:
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
            _(
                "port {port} di 127.0.0.1 sudah dipakai proses lain; pilih port lain dengan "
                "--port (0: port bebas mana saja)"
            ).format(port=port)
        ) from None
    for prefix in public:
        allow_public(sb, prefix)
    if config_out:
        secrets = write_sandbox_config(config_out, sb.base_url, force)
        say(
            _("{config} dan {secrets} ditulis (mode 600)").format(
                config=config_out, secrets=secrets
            )
        )
    say(
        _("sandbox di {url}/ (lini masa), {url}/_ledger (JSON); Ctrl-C menghentikannya").format(
            url=sb.base_url
        )
    )
    try:
        sb.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sb.stop()


def register(app: typer.Typer) -> None:
    app.command(
        "sandbox",
        help=_("Jalankan server lokal yang meniru setiap platform tujuan terbit sosmed."),
    )(sandbox)
