"""Retry decisions: error type and attempt count → retry, fail, reconcile or review."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from sosmed.errors import (
    AuthError,
    CannotTell,
    InDoubt,
    PlatformError,
    RateLimited,
    Rejected,
    Transient,
)
from sosmed.publish.retry import (
    CAP_SECONDS,
    RATE_DEFAULT_SECONDS,
    backoff_seconds,
    decide,
)
from sosmed.schedule.lateness import late

NOW = datetime(2026, 11, 30, 1, 0, tzinfo=UTC)


def rng(seed: int = 7) -> random.Random:
    return random.Random(seed)


@pytest.mark.parametrize(
    "error,attempts,action,counts",
    [
        (Transient("503 before create", http_status=503), 1, "retry", True),
        (Transient("connection refused"), 4, "retry", True),
        (Transient("connection refused"), 5, "fail", True),
        (Transient("connection refused"), 9, "fail", True),
        (RateLimited("429", retry_after=120), 1, "retry", False),
        (RateLimited("429", retry_after=120), 50, "retry", False),
        (Rejected("too long", http_status=400), 1, "fail", True),
        (AuthError("token expired", http_status=401), 1, "fail", True),
        (InDoubt("read timeout after send"), 1, "reconcile", True),
        (CannotTell("no read-back on this platform"), 1, "review", True),
        (PlatformError("odd answer"), 1, "fail", True),
        (KeyError("x"), 1, "fail", True),
        (RuntimeError("boom"), 1, "fail", True),
    ],
)
def test_actions(error: BaseException, attempts: int, action: str, counts: bool) -> None:
    d = decide(error, attempts, 5, NOW, rng())
    assert d.action == action
    assert d.counts is counts
    assert d.reason
    if action == "retry":
        assert d.at is not None and d.at > NOW
    if action in ("fail", "review"):
        assert d.at is None


@pytest.mark.parametrize(
    "error,words",
    [
        (Rejected("too long"), "rejected by the platform: too long"),
        (AuthError("token expired"), "credentials refused"),
        (Transient("refused"), "attempt 2 of 5 failed: refused"),
        (KeyError("x"), "unexpected KeyError"),
    ],
)
def test_reasons_say_why(error: BaseException, words: str) -> None:
    assert words in decide(error, 2, 5, NOW, rng()).reason


@pytest.mark.parametrize("attempts,ceiling", [(1, 30), (2, 60), (3, 120), (5, 480), (8, 3600)])
def test_backoff_stays_under_its_ceiling(attempts: int, ceiling: float) -> None:
    r = rng(attempts)
    waits = [backoff_seconds(attempts, r) for _ in range(2000)]
    assert all(1.0 <= w <= ceiling for w in waits)
    # Full jitter spreads over the whole range, not around one point.
    assert min(waits) < ceiling * 0.1 + 1
    assert max(waits) > ceiling * 0.9


def test_backoff_is_capped_for_any_attempt_count() -> None:
    assert backoff_seconds(10_000, rng()) <= CAP_SECONDS


def test_transient_retry_time_is_backoff_from_now() -> None:
    d = decide(Transient("503"), 3, 5, NOW, rng(3))
    assert d.at == NOW + timedelta(seconds=backoff_seconds(3, rng(3)))
    assert d.not_before is None


def test_same_seed_same_decision() -> None:
    a = decide(Transient("503"), 2, 5, NOW, rng(11))
    b = decide(Transient("503"), 2, 5, NOW, rng(11))
    assert a == b


@pytest.mark.parametrize("retry_after", [0.0, 1.0, 120.0, 900.0, 86_400.0])
def test_rate_limit_waits_for_the_reset(retry_after: float) -> None:
    d = decide(RateLimited("429", retry_after=retry_after), 1, 5, NOW, rng())
    reset = NOW + timedelta(seconds=retry_after)
    assert d.not_before == reset
    assert d.at is not None
    assert reset <= d.at <= reset + timedelta(seconds=60)


@pytest.mark.parametrize("retry_after", [-5.0, float("nan"), float("inf")])
def test_rate_limit_without_a_usable_wait(retry_after: float) -> None:
    d = decide(RateLimited("429", retry_after=retry_after), 1, 5, NOW, rng())
    assert d.not_before == NOW + timedelta(seconds=RATE_DEFAULT_SECONDS)


def test_rate_limit_jitter_spreads_a_crowd() -> None:
    r = rng()
    times = {decide(RateLimited("429", retry_after=600), 1, 5, NOW, r).at for _ in range(50)}
    assert len(times) == 50


def test_in_doubt_reconciles_at_once() -> None:
    d = decide(InDoubt("timeout"), 1, 5, NOW, rng())
    assert (d.action, d.at, d.not_before) == ("reconcile", NOW, None)


@pytest.mark.parametrize(
    "scheduled,now,limit,expected",
    [
        (NOW, NOW, timedelta(hours=6), False),
        (NOW, NOW + timedelta(hours=6), timedelta(hours=6), False),
        (NOW, NOW + timedelta(hours=6, seconds=1), timedelta(hours=6), True),
        (NOW, NOW + timedelta(minutes=31), timedelta(minutes=30), True),
        (NOW + timedelta(hours=1), NOW, timedelta(hours=6), False),
    ],
)
def test_late(scheduled: datetime, now: datetime, limit: timedelta, expected: bool) -> None:
    assert late(scheduled, now, limit) is expected
