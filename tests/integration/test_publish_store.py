"""The store's side of the publishing protocol: claims, fences, sweeps, missed posts."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
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


def test_claim_bumps_fence_and_sets_lease(store: Store) -> None:
    ids = add_posts(store, 3)
    claimed = store.claim_due("w1", NOW, LEASE, 10)
    assert sorted(c.post.id for c in claimed) == sorted(ids)
    assert all(c.post.status == "publishing" and c.fence == 1 for c in claimed)
    assert all(c.post.lease_until == NOW + LEASE for c in claimed)
    assert store.claim_due("w2", NOW, LEASE, 10) == []


def test_not_yet_due_and_backoff_not_claimed(store: Store) -> None:
    add_posts(store, 1, at=NOW + timedelta(minutes=1))
    assert store.claim_due("w", NOW, LEASE, 10) == []


def test_stale_owner_write_changes_nothing(store: Store) -> None:
    [pid] = add_posts(store, 1)
    [old] = store.claim_due("old", NOW, LEASE, 1)
    attempt = store.arm(old, "publish", NOW)
    assert attempt is not None
    # The lease runs out; the sweep moves the post to in_doubt with a new fence.
    later = NOW + LEASE + timedelta(seconds=1)
    assert store.sweep_expired("sweeper", later) == [(pid, "in_doubt")]
    applied = store.record(old, attempt, Outcome("published", "published", remote_id="r1"), later)
    assert applied is False
    post = store.get_post(pid)
    assert post.status == "in_doubt" and post.remote_id is None
    with Session(store.engine) as s:
        a = s.get(Attempt, attempt)
        assert a is not None and a.outcome == "stale" and a.remote_id == "r1"


def test_sweep_without_armed_attempt_reschedules(store: Store) -> None:
    [pid] = add_posts(store, 1)
    store.claim_due("dead", NOW, LEASE, 1)
    moved = store.sweep_expired("sweeper", NOW + LEASE + timedelta(seconds=1))
    assert moved == [(pid, "scheduled")]


def test_missed_after_max_lateness(store: Store) -> None:
    [late] = add_posts(store, 1, at=NOW - timedelta(hours=7))
    [ok] = add_posts(store, 1, at=NOW - timedelta(hours=5))
    assert store.mark_missed("w", NOW, timedelta(hours=6)) == [late]
    assert store.get_post(late).status == "missed"
    assert store.get_post(ok).status == "scheduled"


def test_record_refuses_edges_outside_graph(store: Store) -> None:
    add_posts(store, 1)
    [c] = store.claim_due("w", NOW, LEASE, 1)
    with pytest.raises(InvalidTransition):
        store.record(c, None, Outcome("cancelled", "failed"), NOW)


def test_rate_limited_account_not_claimed(store: Store) -> None:
    [pid] = add_posts(store, 1)
    account = store.get_post(pid).account
    store.set_not_before(account, NOW + timedelta(minutes=5))
    assert store.claim_due("w", NOW, LEASE, 10) == []
    assert [c.post.id for c in store.claim_due("w", NOW + timedelta(minutes=6), LEASE, 10)] == [pid]


def test_resolve_published_and_not(store: Store) -> None:
    a, b = add_posts(store, 2, status="in_doubt")
    assert store.resolve(a, "siti", NOW, "https://x.com/humas/status/1").status == "published"
    post_b = store.resolve(b, "siti", NOW, None)
    assert post_b.status == "scheduled" and post_b.scheduled_at == NOW
    with pytest.raises(InvalidTransition):
        store.resolve(a, "siti", NOW, None)


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


def test_sqlite_concurrent_claims_never_double(store: Store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    ids = add_posts(store, 200)
    url = str(store.engine.url)
    claimed = _concurrent_claims(lambda: Store.open_url(url, migrate=False), 200, 4)
    assert sorted(claimed) == sorted(ids)


@pytest.fixture
def pg_store(pg_schema_url: str) -> Iterator[Store]:
    store = Store.open_url(pg_schema_url)
    yield store
    store.close()


@pytest.mark.postgres
def test_postgres_skip_locked_claims_never_double(pg_store: Store) -> None:
    ids = add_posts(pg_store, 300)
    url = pg_store.engine.url.render_as_string(hide_password=False)
    claimed = _concurrent_claims(lambda: Store.open_url(url, migrate=False), 300, 5)
    assert sorted(claimed) == sorted(ids)
    with Session(pg_store.engine) as s:
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
