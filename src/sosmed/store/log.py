"""Store: log."""

from __future__ import annotations

from sosmed.store.base import StoreBase


class LogStore(StoreBase):
    pass
