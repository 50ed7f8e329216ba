"""Store: posts."""

from __future__ import annotations

from sosmed.store.base import StoreBase


class PostStore(StoreBase):
    pass
