"""``sosmed status`` names the posts a person must look at: a dead daemon's post left in
``publishing``, and scheduled posts of an account removed from sosmed.toml."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.models import utcnow
from sosmed.store import Store


def office(home: Path) -> Store:
    settings = write_config(home, {"accounts": [{"name": "x_humas", "platform": "x"}]})
    return Store.open_url(settings.database_url)


def test_a_dead_daemons_post_is_named_and_status_fails(home: Path) -> None:
    store = office(home)
    now = utcnow()
    stuck = add_post(
        store,
        status="publishing",
        lease_owner="kantor-humas:4242",
        lease_until=now - timedelta(seconds=5),
        updated_at=now - timedelta(minutes=3),
        fence=1,
    )
    r = run_cli(home, "status")
    assert r.returncode == 1, r.stdout + r.stderr
    line = " ".join(r.stderr.split())  # the console may wrap a long line
    assert f"post {stuck} (x_humas) tertahan di status 'publishing' sejak" in line
    assert "(kantor-humas:4242) tidak hidup lagi" in line and "'sosmed daemon'" in line
    assert "WIB" in line  # the office's time, not UTC
    data = json.loads(run_cli(home, "status", "--json").stdout)
    assert data["stuck"] == [stuck] and data["needs_person"] is True


def test_a_post_under_a_live_lease_is_not_reported(home: Path) -> None:
    store = office(home)
    now = utcnow()
    add_post(
        store,
        status="publishing",
        lease_owner="kantor-humas:4242",
        lease_until=now + timedelta(minutes=2),
        updated_at=now,
        fence=1,
    )
    r = run_cli(home, "status", "--json")
    assert r.returncode == 0, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["stuck"] == [] and data["problems"] == []


def test_scheduled_posts_of_a_removed_account_are_held(home: Path) -> None:
    store = office(home)
    later = utcnow() + timedelta(hours=2)
    held = [add_post(store, "x_lama", status="scheduled", scheduled_at=later) for _ in range(2)]
    kept = add_post(store, status="scheduled", scheduled_at=later)
    add_post(store, "x_lama", status="published")  # done: nothing to hold
    r = run_cli(home, "status")
    assert r.returncode == 1, r.stdout + r.stderr
    line = " ".join(r.stderr.split())
    assert f"2 post terjadwal (id {held[0]}, {held[1]}) ditahan" in line
    assert "akun 'x_lama' tidak ada lagi di sosmed.toml" in line
    data = json.loads(run_cli(home, "status", "--json").stdout)
    assert data["held"] == held and kept not in data["held"]
