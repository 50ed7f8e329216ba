"""The alert table: one row per event and channel; sent, failed and tried again, ended."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sosmed.alerts.decide import Told
from sosmed.store import Store

T0 = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)


def test_a_failed_send_stays_open_unsent_then_is_sent(any_store: Store) -> None:
    any_store.alert_tried("post:1:failed:1", "email", "post 1 gagal", T0, "e-mail: refused")
    assert any_store.alerts_open("email") == {"post:1:failed:1": Told(None)}
    assert any_store.alerts_open("telegram") == {}
    later = T0 + timedelta(seconds=15)
    any_store.alert_tried("post:1:failed:1", "email", "post 1 gagal", later, None)
    assert any_store.alerts_open("email") == {"post:1:failed:1": Told(later)}
    (row,) = any_store.recent_alerts(5)
    assert (row.tries, row.last_error, row.first_at) == (2, None, T0)


def test_an_ended_event_that_returns_starts_again(any_store: Store) -> None:
    key = "token:x_humas:rejected"
    for channel in ("telegram", "email"):
        any_store.alert_tried(key, channel, "token ditolak", T0, None)
    any_store.alerts_ended([key], T0 + timedelta(hours=1))
    assert any_store.alerts_open("telegram") == {}
    assert all(r.resolved_at is not None for r in any_store.recent_alerts(5))
    back = T0 + timedelta(hours=2)
    any_store.alert_tried(key, "telegram", "token ditolak", back, None)
    assert any_store.alerts_open("telegram") == {key: Told(back)}
    newest = any_store.recent_alerts(1)[0]
    assert (newest.channel, newest.first_at, newest.tries) == ("telegram", back, 1)


def test_one_process_at_a_time_sends_alerts(any_store: Store) -> None:
    other = Store(any_store.engine)  # another daemon's store on the same database
    with any_store.alert_turn() as first, other.alert_turn() as second:
        assert first is True
        assert second is any_store.is_sqlite  # PostgreSQL: the second skips its turn
    with other.alert_turn() as again:
        assert again is True
