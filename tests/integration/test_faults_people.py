"""A government account never posts twice, and never late — with daemons paused, killed and
restarted as an operator (or a tired machine) would: real `sosmed daemon` and `sosmed sandbox`
processes, checked against the sandbox's ledger and the attempt log.

- A daemon paused (SIGSTOP) past its lease in the middle of a Facebook post's photo uploads,
  again and again, beside a second daemon on PostgreSQL: the other one sweeps the post, the
  paused one, resumed, finds its claim gone before the creating request and sends nothing.
- A daemon killed right after arming a post, restarted after max_lateness: the post is read
  back (Facebook, X) and becomes missed, never sent; Telegram cannot be read back, so it goes
  to a person, whose `resolve --not-published` makes it missed.
- The only daemon killed with posts in flight: `sosmed status` names them within one lease.

Deadlines are derived from the configured lease and time-outs and every wait polls, so a
loaded machine only makes the tests slower. Waits longer than a test can afford (hours of
lateness, the sweep's grace) are skipped by moving times in the database, as time would.
"""

from __future__ import annotations

import json
import re
import signal
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text as sql
from sqlmodel import Session, select
from tests.support.cli import run_cli
from tests.support.daemon import daemon_once, settle, start_daemon, wait_for
from tests.support.images import photo_entry
from tests.support.posts import due_post, posts_by_id
from tests.support.sandbox_process import SandboxProcess, tune_config

from sosmed.models import Attempt, Post, utcnow
from sosmed.publish.sending import sweep_grace
from sosmed.sandbox.app import build
from sosmed.settings import Settings
from sosmed.store import Store

ACCOUNT = {p: f"{p}_sandbox" for p in ("x", "facebook", "telegram", "mastodon", "bluesky")}


# Helpers


def attempts_of(store: Store, post_id: int | None = None) -> list[Attempt]:
    with Session(store.engine) as s:
        q = select(Attempt).order_by(Attempt.id)  # type: ignore[arg-type]
        if post_id is not None:
            q = q.where(Attempt.post_id == post_id)
        return list(s.exec(q).all())


def attempt_log(store: Store, post_id: int) -> str:
    """The post's attempts, one a line, for a failure message."""
    return "\n".join(
        f"  #{a.id} {a.kind} fence={a.fence} {a.worker} {a.started_at:%H:%M:%S.%f}→"
        f"{a.finished_at and f'{a.finished_at:%H:%M:%S.%f}'} {a.outcome} "
        f"{a.error_class or ''} {a.remote_id or ''} {a.message or ''}"
        for a in attempts_of(store, post_id)
    )


def worker_of(proc: subprocess.Popen[bytes]) -> str:
    """The daemon's worker name, as its leases and attempts carry it."""
    return f"{socket.gethostname()}:{proc.pid}"


def end(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGCONT)  # a stopped process cannot act on SIGTERM
        proc.send_signal(sig)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


def ledger_for(ledger: list[dict[str, Any]], post: Post) -> list[dict[str, Any]]:
    return [e for e in ledger if str(e["text"]).strip() == post.text.strip()]


def set_slow(sb: SandboxProcess, rules: list[str]) -> None:
    r = requests.post(sb.url + "/_faults", json={"slow": rules}, timeout=10)
    r.raise_for_status()


# The sandbox's slow requests


def test_sandbox_slow_rule_holds_only_the_requests_it_names() -> None:
    sb = build(slow=["POST .*/photos=0.6"]).start()
    try:
        started = time.monotonic()
        requests.post(sb.base_url + "/v23.0/1/photos", timeout=10)
        held = time.monotonic() - started
        started = time.monotonic()
        requests.post(sb.base_url + "/v23.0/1/feed", timeout=10)
        requests.get(sb.base_url + "/v23.0/1/photos", timeout=10)
        free = time.monotonic() - started
        r = requests.post(sb.base_url + "/_faults", json={"slow": ["photos=x"]}, timeout=10)
        assert r.status_code == 400 and "photos=x" in r.json()["error"]
        requests.post(sb.base_url + "/_faults", json={"slow": []}, timeout=10).raise_for_status()
        started = time.monotonic()
        requests.post(sb.base_url + "/v23.0/1/photos", timeout=10)
        lifted = time.monotonic() - started
    finally:
        sb.stop()
    assert held >= 0.6 and free < 0.6 and lifted < 0.6, (held, free, lifted)


# 1. A daemon paused past its lease during a photo upload, beside another on PostgreSQL

