"""The store's common part: the engine, sessions, and SQLite's single-writer transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.engine import Engine
from sqlmodel import Session

from sosmed.store.engine import make_engine, upgrade


class StoreBase:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @classmethod
    def open(cls, url: str, migrate: bool = True) -> StoreBase:
        engine = make_engine(url)
        if migrate:
            upgrade(engine)
        return cls(engine)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self, immediate: bool = False) -> Iterator[Session]:
        """A session in one transaction, committed on success.

        ``immediate`` takes SQLite's write lock at BEGIN, so that a read-then-write (a claim)
        cannot interleave with another writer; on PostgreSQL row locks do that job.
        """
        with self.engine.connect() as conn:
            if immediate and self.is_sqlite:
                conn.info["sqlite_begin"] = "BEGIN IMMEDIATE"
            with Session(bind=conn, expire_on_commit=False) as session:
                yield session
                session.commit()

    def close(self) -> None:
        self.engine.dispose()
