"""The everyday commands start quickly: they load no platform client, no composer, no
extraction and no scheduler (a platform's limits, counting and prices live apart from its
client), and they read the database through its driver alone: no SQLAlchemy, no ORM.

Asserted on what each real ``sosmed`` process imports (``python -X importtime`` names every
module as it loads), not on time, which depends on the machine; benchmarks/cli.py measures
the time itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import SOSMED
from tests.support.config import make_home, six_accounts
from tests.support.posts import add_post

from sosmed.store import Store

# Loaded only by the commands that need them: publishing, composing, adding, the daemon.
HEAVY = (
    "tweepy",
    "facebook",
    "requests",
    "urllib3",
    "oauthlib",
    "PIL",
    "jinja2",
    "trafilatura",
    "lxml",
    "apscheduler",
    "alembic",
    # The web workspace's server and password hashing: only `sosmed web` and `sosmed users`.
    "starlette",
    "uvicorn",
    "argon2",
)
# What people run all day.
EVERYDAY = (
    ["posts"],
    ["posts", "--json"],
    ["posts", "--account", "x_humas"],
    ["queue"],
    ["queue", "--week"],
    ["queue", "--json"],
    ["log"],
    ["status"],
    ["status", "--json"],
    ["preview", "1"],
    ["preview", "1", "--json"],
)
# The store's own libraries: the everyday commands read through the database driver.
ORM = ("sqlalchemy", "sqlmodel", "alembic")


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office with posts in the states the listings show, and a daemon's heartbeat."""
    home = tmp_path_factory.mktemp("office")
    settings = make_home(home, six_accounts())
    store = Store.open_url(settings.database_url)
    now = datetime.now(UTC)
    photo = {"path": "media/a.jpg", "width": 1200, "height": 800, "bytes": 9100, "alt": "Foto"}
    # Post 1: the one `preview 1` shows.
    add_post(store, "x_humas", "x", status="draft", hashtags=["#Uji"], photos=[photo])
    add_post(store, "x_humas", "x", status="scheduled", scheduled_at=now + timedelta(hours=3))
    add_post(store, "x_humas", "x", status="failed", last_error="AuthError: token ditolak")
    store.beat("w1", now, 1, "host")
    store.close()
    return home


def imports_of(home: Path, args: list[str]) -> set[str]:
    """Every module the ``sosmed`` process loaded for ``args``."""
    env = {**os.environ, "SOSMED_HOME": str(home), "COLUMNS": "80"}
    r = subprocess.run(
        [sys.executable, "-X", "importtime", SOSMED, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert r.returncode in (0, 1), r.stderr[-2000:]  # status: 1 when a person is needed
    lines = [line for line in r.stderr.splitlines() if line.startswith("import time:")]
    assert len(lines) > 50, r.stderr[-2000:]  # the importtime listing is there to be read
    return {line.rsplit("|", 1)[1].strip() for line in lines}


def loaded(found: set[str], roots: tuple[str, ...]) -> list[str]:
    return sorted(m for m in found if any(m == r or m.startswith(r + ".") for r in roots))


@pytest.mark.parametrize("args", EVERYDAY, ids=" ".join)
def test_an_everyday_command_loads_nothing_heavy(home: Path, args: list[str]) -> None:
    found = imports_of(home, args)
    assert "sosmed.cli.main" in found
    assert loaded(found, (*HEAVY, *ORM)) == []


def test_help_loads_no_platform_client_nor_the_store(home: Path) -> None:
    found = imports_of(home, ["--help"])
    assert loaded(found, (*HEAVY, *ORM, "pydantic")) == []


def test_an_old_schema_goes_through_the_store(tmp_path: Path) -> None:
    # A database one migration behind is brought up to date by the store before the quick
    # reads serve it: the command then loads the ORM (and Alembic), and still answers.
    from sosmed.store.engine import downgrade

    settings = make_home(tmp_path, six_accounts())
    store = Store.open_url(settings.database_url)
    add_post(store, "x_humas", "x", status="draft")
    downgrade(store.engine, "0008")
    store.close()
    found = imports_of(tmp_path, ["posts"])
    assert {"sqlalchemy", "alembic"} <= set(loaded(found, ORM))
    assert "sqlalchemy" not in loaded(imports_of(tmp_path, ["posts"]), ORM)  # migrated now


def test_the_check_sees_a_command_that_does_load_them(home: Path) -> None:
    # Adding an article reads it (lxml) and writes through the store: the listing of imports
    # is read, not assumed empty.
    article = files("sosmed").joinpath("data/demo/berita.txt")
    found = imports_of(home, ["add", str(article)])
    assert {"lxml", "sqlalchemy"} <= found


@pytest.mark.postgres
def test_the_everyday_commands_read_postgresql_through_the_driver(
    tmp_path: Path, pg_schema_url: str
) -> None:
    from sosmed.publish.health import health
    from sosmed.store.fast_health import HealthReads

    settings = make_home(tmp_path, six_accounts(), database_url=pg_schema_url)
    store = Store.open_url(settings.database_url)
    now = datetime.now(UTC)
    first = add_post(store, "x_humas", "x", status="draft", hashtags=["#Uji"])
    add_post(store, "x_humas", "x", status="scheduled", scheduled_at=now + timedelta(hours=3))
    add_post(store, "x_humas", "x", status="failed", last_error="AuthError: token ditolak")
    store.beat("w1", now, 1, "host")
    with store.raw_read() as (conn, dialect):  # what `status` says through the store
        expected = health(HealthReads(conn, dialect), settings, now).as_dict()
    listed = [(p.id, p.status, p.text) for p in store.list_posts()]
    queued = [p.id for p in store.queue(100)]
    store.close()

    def run(*args: str) -> Any:
        env = {**os.environ, "SOSMED_HOME": str(tmp_path), "COLUMNS": "80"}
        r = subprocess.run(
            [sys.executable, "-X", "importtime", SOSMED, *args, "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert r.returncode in (0, 1), r.stderr[-2000:]
        found = {ln.rsplit("|", 1)[1].strip() for ln in r.stderr.splitlines() if "|" in ln}
        assert "sosmed.cli.main" in found and loaded(found, ORM) == []
        return json.loads(r.stdout)

    assert [(p["id"], p["status"], p["text"]) for p in run("posts")] == listed
    assert [p["id"] for p in run("queue")] == queued
    status = run("status")
    assert {k: v for k, v in status.items() if k != "now"} == {
        k: v for k, v in expected.items() if k != "now"
    }
    assert status["needs_person"] and status["failed"] == 1
    shown = run("preview", str(first))
    assert (shown["id"], shown["hashtags"], shown["status"]) == (first, ["#Uji"], "draft")
