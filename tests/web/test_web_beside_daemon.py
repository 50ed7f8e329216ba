"""The workspace beside a running daemon, on SQLite and on PostgreSQL: the daemon's heartbeat
shows on Status, and pages read and people are added by several browsers at once while the
daemon writes, without a lock error."""

from __future__ import annotations

import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.support.config import write_config
from tests.support.daemon import start_daemon, wait_for
from tests.support.webapp import PASSWORD, start_workspace

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]


@pytest.mark.parametrize("db", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_pages_while_the_daemon_runs(db: str, home: Path, request: pytest.FixtureRequest) -> None:
    config: dict[str, object] = {"allow_private_hosts": True}
    if db == "postgres":
        config["database_url"] = request.getfixturevalue("pg_schema_url")
    settings = write_config(home, config)
    daemon = start_daemon(home, home.parent / "daemon.log")
    try:
        with start_workspace(settings) as ws:
            admin = ws.login("admin")
            wait_for(
                "the daemon's heartbeat on Status",
                lambda: "belum pernah" not in admin.get("/status").text,
                seconds=60,
                every=0.5,
            )
            readers = [ws.login("staf") for _ in range(3)]

            def read(i: int) -> list[int]:
                client = readers[i % len(readers)]
                return [client.get(p).status_code for p in ("/status", "/log", "/log.csv")]

            with ThreadPoolExecutor(6) as pool:
                adds = [
                    pool.submit(
                        admin.post,
                        "/orang",
                        data={"name": f"Orang {i}", "role": "staf", "password": PASSWORD},
                    )
                    for i in range(3)
                ]
                answers = list(pool.map(read, range(12)))
            assert all(code == 200 for codes in answers for code in codes), answers
            assert [a.result().status_code for a in adds] == [303, 303, 303]
            names = {p.name for p in ws.office.store.people()}
            assert {"Orang 0", "Orang 1", "Orang 2"} <= names
            assert daemon.poll() is None  # the daemon ran on beside it all along
    finally:
        daemon.terminate()
        try:
            daemon.wait(timeout=30)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
    assert daemon.returncode == 0, (home.parent / "daemon.log").read_text()[-2000:]
