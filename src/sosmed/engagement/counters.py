"""The counters sosmed keeps, under one name each across platforms, and what a read returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

# One name per counter across platforms; each platform says which it reports and what it
# calls them itself (Platform.engagement_counters).
LIKES, COMMENTS, SHARES, VIEWS = "likes", "comments", "shares", "views"
COUNTERS = (LIKES, COMMENTS, SHARES, VIEWS)
# What people did with a post, as opposed to how often it was shown: the figure posts are
# ranked by.
INTERACTIONS = (LIKES, COMMENTS, SHARES)

# Why a stage has no counters (the ``note`` of its row).
NOT_ALLOWED = "not_allowed"  # the token may not read them; not asked again for that stage
MISSED = "missed"  # a later stage was already due: this one was passed over, on the record
FAILED = "failed"  # the read failed (network, 5xx, post gone): tried again next pass
PARTLY = "partly"  # some counters read, the rest refused (views without the insights scope)


@dataclass(frozen=True)
class Counters:
    """One read of a post's counters. ``values`` by the names above (a platform may add its
    own, like Instagram's ``reach``); ``note`` says what could not be read."""

    values: dict[str, int] = field(default_factory=dict)
    note: str | None = None
    detail: str | None = None


def interactions(values: Mapping[str, int] | None) -> int:
    """Likes, comments and shares together."""
    if not values:
        return 0
    return sum(int(values.get(k) or 0) for k in INTERACTIONS)


def as_int(value: object) -> int:
    """A counter as the platform gave it (a number, a numeric string, null) as an int."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return max(value, 0)
    try:
        return max(int(str(value)), 0)
    except (TypeError, ValueError):
        return 0
