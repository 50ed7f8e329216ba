"""`sosmed demo`, the README's first command: the whole job on a fresh home and the sandbox."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from support.cli import run_cli


def test_demo_publishes_one_post_per_platform_and_leaves_the_log(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    done = run_cli(tmp_path / "unused", "demo", "--dir", str(home), "--no-keep", timeout=180)

    assert done.returncode == 0, done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    with sqlite3.connect(home / "sosmed.db") as db:
        rows = db.execute("SELECT platform, status, approved_by FROM post ORDER BY id").fetchall()
        sent = db.execute("SELECT count(*) FROM attempt WHERE outcome = 'published'").fetchone()
    assert sorted(r[0] for r in rows) == sorted(
        ["x", "facebook", "instagram", "telegram", "mastodon", "bluesky", "threads"]
    )
    assert {r[1] for r in rows} == {"published"}
    assert {r[2] for r in rows} == {"demo"}
    assert sent == (7,)  # once each, never twice
    page = (home / "sandbox.html").read_text(encoding="utf-8")
    assert "Adminduk Keliling" in page


def test_demo_refuses_a_folder_that_is_not_a_demo_home(tmp_path: Path) -> None:
    (tmp_path / "laporan.txt").write_text("milik orang lain\n")
    done = run_cli(tmp_path / "unused", "demo", "--dir", str(tmp_path), "--no-keep")
    assert done.returncode == 2
    assert (tmp_path / "laporan.txt").read_text() == "milik orang lain\n"
    assert not (tmp_path / "sosmed.db").exists()
