"""An in-process sandbox, a home configured with its six demo accounts, and that home's store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sosmed.sandbox.app import build, write_sandbox_config
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings
from sosmed.store import Store


@contextmanager
def sandbox_world(
    home: Path, extra: dict[str, Any] | None = None
) -> Iterator[tuple[Settings, Store, Sandbox]]:
    """``extra`` adds to the config the sandbox writes (e.g. daemon keys)."""
    sb = build(media_dir=home / "media").start()
    try:
        write_sandbox_config(home / "sosmed.toml", sb.base_url, force=True, extra=extra)
        settings = Settings.load(home)
        store = Store.open_url(settings.database_url)
        try:
            yield settings, store, sb
        finally:
            store.close()
    finally:
        sb.stop()
