"""The store contract suite's fixture: ``any_store``, an empty migrated store on each database
sosmed supports, so that every statement about the store is checked on SQLite and PostgreSQL.

On PostgreSQL the schema is migrated once per session and emptied before each test (migrating a
schema per test would cost more than the tests). A test that needs one database only (SQLite's
locking, its query plans, migrations) asks for ``store`` or ``pg_schema_url`` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import SQLModel
from tests.support.postgres import fresh_schema, reachable_postgres_url

from sosmed.store import Store


@pytest.fixture(scope="session")
def pg_store_url() -> Iterator[str]:
    """A PostgreSQL schema of the session, migrated once."""
    with fresh_schema(reachable_postgres_url()) as url:
        Store.open_url(url).close()
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store: a new SQLite file, or the session's PostgreSQL schema emptied."""
    if request.param == "sqlite":
        store = Store.open_url(f"sqlite:///{tmp_path / 'store.db'}")
    else:
        store = Store.open_url(request.getfixturevalue("pg_store_url"), migrate=False)
        tables = ", ".join(SQLModel.metadata.tables)
        with store.engine.begin() as c:
            c.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield store
    store.close()
