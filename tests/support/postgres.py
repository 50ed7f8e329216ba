"""The test PostgreSQL server: its URL, and schemas of their own that are dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest


def postgres_url() -> str:
    return os.environ.get("SOSMED_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def reachable_postgres_url() -> str:
    """The server's URL; on CI its absence is a failure, elsewhere a skip with the reason."""
    import psycopg

    url = postgres_url()
    try:
        psycopg.connect(url, connect_timeout=3).close()
    except psycopg.OperationalError as e:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL at {url} on this machine ({e})")
    return url


@contextmanager
def fresh_schema(url: str) -> Iterator[str]:
    """A URL whose tables live in a new, empty schema, dropped with all it holds on exit."""
    from sqlalchemy import text

    from sosmed.store.engine import make_engine

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = make_engine(url)
    with admin.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield url + f"?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as c:
            c.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
