"""The lateness limit: past it a post is missed, never sent (a news post a day late misleads)."""

from __future__ import annotations

from datetime import datetime, timedelta


def late(scheduled_at: datetime, now: datetime, max_lateness: timedelta) -> bool:
    """Whether a post due at ``scheduled_at`` is too late to go out at ``now``."""
    return now - scheduled_at > max_lateness