PAUSE_LEASE = 3  # seconds
PAUSE_TIMEOUT = 3.0  # each account's request time-out: longer than one slow upload
UPLOAD = 0.5  # each Facebook photo upload takes this long (two photos a post)
PAUSES = 6
PAUSE_POSTS = 30
# Two posts fall due together every so many seconds: each daemon takes one (so the one to be
# paused keeps getting posts), and the daemon left alone while the other is paused sends both
# with time to spare for its sweep (which runs at the start of a poll, not between the posts
# of a backlog).
PAUSE_EVERY = 3.0


def uploading(store: Store, worker: str, skip: set[tuple[int, int]]) -> tuple[int, int] | None:
    """A post ``worker`` holds with its publish attempt armed and unfinished: after arming,
    the Facebook client uploads the photos, then confirms its claim, then creates the post."""
    with store.engine.connect() as c:
        row = c.execute(
            sql(
                "SELECT p.id, p.fence FROM post p JOIN attempt a "
                "ON a.post_id = p.id AND a.fence = p.fence "
                "WHERE p.status = 'publishing' AND p.lease_owner = :w AND a.worker = :w "
                "AND a.kind = 'publish' AND a.finished_at IS NULL ORDER BY a.id"
            ),
            {"w": worker},
        ).all()
    return next(((pid, fence) for pid, fence in row if (pid, fence) not in skip), None)


def swept(store: Store, post_id: int, fence: int) -> bool:
    """Another worker took the post away from the paused one (the sweep moved its fence)."""
    post = store.get_post(post_id)
    return post.fence != fence or post.status != "publishing"


