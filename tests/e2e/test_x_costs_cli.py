"""X costs as a person meets them at the terminal: with a budget of $1 and posts with links,
the daemon sends five and holds the sixth with the budget's reason; `status`, `log --spend`,
the monthly report and `preview` say what was spent and what a post costs."""

from __future__ import annotations

import json
import subprocess
import tomllib
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
import tomli_w
from tests.support.cli import run_cli
from tests.support.posts import due_post
from tests.support.world import sandbox_world

from sosmed.costs import HELD_BUDGET
from sosmed.models import Post, utcnow
from sosmed.store import Store


def run_id(home: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The command in Indonesian, whatever the machine's locale."""
    return run_cli(home, *args, env={"SOSMED_LANG": "id"}, timeout=timeout)


def with_budget(home: Path, budget: object) -> None:
    config = tomllib.loads((home / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["options"] = {"monthly_budget_usd": budget}
    (home / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())


def x_post(store: Store, text: str) -> int:
    pid = due_post(store, "x_sandbox", "x", utcnow() - timedelta(minutes=1))
    with store.session() as s:
        post = s.get(Post, pid)
        assert post is not None
        post.text = text
    return pid


@pytest.mark.slow
def test_the_sixth_post_with_a_link_is_held_and_every_view_tells_the_spend(
    tmp_path: Path,
) -> None:
    with sandbox_world(tmp_path) as (_, store, _sb):
        with_budget(tmp_path, 1)
        tag = uuid.uuid4().hex[:6]
        ids = [x_post(store, f"Berita {i} {tag} https://pemkab.go.id/b/{i}") for i in range(6)]
        daemon = run_id(tmp_path, "daemon", "--once", timeout=120)
        assert daemon.returncode == 0, daemon.stderr
        statuses = [store.get_post(i).status for i in ids]
        assert statuses == ["published"] * 5 + ["scheduled"]
        assert (store.get_post(ids[5]).last_error or "").startswith(HELD_BUDGET)

        status = run_id(tmp_path, "status")
        assert status.returncode == 1  # a person must raise the budget or wait
        said = status.stdout + status.stderr
        assert f"(id {ids[5]}) {HELD_BUDGET}" in said
        assert "options.monthly_budget_usd" in said and "$1.00 dari $1.00" in said
        assert "sosmed accounts budget x_sandbox JUMLAH" in said
        health = json.loads(run_id(tmp_path, "status", "--json").stdout)
        assert health["held_by_budget"] == [ids[5]]
        assert health["spend_usd"]["x_sandbox"] == {"spent": 1.0, "budget": 1.0}

        config = tmp_path / "sosmed.toml"
        config.write_text("# disusun Humas\n" + config.read_text())
        raised = run_id(tmp_path, "accounts", "budget", "x_sandbox", "2.50")
        assert raised.returncode == 0, raised.stderr
        assert "$2.50" in raised.stdout and config.read_text().startswith("# disusun Humas\n")
        health = json.loads(run_id(tmp_path, "status", "--json").stdout)
        assert health["spend_usd"]["x_sandbox"] == {"spent": 1.0, "budget": 2.5}
        assert run_id(tmp_path, "accounts", "budget", "x_sandbox", "banyak").returncode == 2
        assert run_id(tmp_path, "accounts", "budget", "telegram_sandbox", "5").returncode == 2
        assert "monthly_budget_usd = 2.5" in config.read_text()
        run_id(tmp_path, "accounts", "budget", "x_sandbox", "1")

        spend = run_id(tmp_path, "log", "--spend")
        assert spend.returncode == 0, spend.stderr
        lines = spend.stdout.splitlines()
        assert any("posting bertautan" in ln and " 5 " in ln and "$1.00" in ln for ln in lines)
        assert any("total" in ln and "$1.00 dari $1.00" in ln for ln in lines)
        assert max(len(ln) for ln in lines) <= 80

        out = tmp_path / "laporan.html"
        report = run_id(tmp_path, "report", "--out", str(out))
        assert report.returncode == 0, report.stderr
        html = out.read_text()
        assert 'data-table="spend"' in html and "x_sandbox" in html
        assert "$1.00" in html and "2026-02-06" in html

        held = run_id(tmp_path, "preview", str(ids[5]))
        assert "harga di X: $0.20" in held.stdout
        plain = x_post(store, f"Tanpa tautan {tag}")
        assert "harga di X: $0.015" in run_id(tmp_path, "preview", str(plain)).stdout
        as_json = json.loads(run_id(tmp_path, "preview", str(plain), "--json").stdout)
        assert as_json["price_usd"] == 0.015
        telegram = due_post(store, "telegram_sandbox", "telegram", utcnow())
        other = json.loads(run_id(tmp_path, "preview", str(telegram), "--json").stdout)
        assert other["price_usd"] is None
