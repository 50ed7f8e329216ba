"""Shared fixtures: a home with its settings, a real SQLite store, PostgreSQL URLs, a local web
server. Helpers the tests call directly are in tests/support/."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.config import write_config
from tests.support.postgres import fresh_schema, reachable_postgres_url
from tests.support.web import WebServer
from tests.support.webapp import Workspace, start_workspace

from sosmed.settings import Settings
from sosmed.store import Store

# The commands the tests run speak Indonesian, the default, whatever the machine's locale; a
# test of another language says so in its own environment.
os.environ["SOSMED_LANG"] = "id"


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


@pytest.fixture
def pg_url() -> str:
    """A PostgreSQL URL; on CI its absence is a failure, elsewhere a skip with the reason."""
    return reachable_postgres_url()


@pytest.fixture
def web() -> Iterator[WebServer]:
    server = WebServer()
    yield server
    server.sb.stop()


@pytest.fixture
def pg_schema_url(pg_url: str) -> Iterator[str]:
    """A PostgreSQL URL whose tables live in a fresh schema, dropped after the test."""
    with fresh_schema(pg_url) as url:
        yield url


@pytest.fixture
def english() -> Iterator[None]:
    """This process speaks English for the test (as `sosmed --lang en` does), and Indonesian,
    the default, again after it."""
    from sosmed.i18n import set_language

    set_language("en")
    try:
        yield
    finally:
        set_language("id")


@pytest.fixture
def workspace(settings: Settings) -> Iterator[Workspace]:
    """The web workspace of the test's home in a real uvicorn server on loopback
    (tests/support/webapp.py): ``workspace.login("staf")`` gives a signed-in client."""
    with start_workspace(settings) as ws:
        yield ws
