"""``sosmed schedule`` and ``sosmed queue`` through the installed command."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.store import Store

TEXT = "Bupati Bengkalis meresmikan jembatan baru di Desa Sungai Alam, Senin pagi. [foto]"


def office(home: Path, timezone: str = "Asia/Jakarta", quiet: bool = True) -> Store:
    slots: dict[str, Any] = {"times": ["08:00", "12:00"], "daily_cap": 2}
    if quiet:
        slots["quiet_hours"] = "22:00-06:00"
    settings = write_config(
        home,
        {
            "timezone": timezone,
            "accounts": [
                {"name": "x_humas", "platform": "x", "slots": slots},
                {"name": "tg_humas", "platform": "telegram", "slots": slots},
            ],
        },
    )
    return Store.open_url(settings.database_url)


def json_out(result: Any) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_schedule_then_queue(home: Path) -> None:
    store = office(home)
    a, b = add_post(store, text=TEXT), add_post(store, text=TEXT)
    c = add_post(store, "tg_humas", "telegram", text=TEXT)
    store.close()
    done = run_cli(home, "schedule", str(a), "--at", "2030-01-07 08:30")
    assert done.returncode == 0, done.stderr
    assert f"post {a} (x_humas, x) dijadwalkan pada 2030-01-07 08:30 WIB" in done.stdout
    slotted = json_out(
        run_cli(
            home, "schedule", str(b), str(c), "--next-slot", "--at", "2030-01-07 07:00", "--json"
        )
    )
    # b keeps 60 minutes from a (08:30), so 08:00 is out: 12:00. c's account is free at 08:00.
    assert [p["due_at"] for p in slotted] == [
        "2030-01-07T12:00:00+07:00",
        "2030-01-07T08:00:00+07:00",
    ]
    table = run_cli(home, "queue", env={"COLUMNS": "80"})
    assert table.returncode == 0, table.stderr
    lines = [line for line in table.stdout.splitlines() if "2030-01-07" in line]
    assert [line.split()[:3] for line in lines] == [
        [str(c), "2030-01-07", "08:00"],
        [str(a), "2030-01-07", "08:30"],
        [str(b), "2030-01-07", "12:00"],
    ]
    assert "WIB" in lines[0] and "tg_humas" in lines[0] and "telegram" in lines[0]
    assert "  Bupati Bengkalis meres" in lines[1] and lines[1].endswith("…")
    assert "[foto]" not in table.stdout  # cut to the 80 columns
    assert max(len(line) for line in table.stdout.splitlines()) <= 80
    queued = json_out(run_cli(home, "queue", "--json"))
    assert [(q["id"], q["status"], q["due_local"]) for q in queued] == [
        (c, "scheduled", "2030-01-07 08:00 WIB"),
        (a, "scheduled", "2030-01-07 08:30 WIB"),
        (b, "scheduled", "2030-01-07 12:00 WIB"),
    ]
    assert queued[0]["text"] == TEXT


def test_default_is_the_next_slot(home: Path) -> None:
    store = office(home, "Asia/Makassar")
    pid = add_post(store)
    store.close()
    [post] = json_out(run_cli(home, "schedule", str(pid), "--json"))
    due = datetime.fromisoformat(post["due_at"])
    assert due > datetime.now(UTC)
    assert post["due_local"].endswith(("08:00 WITA", "12:00 WITA"))
    assert due.utcoffset() is not None and due.utcoffset().total_seconds() == 8 * 3600


def test_rules_refuse_and_force_overrides(home: Path) -> None:
    store = office(home)
    pid = add_post(store)
    store.close()
    quiet = run_cli(home, "schedule", str(pid), "--at", "2030-01-07 23:00")
    assert quiet.returncode == 2
    assert "jam tenang 22:00-06:00" in quiet.stderr and "--force" in quiet.stderr
    assert len(quiet.stderr.strip().splitlines()) == 1
    forced = run_cli(home, "schedule", str(pid), "--at", "2030-01-07 23:00", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "jam tenang" in forced.stderr
    assert "2030-01-07 23:00 WIB" in forced.stdout


def test_refusals(home: Path) -> None:
    store = office(home)
    draft, ok = add_post(store, status="draft"), add_post(store)
    store.close()
    refused = run_cli(home, "schedule", str(draft), "--at", "2030-01-07 09:00")
    assert refused.returncode != 0
    assert f"post {draft} masih draf: setujui dulu" in refused.stderr
    past = run_cli(home, "schedule", str(ok), "--at", "2020-01-01 08:00")
    assert past.returncode == 2 and "sudah lewat; pakai --at now" in past.stderr


def test_now_and_the_empty_queue(home: Path) -> None:
    store = office(home, quiet=False)
    pid = add_post(store)
    store.close()
    empty = run_cli(home, "queue")
    assert empty.returncode == 0
    assert "antrean kosong" in empty.stdout and "sosmed schedule" in empty.stdout
    before = datetime.now(UTC)
    [post] = json_out(run_cli(home, "schedule", str(pid), "--at", "now", "--json"))
    due = datetime.fromisoformat(post["due_at"])
    assert before - timedelta(seconds=1) <= due <= datetime.now(UTC)
