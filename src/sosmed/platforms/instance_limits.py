"""The limits a Mastodon instance sets for itself, as last read at ``accounts check``.

Kept in a small JSON file in the office's home (``instance-limits.json``, one entry per
instance address), not in the database: they are public figures of a remote server, not the
office's records, so they need no migration, and composing (which has the settings but no
store) reads them without a request. A missing or unreadable file means Mastodon's defaults;
that is never unsafe, because publishing reads the instance's limits again before it sends.
Each machine's home fills its own file at its own check (the daemon checks accounts too).
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sosmed.i18n import _
from sosmed.settings import Settings

FILE_NAME = "instance-limits.json"
log = logging.getLogger(__name__)


def path(settings: Settings) -> Path:
    return settings.home / FILE_NAME


def load(settings: Settings, instance: str) -> dict[str, Any] | None:
    """The figures last saved for ``instance``, or None."""
    try:
        data = json.loads(path(settings).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    entry = data.get(instance) if isinstance(data, dict) else None
    return entry if isinstance(entry, dict) else None


def save(settings: Settings, instance: str, figures: dict[str, Any]) -> bool:
    """Keep ``figures`` for ``instance`` (atomically: a reader sees the old file or the new).

    False when the home cannot be written: composing then keeps the defaults, and the check
    that read the figures still succeeds.
    """
    try:
        _write(path(settings), instance, figures)
    except OSError as e:
        log.warning(_("batas instance tidak disimpan di %s: %s"), path(settings), e.strerror or e)
        return False
    return True


def _write(target: Path, instance: str, figures: dict[str, Any]) -> None:
    try:
        data = json.loads(target.read_text("utf-8"))
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data[instance] = {**figures, "checked_at": datetime.now(UTC).isoformat()}
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".instance-limits-", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=1, sort_keys=True)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise
