"""The everyday reads (`posts`, `queue`, `preview`, `status`) in plain SQL, on SQLite and
PostgreSQL: over the store's raw connection and over a connection of the driver's own they
answer alike, and as the ORM reads the same rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tests.support.posts import add_post

from sosmed.costs import HELD_BUDGET, Charge
from sosmed.models import Engagement, Post, PostStatus, RetractState
from sosmed.post_row import POST_COLUMNS
from sosmed.store import Store
from sosmed.store import fast_posts as fp
from sosmed.store.fast_health import HealthReads
from sosmed.store.fast_log import Dialect
from sosmed.store.revision import head_revision

NOW = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
H = timedelta(hours=1)
PHOTO = {"path": "media/a.jpg", "width": 1200, "height": 800, "alt": "Foto"}


def url_of(store: Store) -> str:
    return store.engine.url.render_as_string(hide_password=False)


@contextmanager
def direct(store: Store) -> Iterator[tuple[Any, Dialect]]:
    opened = fp.open_current(url_of(store))
    assert opened is not None  # a migrated database: the quick path serves it
    conn, dialect = opened
    try:
        yield conn, dialect
    finally:
        conn.close()


def both_ways(store: Store, fn: Any, *args: Any) -> Any:
    """``fn`` run over the store's connection and over one of its own: the same answer."""
    with store.raw_read() as (conn, dialect):
        through_store = fn(conn, dialect, *args)
    with direct(store) as (conn, dialect):
        own = fn(conn, dialect, *args)
    assert own == through_store
    return own


def as_model(row: Any) -> dict[str, Any]:
    return {c: getattr(row, c) for c in POST_COLUMNS}


def fill(store: Store) -> dict[str, int]:
    s = PostStatus
    ids = {
        "draft": add_post(store, "x_humas", "x", status=s.draft, hashtags=["#Uji"], photos=[PHOTO]),
        "late": add_post(store, "fb_humas", "facebook", status=s.scheduled, scheduled_at=NOW - H),
        "soon": add_post(store, "x_humas", "x", status=s.scheduled, scheduled_at=NOW + 2 * H),
        "retry": add_post(
            store, "x_humas", "x", status=s.scheduled, scheduled_at=NOW - 3 * H,
            next_try_at=NOW + H, attempts=2,
        ),
        "held": add_post(
            store, "x_humas", "x", status=s.scheduled, scheduled_at=NOW - 2 * H,
            last_error=f"{HELD_BUDGET} — $1.00 dari $1.00",
        ),
        "gone": add_post(store, "lama", "x", status=s.scheduled, scheduled_at=NOW + 5 * H),
        "stuck": add_post(
            store, "x_humas", "x", status=s.publishing, lease_owner="w9", lease_until=NOW - H,
            scheduled_at=NOW - 4 * H,
            updated_at=NOW - 2 * H,
        ),
        "doubt": add_post(store, "fb_humas", "facebook", status=s.in_doubt, scheduled_at=NOW),
        "failed": add_post(store, "x_humas", "x", status=s.failed, last_error="AuthError: x"),
        "out": add_post(
            store, "fb_humas", "facebook", status=s.published, published_at=NOW - 9 * H,
            remote_url="https://facebook.example/1",
        ),
    }  # fmt: skip
    store.beat("w1", NOW - H, 1, "host")
    store.beat("w2", NOW, 2, "host")
    store.save_account_check("x_humas", NOW, "@humas", NOW + 3 * 24 * H, None)
    store.save_account_check("fb_humas", NOW, None, None, "token ditolak")
    store.add_spend("x_humas", [Charge("create", 15_000, "2026-12-01")], NOW - H)
    store.add_spend("x_humas", [Charge("create", 10_000, "2026-12-01")], NOW - 40 * 24 * H)
    store.add_spend("lama", [Charge("create_url", 200_000, "2026-12-01")], NOW)
    store.begin_retraction(ids["out"], "budi", "salah foto", NOW - H)
    store.finish_retraction(ids["out"], RetractState.manual, NOW, "budi", "tidak bisa")
    store.add_engagement(
        [
            Engagement(post_id=ids["out"], account="fb_humas", platform="facebook",
                       stage="1h", collected_at=NOW - 8 * H, counters={"likes": 3}),
            Engagement(post_id=ids["out"], account="fb_humas", platform="facebook",
                       stage="24h", collected_at=NOW, counters={"likes": 9, "shares": 1}),
        ]
    )  # fmt: skip
    return ids


def test_a_post_row_has_every_column_of_the_model() -> None:
    columns = set(Post.__table__.columns.keys())  # type: ignore[attr-defined]
    assert set(POST_COLUMNS) == columns


def test_the_posts_list_reads_as_the_orm_does(any_store: Store) -> None:
    ids = fill(any_store)
    rows = both_ways(any_store, fp.posts)
    assert [as_model(r) for r in rows] == [as_model(p) for p in any_store.list_posts()]
    draft = next(r for r in rows if r.id == ids["draft"])
    assert draft.hashtags == ["#Uji"] and draft.photos == [PHOTO]
    assert draft.status is PostStatus.draft
    scheduled = both_ways(any_store, fp.posts, PostStatus.scheduled, "x_humas")
    assert [r.id for r in scheduled] == [ids["soon"], ids["retry"], ids["held"]]
    assert both_ways(any_store, fp.posts, None, None, draft.article_id) == [draft]


