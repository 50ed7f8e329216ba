"""The ways back through the installed command and a real daemon cycle: an approved post
edited is not published until approved again; a failed post is retried once its token is
renewed; unschedule, cancel and restore; the history and `status` name who and what to do."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.daemon import daemon_once
from tests.support.forked import run_forked
from tests.support.posts import due_post
from tests.support.world import sandbox_world

from sosmed.models import Attempt, utcnow
from sosmed.store import Store

ACCOUNT = "mastodon_sandbox"
REPO = Path(__file__).resolve().parents[2]


def _ok(home: Path, *args: str) -> str:
    done = run_cli(home, *args)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_edited_words_wait_for_a_new_approval(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with sandbox_world(home, {"staff": ["Siti", "Budi"]}) as (_settings, store, sb):
        pid = due_post(store, ACCOUNT, "mastodon", utcnow() - timedelta(seconds=1))
        old = store.get_post(pid).text
        new = "Jembatan Sungai Alam dibuka untuk umum mulai Senin #Bengkalis"
        said = _ok(home, "edit", str(pid), "--text", new, "--by", "budi")
        assert said.strip() == f"post {pid} kembali ke draf; perlu disetujui lagi"
        assert daemon_once(home).returncode == 0
        assert store.get_post(pid).status == "draft"
        assert sb.ledger.entries == []  # nobody approved these words: nothing went out
        _ok(home, "approve", str(pid), "--by", "SITI")
        store.schedule_now(pid, "Siti", utcnow())
        assert daemon_once(home).returncode == 0
        post = store.get_post(pid)
        assert (post.status, post.approved_by) == ("published", "Siti")
        assert [e["text"].strip() for e in sb.ledger.entries] == [new]
        steps = [(h.actor, h.action) for h in store.post_history(pid)]
        assert steps.index(("Budi", "edit")) < steps.index(("Siti", "approve"))
        assert steps[-1][1] == "attempt:publish" and old != new


def _forked(home: Path, where: Path, *commands: tuple[str, ...]) -> list[dict[str, Any]]:
    """The command lines run one after another on ``home``, each the installed command in a
    fork of one process that imported it once (tests/support/forkcli.py)."""
    cases = [
        {"args": list(c), "cwd": str(home), "env": {"SOSMED_HOME": str(home)}} for c in commands
    ]
    return run_forked(cases, where)


def _failed_post(store: Store, account: str) -> int:
    """A post the platform refused for its token, as the daemon leaves it."""
    pid = due_post(store, account, "mastodon", utcnow() - timedelta(hours=1))
    with store.session() as s:
        post = store.get_post(pid)
        post.status, post.attempts = "failed", 1
        post.last_error = "AuthError: 401 The access token is invalid"
        s.add(post)
        s.add(
            Attempt(
                post_id=pid,
                account=account,
                platform="mastodon",
                fence=post.fence,
                worker="daemon",
                started_at=utcnow() - timedelta(hours=1),
                finished_at=utcnow() - timedelta(hours=1),
                outcome="failed",
                error_class="AuthError",
                message=post.last_error,
            )
        )
    return pid


def test_the_ways_back_and_their_exit_codes(tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = write_config(home, {"accounts": [{"name": "masto", "platform": "mastodon"}]})
    store = Store.open_url(settings.database_url)
    failed = _failed_post(store, "masto")
    later = due_post(store, "masto", "mastodon", utcnow() + timedelta(hours=2))
    approved = due_post(store, "masto", "mastodon", utcnow() + timedelta(hours=3))
    old = store.get_post(approved).text
    p, q, r = str(failed), str(later), str(approved)
    answers = _forked(
        home,
        tmp_path,
        ("status",),
        ("retry", p, "--by", "Siti"),
        ("unschedule", q),
        ("cancel", q, "--by", "Siti"),
        ("schedule", q, "--at", "now"),
        ("restore", q, "--by", "Siti"),
        ("edit", r, "--text", "Jembatan dibuka hari ini #Bengkalis", "--by", "Budi"),
        ("posts", "--history", q, "--json"),
        ("posts", "--history", r),
    )
    codes = [a["code"] for a in answers]
    assert codes == [1, 0, 0, 0, 1, 0, 0, 0, 0], answers
    status, _, _, _, scheduled, _, edited, history, table = answers
    assert (
        f"post {p} gagal: token ditolak — perbarui token, lalu: sosmed retry {p} --by NAMA"
        in status["stderr"]
    )
    assert f"sosmed restore {q}" in scheduled["stderr"]
    post = store.get_post(failed)
    assert (post.status, post.attempts, len(store.post_attempts(failed))) == ("scheduled", 0, 1)
    restored = store.get_post(later)
    assert (restored.status, restored.approved_by, restored.scheduled_at) == ("draft", None, None)
    steps = json.loads(history["stdout"])
    assert [h["action"] for h in steps] == ["unschedule", "cancel", "restore"]
    assert steps[-1]["what"] == "dikembalikan ke draf: dibatalkan → draf"
    assert edited["stdout"].strip() == f"post {r} kembali ke draf; perlu disetujui lagi"
    assert (store.get_post(approved).status, store.get_post(approved).scheduled_at) == (
        "draft",
        None,
    )
    [line] = [x for x in table["stdout"].splitlines() if "Budi" in x]
    assert "WIB" in line and "diubah" in line and "→" in line
    assert old.split()[0] in line and "Jembatan" in line
    store.close()
