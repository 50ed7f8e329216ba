"""The database as the library uses it: one Store (:mod:`sosmed.store.core`), assembled from
one mixin per concern, and `sosmed log`'s driver-only read (:mod:`sosmed.store.fast_log`),
whose SQL the log store runs too.

``Store`` is loaded on first use, so that the fast read can live here without importing
SQLAlchemy into `sosmed log`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sosmed.store.core import Store


def __getattr__(name: str) -> Any:
    if name == "Store":
        from sosmed.store.core import Store

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Store"]
