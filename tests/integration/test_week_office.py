"""The week's calendar and a person's moves on it, through the office (office/week.py), with a
fixed clock: posts placed by office day and slot, moves checked against what the person saw."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.errors import InputError, InvalidTransition, PostMoved
from sosmed.office import Office
from sosmed.office import week as desk
from sosmed.store import Store
from sosmed.store.guard import Seen

WITA = ZoneInfo("Asia/Makassar")
MONDAY = date(2030, 1, 7)
NOW = datetime(2030, 1, 7, 6, 0, tzinfo=WITA)  # Monday 06:00 WITA
SLOTS = {"times": ["08:00", "12:00", "19:00"], "daily_cap": 2, "quiet_hours": "21:00-06:00"}


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    settings = write_config(
        tmp_path,
        {
            "timezone": "Asia/Makassar",
            "accounts": [{"name": "x_humas", "platform": "x", "slots": SLOTS}],
        },
    )
    store = Store.open_url(settings.database_url)
    yield Office(settings, store, clock=lambda: NOW.astimezone(UTC))
    store.close()


def scheduled(office: Office, when: datetime, status: str = "scheduled") -> int:
    return add_post(office.store, status=status, scheduled_at=when, approved_by="uji")


def seen(office: Office, pid: int) -> Seen:
    return Seen.of(office.post(pid))


def test_week_view_places_posts_by_wita_day_and_slot(office: Office) -> None:
    a = scheduled(office, datetime(2030, 1, 7, 8, 0, tzinfo=WITA))
    b = scheduled(office, datetime(2030, 1, 13, 23, 30, tzinfo=WITA), "failed")
    scheduled(office, datetime(2030, 1, 14, 0, 0, tzinfo=WITA))  # next week
    draft = add_post(office.store, status="draft")
    view = desk.week_view(office, MONDAY)
    cells = {r.label: [[e.id for e in c] for c in r.cells] for r in view.week.rows}
    assert cells["08:00"][0] == [a] and cells["23:30"][6] == [b]
    assert [r.label for r in view.week.rows] == ["08:00", "12:00", "19:00", "23:30"]
    assert [e.id for e in view.unplaced] == [draft] and view.today == MONDAY
    assert not view.truncated and desk.week_view(office, MONDAY, limit=1).truncated


def test_move_to_next_slot_and_to_a_time(office: Office) -> None:
    first = scheduled(office, datetime(2030, 1, 7, 8, 0, tzinfo=WITA))
    pid = scheduled(office, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    post, notes = desk.move(office, pid, seen(office, pid), None, False, "Sari")
    # 08:00 Monday is taken; 12:00 is the next free slot.
    assert post.scheduled_at == datetime(2030, 1, 7, 12, 0, tzinfo=WITA) and notes == []
    assert office.history(pid)[-1][1] == "Sari"
    at = datetime(2030, 1, 8, 10, 30, tzinfo=WITA)
    post, _ = desk.move(office, pid, seen(office, pid), at, False, "Sari")
    assert post.scheduled_at == at
    # The post's own slot counts as free for it; Tuesday has room for one more (cap 2).
    free = desk.free_slots(office, office.post(first))
    assert free[:3] == [
        datetime(2030, 1, 7, 8, 0, tzinfo=WITA),
        datetime(2030, 1, 7, 12, 0, tzinfo=WITA),
        datetime(2030, 1, 8, 8, 0, tzinfo=WITA),
    ]
    assert len(free) == desk.FREE_SLOTS


def test_move_into_quiet_hours_is_refused_with_the_office_message_unless_forced(
    office: Office,
) -> None:
    pid = scheduled(office, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    late = datetime(2030, 1, 9, 22, 0, tzinfo=WITA)
    with pytest.raises(InputError, match="jam tenang 21:00-06:00"):
        desk.move(office, pid, seen(office, pid), late, False, "Sari")
    assert office.post(pid).scheduled_at == datetime(2030, 1, 9, 19, 0, tzinfo=WITA)
    post, _ = desk.move(office, pid, seen(office, pid), late, True, "Sari")
    assert post.scheduled_at == late


def test_a_move_on_a_post_that_changed_since_it_was_seen_is_refused(office: Office) -> None:
    pid = scheduled(office, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    before = seen(office, pid)
    desk.move(office, pid, before, None, False, "Sari")
    with pytest.raises(PostMoved):
        desk.move(office, pid, before, None, False, "Budi")
    with pytest.raises(PostMoved):
        desk.unschedule(office, pid, before, "Budi")


def test_unschedule_and_retry(office: Office) -> None:
    pid = scheduled(office, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    post = desk.unschedule(office, pid, seen(office, pid), "Sari")
    assert post.status == "approved" and post.scheduled_at is None
    failed = scheduled(office, datetime(2030, 1, 7, 5, 0, tzinfo=WITA), "failed")
    with pytest.raises(InvalidTransition):
        desk.unschedule(office, failed, seen(office, failed), "Sari")
    post = desk.retry(office, failed, seen(office, failed), "Sari")
    assert post.status == "scheduled" and post.scheduled_at == NOW
    assert office.history(failed)[-1][1:3] == (
        "Sari",
        "dikirim ulang: gagal → terjadwal 2030-01-07 06:00 WITA",
    )
