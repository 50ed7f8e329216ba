"""``sosmed daemon --once`` on a database it cannot use: one line, exit 3 (as for config)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text
from tests.support.cli import run_cli
from tests.support.config import write_config

from sosmed.store import Store


def test_once_on_a_database_without_its_tables_says_so_in_one_line(home: Path) -> None:
    settings = write_config(home, {"accounts": [{"name": "x_humas", "platform": "x"}]})
    store = Store.open_url(settings.database_url)
    with store.engine.begin() as conn:
        conn.execute(text("DROP TABLE post"))
    store.close()
    r = run_cli(home, "daemon", "--once")
    assert r.returncode == 3, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr  # no traceback, no SQL
    assert lines[0].startswith("kesalahan: basis data di sqlite:///")
    assert "no such table: post" in lines[0] and "daemon berhenti" in lines[0]
