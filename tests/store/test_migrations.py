"""Migrations: applied from nothing, idempotent, reversible, and equal to the models."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from sosmed.store.engine import downgrade, make_engine, upgrade

TABLES = {
    "article",
    "photo",
    "post",
    "attempt",
    "feed",
    "event",
    "accountstate",
    "heartbeat",
    "articleedit",
    "deletedarticle",
}


@pytest.fixture
def pg_engine(pg_schema_url: str) -> Iterator[Engine]:
    engine = make_engine(pg_schema_url)
    yield engine
    engine.dispose()


def _check_roundtrip(engine: Engine) -> None:
    upgrade(engine)
    upgrade(engine)  # a second run changes nothing
    assert set(inspect(engine).get_table_names()) >= TABLES
    with engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), SQLModel.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
    downgrade(engine)
    assert not (TABLES & set(inspect(engine).get_table_names()))
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) >= TABLES


def test_sqlite_migrations(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    _check_roundtrip(engine)
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


@pytest.mark.postgres
def test_postgres_migrations(pg_engine: Engine) -> None:
    _check_roundtrip(pg_engine)
