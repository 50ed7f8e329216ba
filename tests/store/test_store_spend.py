"""The spend ledger on every database: rows as charged, sums per account and month, by kind,
and the posts held by a budget."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.support.posts import add_post

from sosmed.costs import HELD_BUDGET, Charge
from sosmed.store import Store

DEC = datetime(2026, 12, 1, tzinfo=UTC)
JAN = datetime(2027, 1, 1, tzinfo=UTC)


def test_ledger_rows_keep_what_was_charged_and_sum_exactly(any_store: Store) -> None:
    pid = add_post(any_store, "x_humas", "x")
    any_store.add_spend(
        "x_humas",
        [
            Charge("create_url", 200_000, "2026-02-06", post_id=pid),
            Charge("post_read", 15_000, "2026-02-06", units=3, post_id=pid),
            Charge("user_read", 10_000, "2026-02-06"),  # an account check: no post
        ],
        DEC + timedelta(days=3),
    )
    any_store.add_spend(
        "x_dinas", [Charge("create", 15_000, "2026-02-06", at=JAN)], DEC + timedelta(days=3)
    )
    any_store.add_spend("x_humas", [], DEC)  # nothing billed: nothing written
    rows = any_store.spend_rows(pid)
    assert [(r.kind, r.units, r.usd_micros, r.price_date) for r in rows] == [
        ("create_url", 1, 200_000, "2026-02-06"),
        ("post_read", 3, 15_000, "2026-02-06"),
    ]
    assert rows[0].at == DEC + timedelta(days=3) and rows[0].account == "x_humas"
    assert any_store.spent("x_humas", DEC) == 225_000
    assert any_store.spent("x_humas", DEC, DEC + timedelta(days=1)) == 0
    assert any_store.spent_by_account(DEC, JAN) == {"x_humas": 225_000}
    assert any_store.spent_by_account(DEC) == {"x_humas": 225_000, "x_dinas": 15_000}
    assert any_store.spend_by_kind(DEC, JAN, "x_humas") == [
        ("x_humas", "create_url", 1, 200_000),
        ("x_humas", "post_read", 3, 15_000),
        ("x_humas", "user_read", 1, 10_000),
    ]
    assert any_store.price_date(DEC, JAN) == "2026-02-06"
    assert any_store.price_date(JAN + timedelta(days=1), JAN + timedelta(days=2)) is None


def test_posts_held_by_a_budget_are_found_by_their_reason(any_store: Store) -> None:
    held = add_post(any_store, status="scheduled", last_error=f"{HELD_BUDGET} — $1.00 dari $1.00")
    add_post(any_store, status="scheduled", last_error="Transient: x: 503")
    add_post(any_store, status="failed", last_error=f"{HELD_BUDGET} — lama")
    assert [p.id for p in any_store.held_by_budget()] == [held]


def test_a_post_held_by_its_budget_is_not_counted_as_waiting_for_a_daemon(
    any_store: Store,
) -> None:
    held_at, due_at = DEC, DEC + timedelta(hours=1)
    add_post(any_store, status="scheduled", scheduled_at=held_at, last_error=f"{HELD_BUDGET} — x")
    assert any_store.oldest_due(JAN) is None
    add_post(any_store, status="scheduled", scheduled_at=due_at, last_error="Transient: 503")
    add_post(any_store, status="scheduled", scheduled_at=due_at + timedelta(hours=1))
    assert any_store.oldest_due(JAN) == due_at
