"""The schedule store on a real SQLite file: scheduling, taken times, the queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from tests.support.config import write_config

from sosmed.errors import ConfigError, InputError, InvalidTransition, NotFound
from sosmed.models import Article, Event, Post
from sosmed.settings import Settings
from sosmed.store import Store

WIB = ZoneInfo("Asia/Jakarta")
SLOTS = {"times": ["08:00", "12:00", "16:00"], "min_gap_minutes": 60, "daily_cap": 2}


def wib(*args: int) -> datetime:
    return datetime(*args, tzinfo=WIB).astimezone(UTC)  # type: ignore[misc]


# 2030-01-07 is a Monday, far enough ahead for any clock this runs under.
MON_7 = wib(2030, 1, 7, 7)


@pytest.fixture
def office(home: Path) -> Settings:
    return write_config(
        home,
        {
            "timezone": "Asia/Jakarta",
            "accounts": [
                {"name": "x_humas", "platform": "x", "slots": SLOTS},
                {"name": "fb_humas", "platform": "facebook", "slots": SLOTS},
            ],
        },
    )


@pytest.fixture
def db(office: Settings) -> Any:
    s = Store.open_url(office.database_url)
    yield s
    s.close()


def add_post(store: Store, account: str = "x_humas", status: str = "approved", **kw: Any) -> int:
    with store.session() as s:
        article = Article(content_hash=uuid4().hex, title="Bupati", source="file")
        s.add(article)
        s.flush()
        assert article.id is not None
        platform = "facebook" if account.startswith("fb") else "x"
        post = Post(
            article_id=article.id,
            account=account,
            platform=platform,
            text="Bupati meresmikan jembatan",
            status=status,
            **kw,
        )
        s.add(post)
        s.flush()
        assert post.id is not None
        return post.id


def get(store: Store, post_id: int) -> Post:
    with store.session() as s:
        post = s.get(Post, post_id)
        assert post is not None
        return post


def events(store: Store, post_id: int) -> list[Event]:
    with store.session() as s:
        return list(s.exec(select(Event).where(Event.post_id == post_id)).all())


def test_explicit_time(db: Store, office: Settings) -> None:
    pid = add_post(db, attempts=3, next_try_at=MON_7)
    [post] = db.schedule_posts([pid], wib(2030, 1, 7, 9, 30), False, "ana", office)
    assert post.status == "scheduled"
    assert post.scheduled_at == wib(2030, 1, 7, 9, 30)
    assert post.scheduled_at.tzinfo is not None
    stored = get(db, pid)
    assert (stored.status, stored.next_try_at, stored.attempts) == ("scheduled", None, 0)
    assert stored.scheduled_at == datetime(2030, 1, 7, 2, 30, tzinfo=UTC)
    [ev] = events(db, pid)
    assert (ev.actor, ev.action, ev.detail) == ("ana", "schedule", "2030-01-07T02:30:00+00:00")


def test_next_slot_per_account(db: Store, office: Settings) -> None:
    x1, x2, x3, fb = (add_post(db), add_post(db), add_post(db), add_post(db, "fb_humas"))
    posts = db.schedule_posts([x1, x2, x3, fb], MON_7, True, "ana", office)
    got = [p.scheduled_at.astimezone(WIB).strftime("%a %H:%M") for p in posts if p.scheduled_at]
    # x: 08:00 and 12:00 fill Monday's cap of 2; the third goes to Tuesday. fb is independent.
    assert got == ["Mon 08:00", "Mon 12:00", "Tue 08:00", "Mon 08:00"]


def test_next_slot_sees_posts_already_out(db: Store, office: Settings) -> None:
    add_post(
        db,
        status="published",
        scheduled_at=wib(2030, 1, 7, 8),
        published_at=wib(2030, 1, 7, 11, 30),
    )
    pid = add_post(db)
    [post] = db.schedule_posts([pid], MON_7, True, "ana", office)
    # 08:00 is free again (the published one went out at 11:30), 12:00 is too close to it.
    assert post.scheduled_at == wib(2030, 1, 7, 8)


def test_rescheduling_does_not_collide_with_itself(db: Store, office: Settings) -> None:
    pid = add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    [post] = db.schedule_posts([pid], MON_7, True, "ana", office)
    assert post.scheduled_at == wib(2030, 1, 7, 8)


@pytest.mark.parametrize("status", ["scheduled", "missed", "approved"])
def test_schedulable_statuses(db: Store, office: Settings, status: str) -> None:
    pid = add_post(db, status=status, scheduled_at=wib(2030, 1, 1, 8))
    [post] = db.schedule_posts([pid], wib(2030, 1, 8, 12), False, "ana", office)
    assert (post.status, post.scheduled_at) == ("scheduled", wib(2030, 1, 8, 12))


@pytest.mark.parametrize(
    "status,words",
    [
        ("draft", "approve it first"),
        ("in_doubt", "sosmed resolve"),
        ("needs_review", "sosmed resolve"),
        ("failed", "draft"),
        ("published", "cannot be scheduled"),
        ("cancelled", "cannot be scheduled"),
        ("publishing", "sedang dikirim|tertahan"),
    ],
)
def test_refused_statuses_change_nothing(
    db: Store, office: Settings, status: str, words: str
) -> None:
    ok = add_post(db)
    bad = add_post(db, status=status)
    with pytest.raises(InvalidTransition, match=words):
        db.schedule_posts([ok, bad], MON_7, False, "ana", office)
    assert get(db, ok).status == "approved"
    assert get(db, bad).status == status
    assert events(db, ok) == []


def test_unknown_id(db: Store, office: Settings) -> None:
    ok = add_post(db)
    with pytest.raises(NotFound, match="no post with id 999"):
        db.schedule_posts([ok, 999], MON_7, False, "ana", office)
    assert get(db, ok).status == "approved"


def test_needs_a_time_or_a_slot(db: Store, office: Settings) -> None:
    with pytest.raises(InputError, match="--at"):
        db.schedule_posts([add_post(db)], None, False, "ana", office)


def test_account_missing_from_config(db: Store, office: Settings) -> None:
    pid = add_post(db, "old_account")
    with pytest.raises(ConfigError, match="no account named 'old_account'"):
        db.schedule_posts([pid], MON_7, True, "ana", office)
    # An explicit time needs no slot table.
    [post] = db.schedule_posts([pid], MON_7, False, "ana", office)
    assert post.status == "scheduled"


def test_no_free_slot_names_the_post(home: Path) -> None:
    office = write_config(
        home,
        {"accounts": [{"name": "x_humas", "platform": "x", "slots": {"times": []}}]},
    )
    db = Store.open_url(office.database_url)
    pid = add_post(db)
    with pytest.raises(InputError, match=f"post {pid} \\(x_humas\\): the account has no slot"):
        db.schedule_posts([pid], MON_7, True, "ana", office)
    db.close()


def test_a_claim_in_between_wins(db: Store, office: Settings) -> None:
    pid = add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    stale = get(db, pid)
    with db.session() as s:  # a daemon claims it after the person read it
        row = s.get(Post, pid)
        assert row is not None
        row.status, row.fence = "publishing", row.fence + 1
        s.add(row)
    with pytest.raises(InvalidTransition, match="changed while"), db.session() as s:
        db._move(s, stale, wib(2030, 1, 9, 8))
    after = get(db, pid)
    assert (after.status, after.scheduled_at) == ("publishing", wib(2030, 1, 7, 8))


def test_breaches_count_the_batch_once(db: Store, office: Settings) -> None:
    at = wib(2030, 1, 7, 8)
    moving = [add_post(db, status="scheduled", scheduled_at=at) for _ in range(2)]
    fresh = add_post(db)
    found = db.breaches([*moving, fresh], at, office)
    rules = [(p.id, b.rule) for p, b in found]
    # The moving posts' present times do not count; each counts those before it in the list.
    assert rules == [
        (moving[1], "min_gap"),
        (fresh, "daily_cap"),
        (fresh, "min_gap"),
    ]
    assert "already has 2 posts (daily cap 2)" in str(found[1][1])
    assert db.breaches([moving[0]], wib(2030, 1, 7, 12), office) == []


def test_taken_times(db: Store) -> None:
    day = wib(2030, 1, 7, 0)
    add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    add_post(
        db, status="scheduled", scheduled_at=wib(2030, 1, 7, 9), next_try_at=wib(2030, 1, 7, 9, 20)
    )
    add_post(db, status="publishing", scheduled_at=wib(2030, 1, 7, 10))
    add_post(
        db, status="published", scheduled_at=wib(2030, 1, 6, 23), published_at=wib(2030, 1, 7, 1)
    )
    add_post(db, status="published", scheduled_at=wib(2030, 1, 7, 11))
    add_post(db, status="in_doubt", scheduled_at=wib(2030, 1, 7, 12))
    for status in ("approved", "draft", "cancelled", "failed", "missed"):
        add_post(db, status=status, scheduled_at=wib(2030, 1, 7, 13))
    add_post(db, "fb_humas", status="scheduled", scheduled_at=wib(2030, 1, 7, 14))
    add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 8, 8))
    got = db.taken_times("x_humas", day, day + timedelta(days=1) - timedelta(seconds=1))
    assert [t.astimezone(WIB).strftime("%H:%M") for t in got] == [
        "01:00",
        "08:00",
        "09:20",
        "10:00",
        "11:00",
        "12:00",
    ]
    assert all(t.tzinfo is not None for t in got)


def test_taken_times_exclude(db: Store) -> None:
    pid = add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    window = (wib(2030, 1, 7, 0), wib(2030, 1, 8, 0))
    assert db.taken_times("x_humas", *window) == [wib(2030, 1, 7, 8)]
    assert db.taken_times("x_humas", *window, exclude=[pid]) == []


def test_queue_order_and_content(db: Store) -> None:
    late = add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 16))
    retry = add_post(
        db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8), next_try_at=wib(2030, 1, 7, 17)
    )
    first = add_post(db, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    busy = add_post(db, "fb_humas", status="publishing", scheduled_at=wib(2030, 1, 7, 9))
    doubt = add_post(db, status="in_doubt", scheduled_at=wib(2030, 1, 7, 10))
    for status in ("approved", "published", "failed", "missed", "needs_review"):
        add_post(db, status=status, scheduled_at=wib(2030, 1, 7, 7))
    assert [p.id for p in db.queue()] == [first, busy, doubt, late, retry]
    assert [p.id for p in db.queue(limit=2)] == [first, busy]
