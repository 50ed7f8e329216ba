"""Store: publishing."""

from __future__ import annotations

from sosmed.store.base import StoreBase


class PublishStore(StoreBase):
    pass
