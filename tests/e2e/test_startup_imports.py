"""The everyday listings start quickly: they load no platform client, no composer, no
extraction and no scheduler (a platform's limits and counting live apart from its client).

Asserted on what each real ``sosmed`` process imports (``python -X importtime`` names every
module as it loads), not on time, which depends on the machine; benchmarks/cli.py measures
the time itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from importlib.resources import files
from pathlib import Path

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
# The listings people run all day. (`status` and `preview` still load the clients: the
# account health and the X price ask the platform classes.)
EVERYDAY = (
    ["posts"],
    ["posts", "--json"],
    ["queue"],
    ["queue", "--week"],
    ["log"],
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office with posts in the states the listings show, and a daemon's heartbeat."""
    home = tmp_path_factory.mktemp("office")
    settings = make_home(home, six_accounts())
    store = Store.open_url(settings.database_url)
    now = datetime.now(UTC)
    photo = {"path": "media/a.jpg", "width": 1200, "height": 800, "bytes": 9100, "alt": "Foto"}
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
    assert loaded(found, HEAVY) == []


def test_help_loads_no_platform_client_nor_the_store(home: Path) -> None:
    found = imports_of(home, ["--help"])
    assert loaded(found, (*HEAVY, "sqlalchemy", "sqlmodel")) == []


def test_the_check_sees_a_command_that_does_load_them(home: Path) -> None:
    # Adding an article reads it (lxml) and writes through the store: the listing of imports
    # is read, not assumed empty.
    article = files("sosmed").joinpath("data/demo/berita.txt")
    found = imports_of(home, ["add", str(article)])
    assert {"lxml", "sqlalchemy"} <= found
