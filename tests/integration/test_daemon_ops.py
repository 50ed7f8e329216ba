"""The daemon as an operator meets it: it stops with one line when the database keeps failing,
it reads sosmed.toml again (on SIGHUP, or when the file changes), and `sosmed status` names the
posts a dead daemon left in ``publishing``.

The fast tests drive a Daemon in this process on a real SQLite file; the slow ones run
`sosmed daemon` and `sosmed sandbox` as processes. Storage is broken by dropping a table under
the daemon: tests run as root, for whom a read-only file is still writable.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import time
import tomllib
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from sqlalchemy import text
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.daemon import start_daemon, wait_for
from tests.support.posts import due_post
from tests.support.sandbox_process import tune_config

from sosmed.daemon import STORAGE_FAILURES, Daemon
from sosmed.errors import StorageError
from sosmed.models import utcnow
from sosmed.office import Office
from sosmed.settings import Settings
from sosmed.store import Store

ACCOUNTS = [{"name": "x_humas", "platform": "x"}, {"name": "tg_humas", "platform": "telegram"}]


def broken_query(store: Store) -> Callable[[], None]:
    """A job whose query really fails in SQLite (its table does not exist)."""

    def publish_cycle() -> None:
        with store.engine.connect() as conn:
            conn.exec_driver_sql("SELECT id FROM no_such_table")

    return publish_cycle


# Storage failures, in this process


@pytest.fixture
def daemon(home: Path) -> Iterator[Daemon]:
    settings = write_config(home, {"accounts": ACCOUNTS})
    store = Store.open_url(settings.database_url)
    yield Daemon(Office(settings, store))
    store.close()


def test_storage_failures_in_a_row_stop_it_with_one_line_each(
    daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    job = daemon._safe(broken_query(daemon.store))
    caplog.set_level(logging.INFO, logger="sosmed.daemon")
    for _ in range(STORAGE_FAILURES - 1):
        job()
    assert daemon.fatal is None
    assert daemon.publisher.stopping.is_set() is False
    job()
    assert isinstance(daemon.fatal, StorageError)
    assert daemon.publisher.stopping.is_set()  # nothing more is claimed
    assert f"gagal {STORAGE_FAILURES} kali berturut-turut" in str(daemon.fatal)
    failures = [r for r in caplog.records if "basis data gagal" in r.getMessage()]
    assert len(failures) == STORAGE_FAILURES
    for r in failures:
        message = r.getMessage()
        assert r.exc_info is None and "\n" not in message  # one line, no traceback
        assert "OperationalError: no such table: no_such_table" in message
        assert "[SQL:" not in message


def test_a_successful_run_resets_the_count(daemon: Daemon) -> None:
    broken = broken_query(daemon.store)
    failing = True

    def publish_cycle() -> None:
        if failing:
            broken()

    job = daemon._safe(publish_cycle)
    for _ in range(2):
        failing = True
        for _ in range(STORAGE_FAILURES - 1):
            job()
        failing = False
        job()
    assert daemon.fatal is None


def test_a_bug_keeps_its_traceback_and_is_not_counted(
    daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    def publish_cycle() -> None:
        raise ValueError("a bug, not the database")

    job = daemon._safe(publish_cycle)
    for _ in range(STORAGE_FAILURES + 1):
        job()
    assert daemon.fatal is None
    bugs = [r for r in caplog.records if r.getMessage() == "tugas publish_cycle gagal"]
    assert len(bugs) == STORAGE_FAILURES + 1 and all(r.exc_info for r in bugs)


# Reloading sosmed.toml, in this process


def rewrite(path: Path, config: dict[str, Any]) -> None:
    path.write_bytes(tomli_w.dumps(config).encode())


def test_a_changed_config_file_is_used_from_the_next_cycle(
    daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sosmed.daemon")
    first = daemon.settings
    rewrite(first.config_path, {"accounts": ACCOUNTS[1:]})
    daemon.reload_if_changed()
    assert daemon.settings is not first
    assert daemon.publisher.settings is daemon.settings
    assert daemon.publisher.accounts() == ["tg_humas"]
    assert "konfigurasi dimuat ulang (sosmed.toml berubah)" in caplog.messages


def test_a_bad_config_keeps_the_running_one(
    daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="sosmed.daemon")
    first, path = daemon.settings, daemon.settings.config_path
    for bad in (
        "accounts = [ {name = ",
        "",
        '[[accounts]]\nname = "x_humas"\nplatform = "myspace"',
    ):
        path.write_text(bad)
        daemon.reload_if_changed()
        daemon.reload_if_changed()  # unchanged since: not read again, not logged again
        assert daemon.settings is first and daemon.publisher.settings is first
    refused = [m for m in caplog.messages if m.startswith("konfigurasi tidak dimuat ulang")]
    assert len(refused) == 3 and all("\n" not in m for m in refused)
    assert "yang lama tetap dipakai" in refused[0] and str(path) in refused[0]
    rewrite(path, {"accounts": ACCOUNTS[:1]})
    daemon.reload_if_changed()
    assert daemon.publisher.accounts() == ["x_humas"]


def test_keys_read_only_at_start_are_named(
    daemon: Daemon, caplog: pytest.LogCaptureFixture
) -> None:
    rewrite(daemon.settings.config_path, {"accounts": ACCOUNTS, "daemon": {"batch": 7}})
    daemon.reload_if_changed()
    assert daemon.publisher.settings.config.daemon.batch == 7
    assert not [m for m in caplog.messages if "dimulai ulang" in m]  # batch applies now
    rewrite(
        daemon.settings.config_path,
        {"accounts": ACCOUNTS, "daemon": {"poll_feeds_cron": "0 * * * *"}},
    )
    daemon.reload_if_changed()
    assert [m for m in caplog.messages if "'daemon.poll_feeds_cron'" in m and "dimulai ulang" in m]


# Real processes


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)


@pytest.mark.slow
@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_daemon_exits_3_with_one_line_when_its_tables_are_gone(
    db: str, home: Path, request: pytest.FixtureRequest
) -> None:
    config: dict[str, Any] = {"accounts": ACCOUNTS, "daemon": {"publish_every_seconds": 0.5}}
    if db == "postgres":
        config["database_url"] = request.getfixturevalue("pg_schema_url")
    settings = write_config(home, config)
    store = Store.open_url(settings.database_url)
    log = home / "daemon.log"
    proc = start_daemon(home, log)
    try:
        wait_for("the daemon's heartbeat", store.heartbeats)
        with store.engine.begin() as conn:
            conn.execute(text("DROP TABLE post" + (" CASCADE" if db == "postgres" else "")))
        proc.wait(45)  # five failed polls of 0.5 s; the rest is room for a loaded machine
    finally:
        stop(proc)
        store.close()
    err = log.read_text()
    assert proc.returncode == 3, err[-2000:]
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    failures = [line for line in lines if "basis data gagal (" in line]
    assert len(failures) == STORAGE_FAILURES, err[-2000:]
    assert all("post" in line for line in failures)  # what failed, in the driver's words
    errors = [line for line in lines if line.startswith("kesalahan:")]
    assert errors == [lines[-1]], err[-2000:]  # exactly one closing line, and it is the last
    assert f"gagal {STORAGE_FAILURES} kali berturut-turut" in lines[-1]
    assert "daemon berhenti" in lines[-1]


@pytest.mark.slow
def test_status_names_a_killed_daemons_posts_within_one_lease(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    start(faults="x:hang,mastodon:hang", hang_seconds=40)
    lease = 8
    tune_config(home, {"lease_seconds": lease, "publish_every_seconds": 1}, timeout=60)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    now = utcnow()
    ids = [
        due_post(store, "x_sandbox", "x", now),
        due_post(store, "mastodon_sandbox", "mastodon", now),
    ]
    proc = start_daemon(home, home / "daemon.log")
    try:
        wait_for("both requests to go out", lambda: all(store.post_attempts(i) for i in ids))
        claimed = max(store.get_post(i).updated_at or now for i in ids)
        # Past the first lease while the daemon still waits for the platform: renewed, so
        # not reported.
        time.sleep(max(0.0, (claimed + timedelta(seconds=1.5 * lease) - utcnow()).total_seconds()))
        alive = run_cli(home, "status", "--json")
        assert proc.poll() is None, (home / "daemon.log").read_text()[-2000:]
        assert json.loads(alive.stdout)["stuck"] == [], alive.stdout
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        killed = utcnow()
        # One lease after the kill no renewal can have outlived it: status must fire now.
        time.sleep(max(0.0, (killed + timedelta(seconds=lease) - utcnow()).total_seconds()))
        dead = run_cli(home, "status", "--json")
    finally:
        stop(proc)
        store.close()
    assert dead.returncode == 1, dead.stdout + dead.stderr
    data = json.loads(dead.stdout)
    assert data["stuck"] == sorted(ids)
    owner = f"{socket.gethostname()}:{proc.pid}"
    named = [p for p in data["problems"] if "tertahan di status 'publishing'" in p]
    assert len(named) == 2 and all(owner in p for p in named), data["problems"]


def remove_account_in_place(path: Path, name: str) -> None:
    """Drop an account from sosmed.toml keeping the file's size and modification time, so
    that only SIGHUP (not the daemon's look at the file) can tell that it changed."""
    before = path.stat()
    config = tomllib.loads(path.read_text())
    config["accounts"] = [a for a in config["accounts"] if a["name"] != name]
    body = tomli_w.dumps(config).encode()
    pad = before.st_size - len(body) - 3
    assert pad >= 0
    tmp = path.with_suffix(".new")
    tmp.write_bytes(body + b"\n#" + b"-" * pad + b"\n")
    os.utime(tmp, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(tmp, path)
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.slow
def test_sighup_after_an_account_is_removed_stops_its_posts(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start()
    tune_config(home, {"publish_every_seconds": 0.5, "reconcile_after_seconds": 0}, timeout=10)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    log = home / "daemon.log"
    proc = start_daemon(home, log)
    try:
        # Both accounts publish, so the daemon holds a client for the one about to go.
        first = [
            due_post(store, "mastodon_sandbox", "mastodon", utcnow()),
            due_post(store, "x_sandbox", "x", utcnow()),
        ]
        wait_for(
            "the first posts", lambda: all(store.get_post(i).status == "published" for i in first)
        )
        remove_account_in_place(settings.config_path, "mastodon_sandbox")
        proc.send_signal(signal.SIGHUP)
        wait_for("the reload", lambda: "konfigurasi dimuat ulang (SIGHUP)" in log.read_text())
        now = utcnow()
        # The removed account's post falls due first: had it been claimable, it would have
        # been taken no later than the kept account's.
        removed = due_post(store, "mastodon_sandbox", "mastodon", now - timedelta(seconds=1))
        kept = due_post(store, "x_sandbox", "x", now)
        wait_for("the kept account's post", lambda: store.get_post(kept).status == "published")
        assert proc.poll() is None, log.read_text()[-2000:]
        status = run_cli(home, "status", "--json")
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(30)
        store.close()
    assert proc.returncode == 0, log.read_text()[-2000:]
    post = store.get_post(removed)
    assert post.status == "scheduled" and post.fence == 0, (post.status, post.fence)
    assert store.post_attempts(removed) == []  # never claimed, never sent
    assert not [e for e in sb.ledger() if str(e["text"]).strip() == post.text.strip()]
    assert status.returncode == 1 and json.loads(status.stdout)["held"] == [removed]
