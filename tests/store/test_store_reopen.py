"""The ways back for a person, on SQLite and PostgreSQL: retry, unschedule, restore, and an
edit that takes approved words back to draft. Each is a compare-and-set that moves the fence
and leaves its event; each refuses what its edge does not cover, changing nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from tests.support.posts import add_post

from sosmed.audit_notes import read_note
from sosmed.errors import InvalidTransition, PostInFlight, PostMoved
from sosmed.models import Attempt, utcnow
from sosmed.store import Store
from sosmed.store.guard import Seen

NOW = utcnow().replace(microsecond=0)


def _log_refusal(store: Store, pid: int, message: str) -> None:
    with store.session() as s:
        s.add(
            Attempt(
                post_id=pid,
                account="x_humas",
                platform="x",
                fence=0,
                worker="w1",
                started_at=NOW - timedelta(minutes=5),
                finished_at=NOW - timedelta(minutes=5),
                outcome="failed",
                error_class="Rejected",
                message=message,
            )
        )


@pytest.mark.parametrize("status", ["failed", "missed"])
def test_retry_puts_a_failed_or_missed_post_back_in_the_queue(
    any_store: Store, status: str
) -> None:
    pid = add_post(any_store, status=status, attempts=5, scheduled_at=NOW - timedelta(days=1))
    _log_refusal(any_store, pid, "Rejected: 400 media too large")
    before = any_store.get_post(pid)
    at = NOW + timedelta(minutes=30)
    post = any_store.retry_post(pid, "Siti", at, now=NOW, seen=Seen.of(before))
    assert (post.status, post.scheduled_at, post.attempts) == ("scheduled", at, 0)
    assert post.fence == before.fence + 1 and post.next_try_at is None
    assert len(any_store.post_attempts(pid)) == 1  # the old attempt stays in the log
    last = any_store.post_events(pid)[-1]
    assert (last.actor, last.action, last.at) == ("Siti", "retry", NOW)


REFUSED = {
    "in_doubt": "sosmed resolve",
    "needs_review": "sosmed resolve",
    "draft": "gagal atau terlewat",
    "approved": "gagal atau terlewat",
    "scheduled": "gagal atau terlewat",
    "published": "gagal atau terlewat",
    "cancelled": "gagal atau terlewat",
}


def test_retry_refuses_every_other_status(any_store: Store) -> None:
    for status, says in REFUSED.items():
        pid = add_post(any_store, status=status)
        before = any_store.get_post(pid)
        with pytest.raises(InvalidTransition, match=says):
            any_store.retry_post(pid, "Siti", NOW, now=NOW)
        after = any_store.get_post(pid)
        assert (after.status, after.fence) == (before.status, before.fence), status


def test_retry_refuses_a_post_refused_as_a_duplicate(any_store: Store) -> None:
    """The platform said the same words are already on the account: maybe this post's own
    earlier try. Sending it again could put it there twice."""
    for said in (
        "Rejected: x: HTTP 403 code 187 - Status is a duplicate.",
        "Rejected: facebook: HTTP 400 code 506 - Posting failed",
    ):
        pid = add_post(any_store, status="failed")
        _log_refusal(any_store, pid, said)
        with pytest.raises(InvalidTransition, match="duplikat"):
            any_store.retry_post(pid, "Siti", NOW, now=NOW)
        assert any_store.get_post(pid).status == "failed"


def test_retry_refuses_a_post_in_flight_and_a_stale_view(any_store: Store) -> None:
    pid = add_post(
        any_store, status="publishing", lease_owner="w1", lease_until=NOW + timedelta(minutes=1)
    )
    with pytest.raises(PostInFlight, match="sedang dikirim"):
        any_store.retry_post(pid, "Siti", NOW, now=NOW)
    failed = add_post(any_store, status="failed")
    seen = Seen.of(any_store.get_post(failed))
    any_store.edit_post(failed, "Teks lain #Uji", "Budi", now=NOW)  # now a draft, fence moved
    with pytest.raises(InvalidTransition):
        any_store.retry_post(failed, "Siti", NOW, now=NOW, seen=seen)
    assert any_store.get_post(failed).status == "draft"


def test_unschedule_keeps_the_approval(any_store: Store) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=NOW, approved_by="Siti")
    fence = any_store.get_post(pid).fence
    post = any_store.unschedule_post(pid, "Budi", now=NOW)
    assert (post.status, post.scheduled_at, post.approved_by) == ("approved", None, "Siti")
    assert post.fence == fence + 1
    with pytest.raises(InvalidTransition, match="terjadwal"):
        any_store.unschedule_post(pid, "Budi", now=NOW)
    assert any_store.post_events(pid)[-1].action == "unschedule"


def test_unschedule_refuses_a_stale_view(any_store: Store) -> None:
    pid = add_post(any_store, status="scheduled", scheduled_at=NOW)
    seen = Seen.of(any_store.get_post(pid))
    any_store.unschedule_post(pid, "Budi", now=NOW)
    any_store.schedule_now(pid, "Budi", NOW)  # back on the calendar: same status, new fence
    with pytest.raises(PostMoved):
        any_store.unschedule_post(pid, "Siti", now=NOW, seen=seen)
    assert any_store.get_post(pid).status == "scheduled"


def test_restore_brings_a_cancelled_post_back_as_a_draft(any_store: Store) -> None:
    pid = add_post(any_store, status="cancelled", approved_by="Siti", approved_at=NOW)
    post = any_store.restore_post(pid, "Siti", now=NOW)
    assert (post.status, post.approved_by, post.approved_at) == ("draft", None, None)
    with pytest.raises(InvalidTransition, match="dibatalkan"):
        any_store.restore_post(pid, "Siti", now=NOW)
    assert [e.action for e in any_store.post_events(pid)] == ["restore"]


def test_an_edit_of_approved_words_needs_a_new_approval(any_store: Store) -> None:
    for status in ("approved", "scheduled", "failed", "missed"):
        pid = add_post(
            any_store,
            status=status,
            text="Kata yang disetujui #Uji",
            approved_by="Siti",
            approved_at=NOW,
            scheduled_at=NOW + timedelta(hours=1),
        )
        post = any_store.edit_post(pid, "Kata yang lain #Uji", "Budi", now=NOW)
        assert (post.status, post.approved_by, post.scheduled_at) == ("draft", None, None)
        edit = any_store.post_events(pid)[-1]
        assert (edit.actor, edit.action, edit.at) == ("Budi", "edit", NOW)
        assert (edit.before, edit.after) == ("Kata yang disetujui #Uji", "Kata yang lain #Uji")
        assert read_note(edit.detail) == ("edited", {"before": 24, "after": 19, "was": status})
    draft = add_post(any_store, status="draft")
    assert any_store.edit_post(draft, "Draf diubah #Uji", "Budi", now=NOW).status == "draft"


def test_the_history_is_in_time_order(any_store: Store) -> None:
    pid = add_post(any_store, status="draft", text="Pertama #Uji")
    any_store.approve_post(pid, "Siti", now=NOW)
    any_store.edit_post(pid, "Kedua #Uji", "Budi", now=NOW + timedelta(minutes=1))
    any_store.cancel_post(pid, "Budi", now=NOW + timedelta(minutes=2))
    any_store.restore_post(pid, "Siti", now=NOW + timedelta(minutes=3))
    history = any_store.post_history(pid)
    assert [(h.actor, h.action) for h in history] == [
        ("Siti", "approve"),
        ("Budi", "edit"),
        ("Budi", "cancel"),
        ("Siti", "restore"),
    ]
    assert history[1].before == "Pertama #Uji" and history[1].after == "Kedua #Uji"
