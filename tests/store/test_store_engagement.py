"""The engagement table: one row per post and stage, written once; the posts still to read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.posts import add_post

from sosmed.models import Engagement
from sosmed.store import Store

T0 = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def _published(store: Store, account: str, at: datetime) -> int:
    return add_post(
        store, account, "mastodon", status="published", published_at=at, remote_id=f"r{at:%H%M}"
    )


def _row(post_id: int, stage: str, at: datetime, **kw: object) -> Engagement:
    return Engagement(
        post_id=post_id, account="m_humas", platform="mastodon", stage=stage, collected_at=at, **kw
    )


def test_a_stage_is_written_once(any_store: Store) -> None:
    post = _published(any_store, "m_humas", T0)
    first = _row(post, "1h", T0 + timedelta(hours=1), counters={"likes": 3, "comments": 1})
    again = _row(post, "1h", T0 + timedelta(hours=2), counters={"likes": 9})
    assert any_store.add_engagement([first]) == 1
    assert any_store.add_engagement([again]) == 0  # a second pass, or a second daemon
    (row,) = any_store.engagement_of([post])[post]
    assert row.counters == {"likes": 3, "comments": 1}
    assert row.collected_at == T0 + timedelta(hours=1)


def test_candidates_are_recent_open_posts_of_the_collecting_accounts(any_store: Store) -> None:
    now = T0 + timedelta(days=20)
    recent = _published(any_store, "m_humas", now - timedelta(hours=2))
    complete = _published(any_store, "m_humas", now - timedelta(days=3))
    followed_old = _published(any_store, "m_humas", now - timedelta(days=12))
    never_old = _published(any_store, "m_humas", now - timedelta(days=13))
    other = _published(any_store, "x_humas", now - timedelta(hours=2))
    add_post(any_store, "m_humas", "mastodon", status="scheduled", scheduled_at=now)
    rows = [_row(complete, s, now, counters={"likes": 1}) for s in ("1h", "24h", "7d")]
    rows.append(_row(followed_old, "1h", now - timedelta(days=12), counters={"likes": 1}))
    any_store.add_engagement(rows)
    waiting = _published(any_store, "m_humas", now - timedelta(hours=5))
    any_store.add_engagement([_row(waiting, "1h", now, counters={"likes": 1})])
    since = now - timedelta(days=9)
    ages = [timedelta(hours=1), timedelta(days=1), timedelta(days=7)]

    found = any_store.engagement_candidates(
        ["m_humas"], now, ages, since, since - timedelta(days=30)
    )

    assert {p.id: done for p, done in found} == {followed_old: {"1h"}, recent: set()}
    assert never_old not in {p.id for p, _ in found}
    assert other not in {p.id for p, _ in found}
    assert waiting not in {p.id for p, _ in found}  # 1 h read, 24 h not yet: nothing due
    assert any_store.engagement_candidates([], now, ages, since, since) == []


def test_newest_rows_refusals_and_cost(any_store: Store) -> None:
    post = _published(any_store, "m_humas", T0)
    any_store.add_engagement(
        [
            _row(post, "1h", T0 + timedelta(hours=1), counters={"likes": 1}, cost=0.005),
            _row(post, "24h", T0 + timedelta(days=1), note="not_allowed", detail="(#10)"),
        ]
    )
    newest = any_store.recent_engagement(None, "M_HUMAS", 1)
    assert [r.stage for r in newest] == ["24h"]
    assert any_store.recent_engagement(T0 + timedelta(hours=2), None, 10)[0].note == "not_allowed"
    assert any_store.engagement_refused("m_humas")
    assert not any_store.engagement_refused("x_humas")
    assert any_store.engagement_cost(T0) == 0.005
    assert any_store.engagement_cost(T0 + timedelta(hours=2)) == 0.0


def test_one_process_at_a_time_collects(any_store: Store) -> None:
    other = Store(any_store.engine)
    with any_store.engagement_turn() as first, other.engagement_turn() as second:
        assert first
        assert second == any_store.is_sqlite  # on PostgreSQL the second skips its turn


def test_newest_counters_skip_a_stage_without_any(any_store: Store) -> None:
    post = _published(any_store, "m_humas", T0)
    bare = _published(any_store, "m_humas", T0 + timedelta(minutes=1))
    any_store.add_engagement(
        [
            _row(post, "1h", T0 + timedelta(hours=1), counters={"likes": 1}),
            _row(post, "24h", T0 + timedelta(days=1), counters={"likes": 5, "views": 80}),
            _row(post, "7d", T0 + timedelta(days=7), note="not_allowed"),
            _row(bare, "1h", T0 + timedelta(hours=1), note="missed"),
        ]
    )
    assert any_store.newest_counters([post, bare]) == {post: {"likes": 5, "views": 80}}
