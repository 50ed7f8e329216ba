"""Publishing under faults, crashes, several daemons and downtime — real processes, real files.

Each test runs `sosmed sandbox` and `sosmed daemon --once` as processes against a real SQLite
file (or the PostgreSQL server), then checks the sandbox's ledger: every post published exactly
once, or failed / needs_review with its reason; never twice; nothing left half-done. Backoff
waits are skipped by moving each post's next try to now between rounds (time passing), so the
figures below fit CI; benchmarks/reliability.py runs the full sizes.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import subprocess
import time
import uuid
from collections import Counter
from datetime import timedelta

import pytest
from sqlmodel import Session, select
from tests.support.cli import SOSMED, run_cli
from tests.support.daemon import daemon_once, settle
from tests.support.images import photo_entry
from tests.support.posts import posts_by_id
from tests.support.sandbox_process import tune_config

from sosmed.models import Article, Attempt, Post, utcnow
from sosmed.settings import Settings
from sosmed.store import Store

pytestmark = pytest.mark.slow
FAST = {"reconcile_after_seconds": 0, "lease_seconds": 30, "max_attempts": 6, "batch": 100}


def seed_posts(
    store: Store, settings: Settings, n: int, base_url: str, when: list | None = None
) -> list[int]:  # type: ignore[type-arg]
    photo = photo_entry(settings.home, base_url)
    accounts = settings.config.accounts
    now = utcnow()
    with Session(store.engine) as s:
        ids = []
        for i in range(n):
            acc = accounts[i % len(accounts)]
            if i % len(accounts) == 0:  # one post per account and article
                art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["Uji."])
                s.add(art)
                s.flush()
            s.add(
                p := Post(
                    article_id=art.id or 0,
                    account=acc.name,
                    platform=acc.platform,
                    text=f"Kabar Pemkab nomor {i} ({uuid.uuid4().hex[:8]}) #Uji",
                    photos=[photo] if acc.platform == "instagram" or i % 5 == 0 else [],
                    status="scheduled",
                    scheduled_at=when[i] if when else now,
                    approved_by="uji",
                    approved_at=now,
                )
            )
            s.flush()
            ids.append(p.id or 0)
        s.commit()
    return ids


def check_exactly_once(store: Store, ledger: list[dict[str, object]]) -> Counter[str]:
    posts = posts_by_id(store)
    by_text = Counter(str(e["text"]).strip() for e in ledger)
    dupes = {t: c for t, c in by_text.items() if c > 1}
    assert not dupes, f"posted twice: {list(dupes)[:3]}"
    remote_ids = {str(e["remote_id"]) for e in ledger}
    statuses: Counter[str] = Counter()
    for p in posts.values():
        statuses[p.status] += 1
        assert p.status in ("published", "failed", "needs_review"), (p.id, p.status)
        in_ledger = any(p.text.strip() in str(t) or str(t) in p.text for t in by_text)
        if p.status == "published":
            assert p.remote_id, p.id
            assert in_ledger, f"post {p.id} published but not on the platform"
            if p.platform not in ("instagram",):
                assert str(p.remote_id) in remote_ids or in_ledger
        elif p.status == "failed":
            assert p.last_error, f"post {p.id} failed without a reason"
            assert not in_ledger, f"post {p.id} marked failed but it is online"
        else:
            assert p.last_error, f"post {p.id} needs review without a reason"
    return statuses


FAULT_POSTS = int(os.environ.get("SOSMED_FAULT_POSTS", "1000"))


def test_faults_every_post_once_or_reasoned(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start(fault_rate=0.2, seed=20261129, hang_seconds=1.5)
    tune_config(home, FAST, timeout=0.7)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    seed_posts(store, settings, FAULT_POSTS, sb.url)
    settle(home, store, rounds=25)
    statuses = check_exactly_once(store, sb.ledger())
    assert statuses["published"] >= FAULT_POSTS * 0.6, statuses
    with Session(store.engine) as s:
        outcomes = Counter(a.outcome for a in s.exec(select(Attempt)).all())
    # Every kind of trouble happened and was handled by its own path.
    assert outcomes["in_doubt"] and outcomes["retry"] and outcomes["reconciled_published"]
    assert outcomes["reconciled_absent"] and outcomes["failed"]
    print("statuses", dict(statuses), "outcomes", dict(outcomes))


@pytest.mark.parametrize("point", ["after_claim", "after_arm", "after_response"])
def test_sigkill_at_each_step(sandbox_home, point: str) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start()
    tune_config(home, {**FAST, "lease_seconds": 2, "workers": 1})
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    seed_posts(store, settings, 6, sb.url)
    crashed = daemon_once(home, env={"SOSMED_CRASHPOINT": point})
    assert crashed.returncode == -signal.SIGKILL
    time.sleep(2.2)  # the dead daemon's lease runs out
    settle(home, store, rounds=4)
    statuses = check_exactly_once(store, sb.ledger())
    assert statuses["failed"] == 0
    assert statuses["published"] + statuses["needs_review"] == 6


def test_sigkill_during_request(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start(faults="*:hang", hang_seconds=20)
    tune_config(home, {**FAST, "lease_seconds": 2}, timeout=30)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    seed_posts(store, settings, 6, sb.url)
    proc = subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon", "--once"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while len(sb.ledger()) < 6 and time.monotonic() < deadline:
        time.sleep(0.1)  # every platform has created its post and is now hanging
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    sb.set_faults()
    time.sleep(2.2)
    settle(home, store, rounds=4)
    statuses = check_exactly_once(store, sb.ledger())
    assert statuses["published"] == 5 and statuses["needs_review"] == 1  # Telegram cannot tell


def test_second_daemon_on_sqlite_refused(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    start(faults="*:hang", hang_seconds=5)
    tune_config(home, FAST, timeout=10)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    seed_posts(store, settings, 6, "http://127.0.0.1:1")
    first = subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(3)
        second = run_cli(home, "daemon", "--once")
        assert second.returncode != 0 and "sudah berjalan" in second.stderr
    finally:
        first.send_signal(signal.SIGTERM)
        _out, err = first.communicate(timeout=30)
    assert first.returncode == 0, err[-2000:]


@pytest.mark.postgres
def test_two_daemons_on_postgres(sandbox_home, pg_schema_url: str) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start()
    tune_config(home, {**FAST, "batch": 20}, database_url=pg_schema_url)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    n = int(os.environ.get("SOSMED_PG_POSTS", "1000"))
    seed_posts(store, settings, n, sb.url)
    procs = [
        subprocess.Popen(
            [SOSMED, "--home", str(home), "daemon", "--once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=900)
        assert p.returncode == 0, err[-2000:]
    # On a busy machine a request may time out while connecting (nothing sent): that post is
    # retried after a backoff, so drain the queue before counting.
    settle(home, store)
    statuses = check_exactly_once(store, sb.ledger())
    assert statuses["published"] == n
    with Session(store.engine) as s:
        attempts = s.exec(select(Attempt).where(Attempt.kind == "publish")).all()
    # A post may be tried again after a connect timeout on a loaded machine (nothing was
    # sent); a double claim would show as two tries under one fence, or overlapping in time.
    by_post: dict[int, list[Attempt]] = {}
    for a in sorted(attempts, key=lambda a: (a.started_at, a.id)):
        by_post.setdefault(a.post_id, []).append(a)
    for tries in by_post.values():
        assert len({a.fence for a in tries}) == len(tries), f"claimed twice: {tries}"
        for earlier, later in itertools.pairwise(tries):
            assert earlier.finished_at is not None and earlier.outcome != "published", tries
            assert earlier.finished_at <= later.started_at, f"overlapping tries: {tries}"
    workers = {a.worker for a in attempts}
    assert {f"{socket.gethostname()}:{p.pid}" for p in procs} <= workers, "both daemons took part"
    store.close()


def test_downtime_across_50_slots(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    home, start = sandbox_home
    sb = start(faults="x:ratelimit:0.3", seed=7)
    tune_config(home, {**FAST, "max_lateness_hours": 6})
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    now = utcnow()
    # 8h15m ago … 5 min ago, none on the 6 h boundary itself
    slots = [now - timedelta(minutes=10 * (50 - i) - 5) for i in range(50)]
    ids = seed_posts(store, settings, 50, sb.url, when=slots)
    r = daemon_once(home)
    assert r.returncode == 0, r.stderr
    posts = posts_by_id(store)
    late = [i for i, at in zip(ids, slots, strict=True) if now - at > timedelta(hours=6)]
    assert late and all(posts[i].status == "missed" for i in late)
    status = run_cli(home, "status", "--json")
    assert status.returncode == 1 and "missed" in status.stdout
    # A rate-limited account got no request before its reset.
    with Session(store.engine) as s:
        attempts = s.exec(select(Attempt).order_by(Attempt.id)).all()
    limited = [a for a in attempts if a.error_class == "RateLimited"]
    assert limited
    for a in limited:
        later = [
            b
            for b in attempts
            if b.account == a.account
            and b.id > a.id
            and b.kind == "publish"
            and a.finished_at
            and b.started_at
        ]
        assert all(b.started_at >= a.finished_at + timedelta(seconds=1) for b in later)
    settle(home, store, rounds=10)
    final = posts_by_id(store)
    on_time = [i for i in ids if i not in late]
    assert all(final[i].status == "published" for i in on_time), Counter(
        final[i].status for i in on_time
    )
    assert all(final[i].status == "missed" for i in late)
    assert not [e for e in sb.ledger() if Counter(x["text"] for x in sb.ledger())[e["text"]] > 1]


def test_daemon_wakes_when_the_next_post_falls_due(sandbox_home) -> None:  # type: ignore[no-untyped-def]
    """With a 5-minute poll, a post due in a few seconds still goes out at its time."""
    home, start = sandbox_home
    sb = start()
    tune_config(home, {**FAST, "publish_every_seconds": 300}, timeout=10)
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    due = utcnow() + timedelta(seconds=6)
    seed_posts(store, settings, 2, sb.url, when=[due, due + timedelta(seconds=2)])
    daemon = subprocess.Popen(
        [SOSMED, "--home", str(home), "daemon"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if all(p.status == "published" for p in posts_by_id(store).values()):
                break
            time.sleep(0.5)
    finally:
        daemon.send_signal(signal.SIGTERM)
        _out, err = daemon.communicate(timeout=30)
    assert daemon.returncode == 0, err[-2000:]
    posts = posts_by_id(store)
    assert all(p.status == "published" for p in posts.values()), {
        p.id: p.status for p in posts.values()
    }
    with Session(store.engine) as s:
        sent = s.exec(select(Attempt).where(Attempt.kind == "publish")).all()
    for a in sent:
        scheduled = posts[a.post_id].scheduled_at
        assert scheduled is not None and a.started_at is not None
        # Never early; late only by the time the tick takes, not by the 300 s poll.
        assert timedelta(0) <= a.started_at - scheduled < timedelta(seconds=20)
    assert len(sb.ledger()) == 2
