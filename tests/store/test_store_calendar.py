"""The week's calendar read (store/scheduling.py calendar_rows, unplaced_rows) on SQLite and
PostgreSQL: which posts a stretch of time holds, at which time, with their article's title."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import event
from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.errors import PostMoved
from sosmed.models import Article
from sosmed.store import Store
from sosmed.store.guard import Seen
from sosmed.store.scheduling import CALENDAR_LOOKBACK

START = datetime(2026, 12, 7, tzinfo=UTC)
END = START + timedelta(days=7)


def at(days: float) -> datetime:
    return START + timedelta(days=days)


def test_calendar_rows_place_each_post_at_the_time_that_counts(any_store: Store) -> None:
    s = any_store
    scheduled = add_post(s, status="scheduled", scheduled_at=at(1))
    # A retry's time counts, not the slot it first had (last week).
    retried = add_post(s, status="scheduled", scheduled_at=at(-3), next_try_at=at(2))
    # A published post sits where it went out, not where it was planned.
    published = add_post(s, status="published", scheduled_at=at(-1), published_at=at(0.5))
    failed = add_post(s, status="failed", scheduled_at=at(3))
    review = add_post(s, status="needs_review", scheduled_at=at(4))
    missed = add_post(s, status="missed", scheduled_at=at(5))
    add_post(s, status="cancelled", scheduled_at=at(1))
    add_post(s, status="scheduled", scheduled_at=END)  # [start, end): the end is next week
    add_post(s, status="scheduled", scheduled_at=at(2), next_try_at=END + timedelta(hours=1))
    add_post(s, status="published", scheduled_at=at(2), published_at=at(8))
    draft = add_post(s, status="draft")
    approved = add_post(s, status="approved")

    rows = s.calendar_rows(START, END, 100)
    assert [r.id for r in rows] == [published, scheduled, retried, failed, review, missed]
    assert {r.status for r in rows} == {
        "scheduled",
        "published",
        "failed",
        "needs_review",
        "missed",
    }
    assert rows[0].published_at == at(0.5) and rows[2].next_try_at == at(2)
    assert all(r.title == "Jembatan" for r in rows)
    assert [r.id for r in s.unplaced_rows(10)] == [approved, draft]
    assert [r.id for r in s.calendar_rows(START, END, 2)] == [published, scheduled]


def test_calendar_rows_cut_long_words_and_titles(any_store: Store) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=at(1), text="kata " * 400)
    with any_store.session() as session:
        post_article = session.get(Article, any_store.get_post(pid).article_id)
        assert post_article is not None
        post_article.title = "Judul " * 100
    [row] = any_store.calendar_rows(START, END, 10)
    assert len(row.text) == 160 and len(row.title) == 160


def test_the_week_is_one_statement_however_many_posts(any_store: Store) -> None:
    for n in range(30):
        add_post(any_store, status="scheduled", scheduled_at=at(n / 5))
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    event.listen(any_store.engine, "before_cursor_execute", seen)
    try:
        rows = any_store.calendar_rows(START, END, 1000)
    finally:
        event.remove(any_store.engine, "before_cursor_execute", seen)
    assert len(rows) == 30 and len(statements) == 1


def test_scheduling_what_a_person_saw_refuses_a_post_changed_since(
    any_store: Store, home: Path
) -> None:
    settings = write_config(home, {"accounts": [{"name": "x_humas", "platform": "x"}]})
    pid = add_post(any_store, status="scheduled", scheduled_at=at(1))
    saw = Seen.of(any_store.get_post(pid))
    [moved] = any_store.schedule_posts([pid], at(2), False, "Sari", settings, now=START, seen=saw)
    assert moved.scheduled_at == at(2)
    with pytest.raises(PostMoved):  # the same page, sent again after the first move
        any_store.schedule_posts([pid], at(3), False, "Budi", settings, now=START, seen=saw)
    assert any_store.get_post(pid).scheduled_at == at(2)
    assert [e.actor for e in any_store.post_events(pid)] == ["Sari"]


def test_the_read_looks_back_a_month_of_slots_for_late_settled_posts(any_store: Store) -> None:
    # Settled as published days after its slot (a person's resolve): still drawn where it went
    # out, as long as its slot is within CALENDAR_LOOKBACK; the read stays on the slot index.
    assert timedelta(days=31) == CALENDAR_LOOKBACK
    late = add_post(any_store, status="published", scheduled_at=at(-30), published_at=at(1))
    add_post(any_store, status="published", scheduled_at=at(-32), published_at=at(1))
    assert [r.id for r in any_store.calendar_rows(START, END, 10)] == [late]
