"""The store's side of the publishing protocol, on SQLite and PostgreSQL: claims, fences,
sweeps, missed posts, rate-limited accounts, resolving; and reads that take no write lock."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from sosmed.errors import InvalidTransition
from sosmed.models import Article, Attempt, Post
from sosmed.store import Store
from sosmed.store.publishing import Outcome

NOW = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
LEASE = timedelta(seconds=60)


def add_posts(store: Store, n: int, status: str = "scheduled", at: datetime = NOW) -> list[int]:
    with Session(store.engine) as s:
        art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["x"])
        s.add(art)
        s.flush()
        ids = []
        for i in range(n):
            p = Post(
                article_id=art.id or 0,
                account=f"acc{i % 3}-{uuid.uuid4().hex[:6]}",
                platform="x",
                text=f"post {i}",
                status=status,
                scheduled_at=at,
            )
            s.add(p)
            s.flush()
            ids.append(p.id or 0)
        s.commit()
    return ids


def test_claim_bumps_fence_and_sets_lease(any_store: Store) -> None:
    ids = add_posts(any_store, 3)
    claimed = any_store.claim_due("w1", NOW, LEASE, 10)
    assert sorted(c.post.id for c in claimed) == sorted(ids)
    assert all(c.post.status == "publishing" and c.fence == 1 for c in claimed)
    assert all(c.post.lease_until == NOW + LEASE for c in claimed)
    assert any_store.claim_due("w2", NOW, LEASE, 10) == []


def test_not_yet_due_and_backoff_not_claimed(any_store: Store) -> None:
    add_posts(any_store, 1, at=NOW + timedelta(minutes=1))
    assert any_store.claim_due("w", NOW, LEASE, 10) == []


def test_stale_owner_write_changes_nothing(any_store: Store) -> None:
    [pid] = add_posts(any_store, 1)
    [old] = any_store.claim_due("old", NOW, LEASE, 1)
    attempt = any_store.arm(old, "publish", NOW)
    assert attempt is not None
    # The lease runs out; the sweep moves the post to in_doubt with a new fence.
    later = NOW + LEASE + timedelta(seconds=1)
    assert any_store.sweep_expired("sweeper", later) == [(pid, "in_doubt")]
    applied = any_store.record(
        old, attempt, Outcome("published", "published", remote_id="r1"), later
    )
    assert applied is False
    post = any_store.get_post(pid)
    assert post.status == "in_doubt" and post.remote_id is None
    with Session(any_store.engine) as s:
        a = s.get(Attempt, attempt)
        assert a is not None and a.outcome == "stale" and a.remote_id == "r1"


def test_sweep_without_armed_attempt_reschedules(any_store: Store) -> None:
    [pid] = add_posts(any_store, 1)
    any_store.claim_due("dead", NOW, LEASE, 1)
    moved = any_store.sweep_expired("sweeper", NOW + LEASE + timedelta(seconds=1))
    assert moved == [(pid, "scheduled")]


def test_missed_after_max_lateness(any_store: Store) -> None:
    [late] = add_posts(any_store, 1, at=NOW - timedelta(hours=7))
    [ok] = add_posts(any_store, 1, at=NOW - timedelta(hours=5))
    assert any_store.mark_missed("w", NOW, timedelta(hours=6)) == [late]
    assert any_store.get_post(late).status == "missed"
    assert any_store.get_post(ok).status == "scheduled"


def test_record_refuses_edges_outside_graph(any_store: Store) -> None:
    add_posts(any_store, 1)
    [c] = any_store.claim_due("w", NOW, LEASE, 1)
    with pytest.raises(InvalidTransition):
        any_store.record(c, None, Outcome("cancelled", "failed"), NOW)


def test_rate_limited_account_not_claimed(any_store: Store) -> None:
    [pid] = add_posts(any_store, 1)
    account = any_store.get_post(pid).account
    any_store.set_not_before(account, NOW + timedelta(minutes=5))
    assert any_store.claim_due("w", NOW, LEASE, 10) == []
    assert [c.post.id for c in any_store.claim_due("w", NOW + timedelta(minutes=6), LEASE, 10)] == [
        pid
    ]


def test_resolve_published_and_not(any_store: Store) -> None:
    a, b = add_posts(any_store, 2, status="in_doubt")
    assert any_store.resolve(a, "siti", NOW, "https://x.com/humas/status/1").status == "published"
    post_b = any_store.resolve(b, "siti", NOW, None)
    assert post_b.status == "scheduled" and post_b.scheduled_at == NOW
    with pytest.raises(InvalidTransition):
        any_store.resolve(a, "siti", NOW, None)


def _concurrent_claims(store_factory, n_posts: int, workers: int) -> list[int]:  # type: ignore[no-untyped-def]
    claimed: list[int] = []
    lock = threading.Lock()

    def work(name: str) -> None:
        st = store_factory()
        while batch := st.claim_due(name, NOW, LEASE, 7):
            with lock:
                claimed.extend(c.post.id for c in batch)
        st.close()

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return claimed


def test_concurrent_claims_never_double(any_store: Store) -> None:
    """Workers claiming at once each get other posts (SKIP LOCKED on PostgreSQL, the write lock
    on SQLite): every post is claimed once, under fence 1."""
    ids = add_posts(any_store, 200)
    url = any_store.engine.url.render_as_string(hide_password=False)
    claimed = _concurrent_claims(lambda: Store.open_url(url, migrate=False), 200, 4)
    assert sorted(claimed) == sorted(ids)
    with Session(any_store.engine) as s:
        fences = s.exec(select(Post.fence)).all()
    assert set(fences) == {1}


def test_reads_do_not_wait_for_another_processs_writer(store: Store) -> None:
    """Listing and reading posts take no write lock: they answer while another process
    holds SQLite's write transaction (a long daemon write, an operator's sqlite3 shell)."""
    import sqlite3

    (pid,) = add_posts(store, 1)
    path = store.engine.url.database
    assert path
    writer = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        writer.execute("UPDATE post SET text = 'sedang ditulis' WHERE id = ?", (pid,))
        assert store.get_post(pid).text == "post 0"  # the last committed version
        assert [p.id for p in store.list_posts()] == [pid]
        assert store.post_events(pid) == [] and store.post_attempts(pid) == []
        assert store.queue()[0].id == pid
        assert store.counts_by_status() == {"scheduled": 1}
    finally:
        writer.execute("ROLLBACK")
        writer.close()
