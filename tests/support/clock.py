"""A clock a test moves by hand, for code that takes ``clock=``."""

from __future__ import annotations

from datetime import datetime

from sosmed.models import utcnow


class Clock:
    """Starts at the real time; reads ``now``, which the test sets."""

    def __init__(self) -> None:
        self.now = utcnow()

    def __call__(self) -> datetime:
        return self.now
