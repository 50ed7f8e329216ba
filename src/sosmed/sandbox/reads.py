"""The sandbox's ledger of reads of posts' counters."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any


class Reads:
    """Every read of a post's counters the sandbox answered (``/_reads``), refused ones
    marked: what a paid API would bill, and proof of what was asked."""

    def __init__(self) -> None:
        self.entries: list[dict[str, Any]] = []
        self._lock = threading.Lock()

    def add(self, platform: str, remote_id: str, path: str, refused: bool = False) -> None:
        entry: dict[str, Any] = {"platform": platform, "remote_id": remote_id, "path": path}
        entry["refused"] = refused  # answered with a permission error
        entry["time"] = datetime.now(UTC).isoformat()
        with self._lock:
            self.entries.append(entry)

    def snapshot(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.entries)
