"""Retractions on SQLite and PostgreSQL: the order is recorded before the platform is asked
and its outcome after; only a published post is taken; retracted is final and moves the
fence; a failure leaves the post published for the next run."""

from __future__ import annotations

import pytest
from sqlmodel import select
from tests.support.posts import add_post

from sosmed.errors import InvalidTransition
from sosmed.models import Attempt, RetractState, utcnow
from sosmed.store import Store

NOW = utcnow().replace(microsecond=0)


def test_order_then_outcome(any_store: Store) -> None:
    pid = add_post(any_store, status="published", remote_id="1")
    fence = any_store.get_post(pid).fence
    post, order = any_store.begin_retraction(pid, "Siti", "salah", NOW)
    assert (order.state, order.tries, order.actor, order.reason) == (
        RetractState.retracting,
        1,
        "Siti",
        "salah",
    )
    assert any_store.get_post(pid).status == "published"  # nothing known to be gone yet

    any_store.finish_retraction(pid, RetractState.failed, NOW, "Siti", "gagal", "Transient")
    assert any_store.get_post(pid).status == "published"
    _, again = any_store.begin_retraction(pid, "Budi", "lagi", NOW)
    assert (again.tries, again.actor) == (2, "Siti")  # the first order's who and why stay

    done = any_store.finish_retraction(pid, RetractState.retracted, NOW, "Budi", "ditarik")
    assert done.state == RetractState.retracted and done.message is None
    post = any_store.get_post(pid)
    assert post.status == "retracted" and post.fence == fence + 1
    _, same = any_store.begin_retraction(pid, "Budi", "lagi", NOW)
    assert (same.state, same.tries) == (RetractState.retracted, 2)  # not asked again
    with any_store.read_session() as s:
        rows = s.scalars(select(Attempt).where(Attempt.post_id == pid)).all()
        assert [(a.kind, a.outcome, a.error_class) for a in rows] == [
            ("retract", "retract_failed", "Transient"),
            ("retract", "retracted", None),
        ]
    assert set(any_store.retractions([pid, pid + 1000])) == {pid}


@pytest.mark.parametrize("status", ["draft", "scheduled", "in_doubt", "cancelled", "failed"])
def test_only_published_posts(any_store: Store, status: str) -> None:
    pid = add_post(any_store, status=status)
    with pytest.raises(InvalidTransition):
        any_store.begin_retraction(pid, "Siti", "salah", NOW)
    assert any_store.retractions([pid]) == {}


def test_the_retractions_a_person_must_finish(any_store: Store) -> None:
    manual, failed, going, done = (
        add_post(any_store, status="published", remote_id=str(n)) for n in range(4)
    )
    for pid, state in ((manual, RetractState.manual), (failed, RetractState.failed)):
        any_store.begin_retraction(pid, "Siti", "salah", NOW)
        any_store.finish_retraction(pid, state, NOW, "Siti", "tunggu")
    any_store.begin_retraction(going, "Siti", "salah", NOW)  # being asked: no person yet
    any_store.begin_retraction(done, "Siti", "salah", NOW)
    any_store.finish_retraction(done, RetractState.retracted, NOW, "Siti", "ditarik")
    waiting = any_store.retractions_waiting()
    assert [(r.post_id, p.id, r.state) for r, p in waiting] == [
        (manual, manual, RetractState.manual),
        (failed, failed, RetractState.failed),
    ]

    any_store.finish_retraction(manual, RetractState.retracted, NOW, "Budi", "dihapus sendiri")
    assert [p.id for _r, p in any_store.retractions_waiting()] == [failed]
