"""The schedule store, on SQLite and PostgreSQL: scheduling, taken times, the queue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.audit_notes import read_note
from sosmed.errors import ConfigError, InputError, InvalidTransition, NotFound
from sosmed.models import Post, utcnow
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


def test_explicit_time(any_store: Store, office: Settings) -> None:
    pid = add_post(any_store, attempts=3, next_try_at=MON_7)
    [post] = any_store.schedule_posts(
        [pid], wib(2030, 1, 7, 9, 30), False, "ana", office, now=utcnow()
    )
    assert post.status == "scheduled"
    assert post.scheduled_at == wib(2030, 1, 7, 9, 30)
    assert post.scheduled_at.tzinfo is not None
    stored = any_store.get_post(pid)
    assert (stored.status, stored.next_try_at, stored.attempts) == ("scheduled", None, 0)
    assert stored.scheduled_at == datetime(2030, 1, 7, 2, 30, tzinfo=UTC)
    [ev] = any_store.post_events(pid)
    assert (ev.actor, ev.action) == ("ana", "schedule")
    assert read_note(ev.detail) == ("at", {"at": "2030-01-07T02:30:00+00:00"})


def test_next_slot_per_account(any_store: Store, office: Settings) -> None:
    x1, x2, x3, fb = (
        add_post(any_store),
        add_post(any_store),
        add_post(any_store),
        add_post(any_store, "fb_humas", "facebook"),
    )
    posts = any_store.schedule_posts([x1, x2, x3, fb], MON_7, True, "ana", office, now=utcnow())
    got = [p.scheduled_at.astimezone(WIB).strftime("%a %H:%M") for p in posts if p.scheduled_at]
    # x: 08:00 and 12:00 fill Monday's cap of 2; the third goes to Tuesday. fb is independent.
    assert got == ["Mon 08:00", "Mon 12:00", "Tue 08:00", "Mon 08:00"]


def test_next_slot_sees_posts_already_out(any_store: Store, office: Settings) -> None:
    add_post(
        any_store,
        status="published",
        scheduled_at=wib(2030, 1, 7, 8),
        published_at=wib(2030, 1, 7, 11, 30),
    )
    pid = add_post(any_store)
    [post] = any_store.schedule_posts([pid], MON_7, True, "ana", office, now=utcnow())
    # 08:00 is free again (the published one went out at 11:30), 12:00 is too close to it.
    assert post.scheduled_at == wib(2030, 1, 7, 8)


def test_rescheduling_does_not_collide_with_itself(any_store: Store, office: Settings) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    [post] = any_store.schedule_posts([pid], MON_7, True, "ana", office, now=utcnow())
    assert post.scheduled_at == wib(2030, 1, 7, 8)


@pytest.mark.parametrize("status", ["scheduled", "missed", "approved"])
def test_schedulable_statuses(any_store: Store, office: Settings, status: str) -> None:
    pid = add_post(any_store, status=status, scheduled_at=wib(2030, 1, 1, 8))
    [post] = any_store.schedule_posts(
        [pid], wib(2030, 1, 8, 12), False, "ana", office, now=utcnow()
    )
    assert (post.status, post.scheduled_at) == ("scheduled", wib(2030, 1, 8, 12))


@pytest.mark.parametrize(
    "status,words",
    [
        ("draft", "approve it first"),
        ("in_doubt", "sosmed resolve"),
        ("needs_review", "sosmed resolve"),
        ("failed", "sosmed retry"),
        ("published", "cannot be scheduled"),
        ("cancelled", "sosmed restore"),
        ("publishing", "is being sent|is held"),
    ],
)
@pytest.mark.usefixtures("english")
def test_refused_statuses_change_nothing(
    any_store: Store, office: Settings, status: str, words: str
) -> None:
    ok = add_post(any_store)
    bad = add_post(any_store, status=status)
    with pytest.raises(InvalidTransition, match=words):
        any_store.schedule_posts([ok, bad], MON_7, False, "ana", office, now=utcnow())
    assert any_store.get_post(ok).status == "approved"
    assert any_store.get_post(bad).status == status
    assert any_store.post_events(ok) == []


@pytest.mark.usefixtures("english")
def test_unknown_id(any_store: Store, office: Settings) -> None:
    ok = add_post(any_store)
    with pytest.raises(NotFound, match="no post with id 999"):
        any_store.schedule_posts([ok, 999], MON_7, False, "ana", office, now=utcnow())
    assert any_store.get_post(ok).status == "approved"


def test_needs_a_time_or_a_slot(any_store: Store, office: Settings) -> None:
    with pytest.raises(InputError, match="--at"):
        any_store.schedule_posts([add_post(any_store)], None, False, "ana", office, now=utcnow())


@pytest.mark.usefixtures("english")
def test_account_missing_from_config(any_store: Store, office: Settings) -> None:
    pid = add_post(any_store, "old_account")
    with pytest.raises(ConfigError, match="no account named 'old_account'"):
        any_store.schedule_posts([pid], MON_7, True, "ana", office, now=utcnow())
    # An explicit time needs no slot table.
    [post] = any_store.schedule_posts([pid], MON_7, False, "ana", office, now=utcnow())
    assert post.status == "scheduled"


@pytest.mark.usefixtures("english")
def test_no_free_slot_names_the_post(any_store: Store, home: Path) -> None:
    office = write_config(
        home,
        {"accounts": [{"name": "x_humas", "platform": "x", "slots": {"times": []}}]},
    )
    pid = add_post(any_store)
    with pytest.raises(InputError, match=f"post {pid} \\(x_humas\\): the account has no slot"):
        any_store.schedule_posts([pid], MON_7, True, "ana", office, now=utcnow())


@pytest.mark.usefixtures("english")
def test_a_claim_in_between_wins(any_store: Store, office: Settings) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    stale = any_store.get_post(pid)
    with any_store.session() as s:  # a daemon claims it after the person read it
        row = s.get(Post, pid)
        assert row is not None
        row.status, row.fence = "publishing", row.fence + 1
        s.add(row)
    with pytest.raises(InvalidTransition, match="changed while"), any_store.session() as s:
        any_store._move(s, stale, wib(2030, 1, 9, 8), utcnow())
    after = any_store.get_post(pid)
    assert (after.status, after.scheduled_at) == ("publishing", wib(2030, 1, 7, 8))


@pytest.mark.usefixtures("english")
def test_breaches_count_the_batch_once(any_store: Store, office: Settings) -> None:
    at = wib(2030, 1, 7, 8)
    moving = [add_post(any_store, status="scheduled", scheduled_at=at) for _ in range(2)]
    fresh = add_post(any_store)
    found = any_store.breaches([*moving, fresh], at, office, utcnow())
    rules = [(p.id, b.rule) for p, b in found]
    # The moving posts' present times do not count; each counts those before it in the list.
    assert rules == [
        (moving[1], "min_gap"),
        (fresh, "daily_cap"),
        (fresh, "min_gap"),
    ]
    assert "already has 2 posts (daily cap 2)" in str(found[1][1])
    assert any_store.breaches([moving[0]], wib(2030, 1, 7, 12), office, utcnow()) == []


def test_taken_times(any_store: Store) -> None:
    day = wib(2030, 1, 7, 0)
    add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    add_post(
        any_store,
        status="scheduled",
        scheduled_at=wib(2030, 1, 7, 9),
        next_try_at=wib(2030, 1, 7, 9, 20),
    )
    add_post(any_store, status="publishing", scheduled_at=wib(2030, 1, 7, 10))
    add_post(
        any_store,
        status="published",
        scheduled_at=wib(2030, 1, 6, 23),
        published_at=wib(2030, 1, 7, 1),
    )
    add_post(any_store, status="published", scheduled_at=wib(2030, 1, 7, 11))
    add_post(any_store, status="in_doubt", scheduled_at=wib(2030, 1, 7, 12))
    for status in ("approved", "draft", "cancelled", "failed", "missed"):
        add_post(any_store, status=status, scheduled_at=wib(2030, 1, 7, 13))
    add_post(
        any_store, "fb_humas", "facebook", status="scheduled", scheduled_at=wib(2030, 1, 7, 14)
    )
    add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 8, 8))
    got = any_store.taken_times("x_humas", day, day + timedelta(days=1) - timedelta(seconds=1))
    assert [t.astimezone(WIB).strftime("%H:%M") for t in got] == [
        "01:00",
        "08:00",
        "09:20",
        "10:00",
        "11:00",
        "12:00",
    ]
    assert all(t.tzinfo is not None for t in got)


def test_taken_times_exclude(any_store: Store) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    window = (wib(2030, 1, 7, 0), wib(2030, 1, 8, 0))
    assert any_store.taken_times("x_humas", *window) == [wib(2030, 1, 7, 8)]
    assert any_store.taken_times("x_humas", *window, exclude=[pid]) == []


def test_queue_order_and_content(any_store: Store) -> None:
    late = add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 16))
    retry = add_post(
        any_store,
        status="scheduled",
        scheduled_at=wib(2030, 1, 7, 8),
        next_try_at=wib(2030, 1, 7, 17),
    )
    first = add_post(any_store, status="scheduled", scheduled_at=wib(2030, 1, 7, 8))
    busy = add_post(
        any_store, "fb_humas", "facebook", status="publishing", scheduled_at=wib(2030, 1, 7, 9)
    )
    doubt = add_post(any_store, status="in_doubt", scheduled_at=wib(2030, 1, 7, 10))
    for status in ("approved", "published", "failed", "missed", "needs_review"):
        add_post(any_store, status=status, scheduled_at=wib(2030, 1, 7, 7))
    assert [p.id for p in any_store.queue()] == [first, busy, doubt, late, retry]
    assert [p.id for p in any_store.queue(limit=2)] == [first, busy]


def test_queue_of_a_window_goes_by_when_a_post_is_next_due(any_store: Store) -> None:
    """[start, end): a retry counts at its retry time, not its first slot; the end is out."""
    makassar = ZoneInfo("Asia/Makassar")
    start = datetime(2030, 1, 8, tzinfo=makassar)  # midnight WITA is 16:00 UTC the day before
    end = start + timedelta(days=1)
    at_start = add_post(any_store, status="scheduled", scheduled_at=start)
    add_post(any_store, status="scheduled", scheduled_at=start - timedelta(minutes=1))
    add_post(any_store, status="scheduled", scheduled_at=end)
    moved_in = add_post(
        any_store,
        status="scheduled",
        scheduled_at=start - timedelta(hours=3),
        next_try_at=end - timedelta(minutes=1),
    )
    add_post(
        any_store, status="scheduled", scheduled_at=start + timedelta(hours=1), next_try_at=end
    )
    assert [p.id for p in any_store.queue(10, start, end)] == [at_start, moved_in]
    assert [p.id for p in any_store.queue(1, start, end)] == [at_start]
