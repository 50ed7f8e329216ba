"""The login limit as a pure rule: failures per name and per address within a window, the wait
that follows, forgetting old failures, a success clearing its name."""

from __future__ import annotations

from collections import deque

from sosmed.web.ratelimit import PER_ADDRESS, PER_NAME, WINDOW, LoginLimiter, blocked


def test_blocked_counts_only_the_failures_in_the_window() -> None:
    failures = deque([0.0, 10.0, 20.0])
    assert blocked(failures, 30.0, limit=4) == 0
    assert blocked(failures, 30.0, limit=3) == WINDOW - 30.0  # until the first one is old
    assert blocked(failures, WINDOW + 5.0, limit=3) == 0  # the first has gone
    assert list(failures) == [10.0, 20.0]


def test_a_name_is_held_after_its_failures_and_freed_by_time_or_success() -> None:
    now = [1000.0]
    limiter = LoginLimiter(clock=lambda: now[0])
    for _ in range(PER_NAME):
        assert limiter.wait("Budi", "10.0.0.1") == 0
        limiter.failed("budi", "10.0.0.1")
    assert limiter.wait("BUDI ", "10.0.0.9") > 0  # any spelling, any address
    assert limiter.wait("Sari", "10.0.0.1") == 0
    now[0] += WINDOW + 1
    assert limiter.wait("Budi", "10.0.0.1") == 0
    limiter.failed("Budi", "10.0.0.1")
    limiter.succeeded("Budi")
    assert limiter.wait("Budi", "10.0.0.1") == 0


def test_an_address_is_held_after_failures_under_many_names() -> None:
    limiter = LoginLimiter(clock=lambda: 50.0)
    for i in range(PER_ADDRESS):
        limiter.failed(f"orang{i}", "10.0.0.66")
    assert limiter.wait("siapa-saja", "10.0.0.66") > 0
    assert limiter.wait("siapa-saja", "10.0.0.7") == 0


def test_names_whose_failures_have_gone_are_forgotten() -> None:
    now = [0.0]
    limiter = LoginLimiter(clock=lambda: now[0])
    for i in range(100):
        limiter.failed(f"tebakan{i}", "10.0.0.5")
    now[0] += WINDOW + 1
    for i in range(100):
        assert limiter.wait(f"tebakan{i}", "10.0.0.5") == 0
    assert limiter.remembered() == 0
