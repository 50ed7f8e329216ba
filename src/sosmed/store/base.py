"""The store's common part: the engine, sessions, and SQLite's single-writer transactions."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, tzinfo
from typing import Any, TypeVar

from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

from sosmed.store import fast_log
from sosmed.store.fast_posts import not_found

Row = TypeVar("Row", bound=SQLModel)


def get_or_raise(session: Session, model: type[Row], key: int, what: str) -> Row:
    """The row with primary key ``key``, or NotFound naming it ("tidak ada post dengan id 7");
    ``what`` is "post", "article" or "feed"."""
    row = session.get(model, key)
    if row is None:
        raise not_found(what, key)
    return row


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # SQLite has one writer at a time. Threads of this process queue here (woken at once)
        # instead of in SQLite's busy handler, which sleeps and polls; other processes still
        # meet the busy timeout.
        self._write_lock = threading.RLock()
        # The office's zone, for the times in messages a person reads (set by whoever opens
        # the store for an office; the data itself is UTC).
        self.tz: tzinfo = UTC

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, immediate: bool = True) -> Iterator[Session]:
        """A session in one transaction, committed on success.

        On SQLite the write lock is taken at BEGIN (BEGIN IMMEDIATE): a transaction that reads
        and then writes would otherwise fail with "database is locked" when another writer
        committed in between (WAL snapshots cannot be upgraded). On PostgreSQL row locks do
        that job. Pure reads use ``read_session`` and never wait for writers.
        """
        with (
            self._connect(immediate) as conn,
            Session(bind=conn, expire_on_commit=False) as session,
        ):
            yield session
            session.commit()

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A Core connection in one write transaction, committed on success.

        For the publishing hot path (arm and record run for every post): the same locking as
        ``session()`` without the ORM's unit of work.
        """
        with self._connect(immediate=True) as conn, conn.begin():
            yield conn

    @contextmanager
    def _connect(self, immediate: bool) -> Iterator[Connection]:
        serialise = immediate and self.is_sqlite
        with self._write_lock if serialise else nullcontext(), self.engine.connect() as conn:
            if serialise:
                conn.info["sqlite_begin"] = "BEGIN IMMEDIATE"
            yield conn

    @contextmanager
    def raw_read(self) -> Iterator[tuple[Any, fast_log.Dialect]]:
        # For the SQL of the driver-only reads (sosmed.store.fast_log, fast_posts,
        # fast_health), on a pooled connection; the read ends its transaction so the
        # connection goes back clean.
        conn = self.engine.raw_connection()
        try:
            yield conn, fast_log.SQLITE if self.is_sqlite else fast_log.POSTGRESQL
            conn.rollback()
        finally:
            conn.close()

    def read_session(self) -> Any:
        return self.session(immediate=False)

    def close(self) -> None:
        self.engine.dispose()
