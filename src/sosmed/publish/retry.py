"""An error and an attempt count → what to do next. Pure: the clock and the dice come in.

    Transient     retry after exponential backoff with full jitter (30 s, ×2, at most 1 h)
                  while attempts < max_attempts; then fail
    RateLimited   retry after the platform's reset (plus a little jitter); nothing goes to that
                  account before the reset (``not_before``). It does not count toward
                  max_attempts: the platform refused to look at the post, not the post itself.
                  What bounds it is the lateness limit: a post still waiting after
                  ``max_lateness`` is missed.
    Rejected      fail: a person must edit or cancel the post
    AuthError     fail: a person must renew the credentials
    InDoubt       reconcile (never re-send blind)
    CannotTell    review: a person decides whether it went out
    anything else fail

``attempts`` is the number of counted tries made so far, the one that just failed included.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from sosmed.errors import AuthError, CannotTell, InDoubt, RateLimited, Rejected, Transient

BASE_SECONDS = 30.0
FACTOR = 2.0
CAP_SECONDS = 3600.0
# A retry sooner than this would land in the same tick of the daemon.
MIN_SECONDS = 1.0
# Many posts of one account wait for the same reset; a little spread keeps them from all
# arriving in the same second: up to 10% of the wait, between 1 s and 60 s.
RATE_JITTER_SHARE, RATE_JITTER_MIN, RATE_JITTER_MAX = 0.1, 1.0, 60.0
# A 429 without a usable Retry-After (missing, negative, NaN) waits this long.
RATE_DEFAULT_SECONDS = 900.0

Action = Literal["retry", "fail", "reconcile", "review"]


@dataclass(frozen=True)
class Decision:
    """What to do with a post after an error.

    ``at``: when to try again (retry) or reconcile; ``not_before``: no request of any post to
    this account before then; ``counts``: whether this try counts toward max_attempts.
    """

    action: Action
    at: datetime | None
    not_before: datetime | None
    reason: str
    counts: bool = True


def backoff_seconds(attempts: int, rng: random.Random) -> float:
    """Full jitter: uniform between 0 and min(cap, base × factor^(attempts-1)), at least 1 s."""
    exponent = max(attempts - 1, 0)
    # Beyond 2^20 the cap has long been reached; stop before the float grows without need.
    ceiling = min(CAP_SECONDS, BASE_SECONDS * FACTOR ** min(exponent, 20))
    return max(MIN_SECONDS, rng.uniform(0.0, ceiling))


def rate_wait(retry_after: float) -> float:
    """The platform's wait in seconds, or a default when it gave none that can be used."""
    if not math.isfinite(retry_after) or retry_after < 0:
        return RATE_DEFAULT_SECONDS
    return retry_after


def decide(
    error: BaseException, attempts: int, max_attempts: int, now: datetime, rng: random.Random
) -> Decision:
    """The next step for a post whose try ended in ``error``."""
    if isinstance(error, RateLimited):
        return _rate_limited(error, now, rng)
    if isinstance(error, Transient):
        return _transient(error, attempts, max_attempts, now, rng)
    if isinstance(error, InDoubt):
        return Decision("reconcile", now, None, f"outcome unknown, reconciling: {error}")
    if isinstance(error, CannotTell):
        return Decision("review", None, None, f"cannot tell if it was published: {error}")
    if isinstance(error, AuthError):
        return Decision("fail", None, None, f"credentials refused, renew them: {error}")
    if isinstance(error, Rejected):
        return Decision("fail", None, None, f"rejected by the platform: {error}")
    return Decision("fail", None, None, f"unexpected {type(error).__name__}: {error}")


def _transient(
    error: Transient, attempts: int, max_attempts: int, now: datetime, rng: random.Random
) -> Decision:
    if attempts >= max_attempts:
        return Decision("fail", None, None, f"gave up after {attempts} attempts: {error}")
    wait = backoff_seconds(attempts, rng)
    at = now + timedelta(seconds=wait)
    return Decision("retry", at, None, f"attempt {attempts} of {max_attempts} failed: {error}")


def _rate_limited(error: RateLimited, now: datetime, rng: random.Random) -> Decision:
    wait = rate_wait(error.retry_after)
    jitter_top = min(RATE_JITTER_MAX, max(RATE_JITTER_MIN, wait * RATE_JITTER_SHARE))
    reset = now + timedelta(seconds=wait)
    at = reset + timedelta(seconds=rng.uniform(0.0, jitter_top))
    reason = f"rate limited for {wait:.0f} s: {error}"
    return Decision("retry", at, reset, reason, counts=False)