def test_one_post_with_its_times_in_utc(any_store: Store) -> None:
    ids = fill(any_store)
    row = both_ways(any_store, fp.one_post, ids["retry"])
    assert as_model(row) == as_model(any_store.get_post(ids["retry"]))
    assert row.next_try_at == NOW + H and row.next_try_at.tzinfo is not None
    assert both_ways(any_store, fp.one_post, 999_999) is None


def test_the_queue_soonest_first_by_its_retry_time(any_store: Store) -> None:
    ids = fill(any_store)
    rows = both_ways(any_store, fp.queue, 100)
    assert [r.id for r in rows] == [p.id for p in any_store.queue(100)]
    assert [r.id for r in rows][:3] == [ids["stuck"], ids["held"], ids["late"]]
    window = both_ways(any_store, fp.queue, 100, NOW, NOW + 3 * H)
    orm = any_store.queue(100, NOW, NOW + 3 * H)
    assert (
        [r.id for r in window] == [p.id for p in orm] == [ids["doubt"], ids["retry"], ids["soon"]]
    )
    assert len(both_ways(any_store, fp.queue, 2)) == 2


def test_the_newest_counters_of_each_post(any_store: Store) -> None:
    ids = fill(any_store)
    found = both_ways(any_store, fp.newest_counters, [ids["out"], ids["draft"]])
    assert found == {ids["out"]: {"likes": 9, "shares": 1}}


def health_of(conn: Any, dialect: Dialect) -> dict[str, Any]:
    reads = HealthReads(conn, dialect)
    return {
        "beats": [(b.worker, b.beat_at) for b in reads.heartbeats()],
        "counts": reads.counts_by_status(),
        "oldest_due": reads.oldest_due(NOW),
        "accounts": sorted((a.account, a.token_expires_at, a.last_error)
                           for a in reads.account_states()),
        "stuck": [p.id for p in reads.stuck_publishing(NOW)],
        "outside": [p.id for p in reads.scheduled_outside(["x_humas", "fb_humas"])],
        "every_scheduled": [p.id for p in reads.scheduled_outside([])],
        "failed": [p.id for p in reads.list_posts(PostStatus.failed)],
        "held": [p.id for p in reads.held_by_budget()],
        "spent": reads.spent_by_account(NOW - 24 * H),
        "retract": [(o.state, p.id) for o, p in reads.retractions_waiting()],
    }  # fmt: skip


def test_what_status_reads_matches_the_store(any_store: Store) -> None:
    ids = fill(any_store)
    got = both_ways(any_store, health_of)
    s = any_store
    assert got["beats"] == [(b.worker, b.beat_at) for b in s.heartbeats()]
    assert got["beats"][0] == ("w2", NOW)
    assert got["counts"] == s.counts_by_status()
    assert got["counts"][PostStatus.scheduled] == 5
    assert got["oldest_due"] == s.oldest_due(NOW) == NOW - 3 * H  # not the held one (-2 h)
    assert got["accounts"] == sorted(
        (a.account, a.token_expires_at, a.last_error) for a in s.account_states()
    )
    assert got["stuck"] == [p.id for p in s.stuck_publishing(NOW)] == [ids["stuck"]]
    outside = [p.id for p in s.scheduled_outside(["x_humas", "fb_humas"])]
    assert got["outside"] == outside == [ids["gone"]]
    assert sorted(got["every_scheduled"]) == sorted(p.id for p in s.scheduled_outside([]))
    assert got["failed"] == [p.id for p in s.list_posts(status="failed")] == [ids["failed"]]
    assert got["held"] == [p.id for p in s.held_by_budget()] == [ids["held"]]
    assert got["spent"] == s.spent_by_account(NOW - 24 * H) == {"x_humas": 15_000, "lama": 200_000}
    waiting = [(o.state, p.id) for o, p in s.retractions_waiting()]
    assert got["retract"] == waiting == [(RetractState.manual, ids["out"])]


def set_revision(store: Store, revision: str) -> None:
    with store.raw_read() as (conn, dialect):
        cur = conn.cursor()
        cur.execute(f"UPDATE alembic_version SET version_num = {dialect.mark}", [revision])
        cur.close()
        conn.commit()


def test_the_quick_path_serves_only_the_newest_schema(any_store: Store) -> None:
    # An older (or newer) schema is the store's to migrate or refuse, in its own words.
    set_revision(any_store, "0008")
    assert fp.open_current(url_of(any_store)) is None
    set_revision(any_store, head_revision())
    with direct(any_store) as (conn, dialect):
        assert fp.posts(conn, dialect) == []


def test_no_database_file_is_left_to_the_store(tmp_path: Any) -> None:
    assert fp.open_current(f"sqlite:///{tmp_path / 'none.db'}") is None
    assert not (tmp_path / "none.db").exists()


@pytest.mark.parametrize("url", ["sqlite://", "sqlite:///:memory:", "mysql://x/y"])
def test_a_database_this_path_cannot_open(url: str) -> None:
    assert fp.open_current(url) is None
