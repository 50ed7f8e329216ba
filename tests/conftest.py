"""Shared fixtures: a home with its settings, a real SQLite store, PostgreSQL URLs, a local web
server. Helpers the tests call directly are in tests/support/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.config import write_config
from tests.support.web import WebServer

from sosmed.settings import Settings
from sosmed.store import Store


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


@pytest.fixture
def settings(home: Path) -> Settings:
    return write_config(home, {"allow_private_hosts": True})


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = Store.open_url(settings.database_url)
    yield s
    s.close()


def postgres_url() -> str:
    return os.environ.get("SOSMED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL URL; on CI its absence is a failure, elsewhere a skip with the reason."""
    import psycopg

    url = postgres_url()
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL at {url} on this machine ({e})")
    return url


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    yield server
    server.sb.stop()


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a fresh schema, dropped after the test."""
    import uuid

    from sqlalchemy import text

    from sosmed.store.engine import make_engine

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = make_engine(pg_url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield pg_url + f"?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
