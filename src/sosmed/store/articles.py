"""Store: articles."""

from __future__ import annotations

from sosmed.store.base import StoreBase


class ArticleStore(StoreBase):
    pass