@pytest.mark.slow
@pytest.mark.postgres
def test_daemon_paused_past_its_lease_mid_upload_never_posts_twice(
    sandbox_home: tuple[Path, Callable[..., SandboxProcess]], pg_schema_url: str
) -> None:
    home, start = sandbox_home
    sb = start(slow=(f"POST .*/photos={UPLOAD}",))
    daemon = {
        "lease_seconds": PAUSE_LEASE,
        "publish_every_seconds": 1,
        "batch": 1,  # a paused daemon holds one post, not a queue's worth
        "max_attempts": 8,
        "reconcile_after_seconds": 0,
    }
    tune_config(home, daemon, timeout=PAUSE_TIMEOUT, database_url=pg_schema_url)
    settings = Settings.load(home)
    grace = sweep_grace(settings).total_seconds()
    # Paused past the lease, and for less than the sweep's grace: the resumed daemon's request
    # (were it already past its confirmation) would still land before anyone reads back.
    pause_cap = min(grace - 3, PAUSE_LEASE + 10)
    assert pause_cap > PAUSE_LEASE + 2, (grace, pause_cap)
    store = Store.open_url(settings.database_url)
    photos = [photo_entry(home, sb.url, f"uji{i}.jpg") for i in range(2)]
    first = utcnow() + timedelta(seconds=2)
    due = [first + timedelta(seconds=PAUSE_EVERY * (i // 2)) for i in range(PAUSE_POSTS)]
    ids = [due_post(store, ACCOUNT["facebook"], "facebook", at, photos=photos) for at in due]

    victim_log, other_log = home / "victim.log", home / "other.log"
    victim = start_daemon(home, victim_log)
    other = start_daemon(home, other_log)
    victim_worker = worker_of(victim)
    pauses: list[tuple[int, bool, float]] = []  # post, swept while paused, seconds paused
    seen: set[tuple[int, int]] = set()
    try:
        loop_end = time.monotonic() + (due[-1] - utcnow()).total_seconds()
        while len([p for p in pauses if p[1]]) < PAUSES and time.monotonic() < loop_end:
            held = uploading(store, victim_worker, seen)
            if held is None:
                assert victim.poll() is None and other.poll() is None, "a daemon died"
                time.sleep(0.05)
                continue
            seen.add(held)
            victim.send_signal(signal.SIGSTOP)
            stopped = time.monotonic()
            try:
                gone = False
                while time.monotonic() - stopped < pause_cap:
                    if time.monotonic() - stopped > PAUSE_LEASE and swept(store, *held):
                        gone = True
                        break
                    time.sleep(0.1)
            finally:
                victim.send_signal(signal.SIGCONT)
            pauses.append((held[0], gone, time.monotonic() - stopped))
        assert victim.poll() is None, victim_log.read_text()[-3000:]
        assert other.poll() is None, other_log.read_text()[-3000:]
    finally:
        end(victim)
        end(other)
    assert victim.returncode == 0, victim_log.read_text()[-3000:]
    assert other.returncode == 0, other_log.read_text()[-3000:]

    # The posts not yet due are brought forward (`sosmed schedule` would do the same).
    with store.engine.begin() as c:
        c.execute(
            sql(
                "UPDATE post SET scheduled_at = :now "
                "WHERE status = 'scheduled' AND scheduled_at > :now"
            ),
            {"now": utcnow()},
        )

    set_slow(sb, [])  # the drain need not wait on uploads
    settle(home, store, rounds=12)

    ledger = sb.ledger()
    posts = posts_by_id(store)
    report = {pid: attempt_log(store, pid) for pid, *_ in pauses}
    by_text = Counter(str(e["text"]).strip() for e in ledger)
    twice = [i for i, p in posts.items() if by_text[p.text.strip()] > 1]
    assert not twice, "posted twice:\n" + "\n".join(attempt_log(store, i) for i in twice)
    statuses = Counter(p.status for p in posts.values())
    for p in posts.values():
        assert p.status in ("published", "needs_review"), (
            p.id,
            p.status,
            attempt_log(store, p.id or 0),
        )
        if p.status == "published":
            (entry,) = ledger_for(ledger, p)
            assert entry["remote_id"] == p.remote_id and len(entry["images"]) == 2, entry
        else:
            assert p.last_error, f"post {p.id} needs review without a reason"
            assert len(ledger_for(ledger, p)) <= 1
    assert sorted(posts) == sorted(ids)

    # The pauses happened as meant: past the lease, the post swept by the other daemon, and
    # the resumed daemon stopped before the creating request.
    swept_pauses = [p for p in pauses if p[1]]
    lost = {
        int(m)
        for m in re.findall(r"post (\d+): post \1: the claim .* moved on", victim_log.read_text())
    }
    print("pauses", pauses, "claims lost", sorted(lost), "statuses", dict(statuses))
    if swept_pauses:
        print(f"post {swept_pauses[0][0]}:", report[swept_pauses[0][0]], sep="\n")
    assert len(swept_pauses) >= PAUSES // 2, (pauses, report)
    assert len(lost & {pid for pid, *_ in swept_pauses}) >= max(1, len(swept_pauses) // 2), (
        pauses,
        lost,
        victim_log.read_text()[-3000:],
    )
    for pid in lost:  # what reached the platform came from a later claim, never the lost one
        tries = attempts_of(store, pid)
        stale = [a for a in tries if a.worker == victim_worker and a.outcome == "stale"]
        assert stale and not any(a.remote_id for a in stale), attempt_log(store, pid)
        if posts[pid].status == "published":
            (sent,) = [a for a in tries if a.remote_id == posts[pid].remote_id]
            assert sent.fence > max(a.fence for a in stale), attempt_log(store, pid)
    store.close()


# 2. Killed after arming, restarted after max_lateness: missed, never sent


@pytest.mark.slow
@pytest.mark.parametrize("platform", ["facebook", "x", "telegram"])
def test_killed_after_arming_and_restarted_too_late_is_missed_not_sent(
    sandbox_home: tuple[Path, Callable[..., SandboxProcess]], platform: str
) -> None:
    home, start = sandbox_home
    sb = start()
    lease = 2
    tune_config(
        home,
        {
            "lease_seconds": lease,
            "workers": 1,
            "max_lateness_hours": 6,
            "reconcile_after_seconds": 0,
        },
        timeout=1.0,
    )
    settings = Settings.load(home)
    grace = sweep_grace(settings)
    store = Store.open_url(settings.database_url)
    pid = due_post(store, ACCOUNT[platform], platform, utcnow())

    crashed = daemon_once(home, env={"SOSMED_CRASHPOINT": "after_arm"})
    assert crashed.returncode == -signal.SIGKILL, crashed.stderr[-2000:]
    post = store.get_post(pid)
    assert post.status == "publishing" and post.attempts == 1, attempt_log(store, pid)
    assert sb.ledger() == []

    # The machine stays down past max_lateness: seven hours later, as far as the post knows.
    with Session(store.engine) as s:
        row = s.get(Post, pid)
        assert row is not None
        row.scheduled_at = utcnow() - timedelta(hours=7)
        s.add(row)
        s.commit()
    lease_until = post.lease_until
    assert lease_until is not None
    wait_for("the dead daemon's lease to run out", lambda: utcnow() > lease_until, lease + 5)

    # Restarted: the sweep cannot know whether the armed request went out → in doubt, read
    # back only after the grace.
    r = daemon_once(home)
    assert r.returncode == 0, r.stderr[-2000:]
    post = store.get_post(pid)
    assert post.status == "in_doubt", attempt_log(store, pid)
    assert post.next_try_at is not None and post.updated_at is not None
    assert post.next_try_at - post.updated_at == grace
    assert sb.ledger() == []

    with store.engine.begin() as c:  # the grace passes
        c.execute(sql("UPDATE post SET next_try_at = NULL WHERE id = :i"), {"i": pid})
    r = daemon_once(home)
    assert r.returncode == 0, r.stderr[-2000:]
    post = store.get_post(pid)
    if platform == "telegram":
        # No read-back: only a person who looked at the channel can say it is not there.
        assert post.status == "needs_review" and post.last_error, attempt_log(store, pid)
        resolved = run_cli(home, "resolve", str(pid), "--not-published", "--by", "siti")
        assert resolved.returncode == 0, resolved.stdout + resolved.stderr
        assert f"post {pid} sekarang terlewat" in resolved.stdout
        post = store.get_post(pid)
    assert post.status == "missed", attempt_log(store, pid)
    assert post.last_error and "terlewat" in post.last_error
    assert post.remote_id is None and post.published_at is None

    # Nothing sends it later either.
    r = daemon_once(home)
    assert r.returncode == 0, r.stderr[-2000:]
    assert store.get_post(pid).status == "missed"
    assert sb.ledger() == [], attempt_log(store, pid)
    tries = attempts_of(store, pid)
    assert [a.kind for a in tries].count("publish") == 1, attempt_log(store, pid)
    assert all(a.outcome != "published" and not a.remote_id for a in tries)
    assert any(a.outcome == "missed" for a in tries), attempt_log(store, pid)
    store.close()


# 3. The only daemon killed with posts in flight: status says so within one lease


@pytest.mark.slow
def test_status_names_posts_of_a_killed_daemon_within_a_lease(
    sandbox_home: tuple[Path, Callable[..., SandboxProcess]],
) -> None:
    home, start = sandbox_home
    hang = 30.0
    sb = start(faults="*:hang", hang_seconds=hang)
    lease = 4
    # The requests wait for the hang: the daemon is still sending when it is killed.
    tune_config(home, {"lease_seconds": lease, "publish_every_seconds": 1}, timeout=hang)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    now = utcnow()
    ids = sorted(
        due_post(store, ACCOUNT[p], p, now) for p in ("x", "facebook", "telegram", "mastodon")
    )
    log = home / "daemon.log"
    proc = start_daemon(home, log)
    try:
        wait_for("every platform to create its post and hang", lambda: len(sb.ledger()) == 4, 60)
        posts = posts_by_id(store)
        assert all(posts[i].status == "publishing" for i in ids), {i: posts[i].status for i in ids}
        claimed = max(posts[i].updated_at or now for i in ids)
        # Past the first lease with the daemon alive: renewed, not reported.
        wait_for(
            "one and a half leases",
            lambda: utcnow() > claimed + timedelta(seconds=1.5 * lease),
            3 * lease,
        )
        alive = run_cli(home, "status", "--json")
        assert proc.poll() is None, log.read_text()[-2000:]
        assert json.loads(alive.stdout)["stuck"] == [], alive.stdout
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
        killed = time.monotonic()

        def reported() -> subprocess.CompletedProcess[str] | None:
            r = run_cli(home, "status", "--json")
            data = json.loads(r.stdout) if r.stdout.strip().startswith("{") else {}
            return r if r.returncode != 0 and set(ids) <= set(data.get("stuck", [])) else None

        # One lease after the last renewal it is reported; the margin is for a slow `status`.
        dead = wait_for("status to report the stuck posts", reported, 2 * lease + 5, every=0.3)
        within = time.monotonic() - killed
    finally:
        end(proc, signal.SIGKILL)
        store.close()
    assert dead.returncode == 1, dead.stdout + dead.stderr
    data = json.loads(dead.stdout)
    assert data["stuck"] == ids and data["needs_person"] is True, data
    # The table names them; each problem line (stderr, wrapped by the terminal width) says
    # which daemon left it.
    text = run_cli(home, "status")
    assert text.returncode == 1
    row = next((ln for ln in text.stdout.splitlines() if "tertahan saat dikirim" in ln), "")
    assert row.split("dikirim", 1)[1].split() == [f"{i}," for i in ids[:-1]] + [str(ids[-1])]
    problems = " ".join(text.stderr.split()).split("perlu orang:")
    owner = worker_of(proc)
    for i in ids:
        named = [p for p in problems if p.strip().startswith(f"post {i} (")]
        assert len(named) == 1 and "'publishing'" in named[0] and owner in named[0], problems
    print(f"status reported the stuck posts {within:.1f} s after the kill (lease {lease} s)")
