"""Store: scheduling."""

from __future__ import annotations

from sosmed.store.base import StoreBase


class ScheduleStore(StoreBase):
    pass
