"""Which stage of which post is due for a read (pure).

A stage is due once the post is that old. One that was missed (the daemon was down) is read
late, once; if a later stage is due too, only the latest is read and the earlier ones are
recorded as missed, so that no stage disappears without a trace and no read is spent on
counters that would carry a wrong age. Once the post is older than the last stage plus the
grace, open stages are recorded as missed (for a post already followed) or left alone (a post
from before engagement was collected).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Due:
    stage: str
    read: bool  # False: record the stage as missed, with no counters


def due_stages(
    published_at: datetime,
    now: datetime,
    done: Collection[str],
    stages: Sequence[tuple[str, timedelta]],
    grace: timedelta,
) -> list[Due]:
    """What to do now for a post published at ``published_at`` whose stages ``done`` have a
    row; ``stages`` (name, age) earliest first."""
    if not stages:
        return []
    age = now - published_at
    passed = [name for name, at in stages if age >= at]
    open_ = [name for name in passed if name not in done]
    if not open_:
        return []
    if age > stages[-1][1] + grace:
        return [Due(name, False) for name in open_] if done else []
    latest = passed[-1]
    return [Due(name, name == latest) for name in open_]


def window(stages: Sequence[tuple[str, timedelta]], grace: timedelta) -> timedelta:
    """How far back a post may have been published and still have a stage to read."""
    return (stages[-1][1] if stages else timedelta(0)) + grace
