"""Login attempts, counted: too many failures for one name or from one address, and the next
attempts are refused for a while without even checking the password.

In memory, per process: the workspace runs as one process (a restart forgets the counts, and
so does a second process; the Argon2 check still keeps each guess slow).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable

WINDOW = 15 * 60.0  # seconds over which failures count
PER_NAME = 5  # failures for one name
PER_ADDRESS = 20  # failures from one address, any names
PRUNE_AT = 10_000  # names or addresses kept before those with no recent failure are dropped


def blocked(failures: deque[float], now: float, limit: int, window: float = WINDOW) -> float:
    """Seconds to wait before the next attempt (0: may try now), given the times of recent
    failures; forgets those older than ``window``."""
    while failures and failures[0] <= now - window:
        failures.popleft()
    if len(failures) < limit:
        return 0.0
    return failures[0] + window - now


def _check(table: dict[str, deque[float]], key: str, now: float, limit: int) -> float:
    # A key whose failures have all gone is dropped: names tried once do not pile up.
    failures = table.get(key)
    if failures is None:
        return 0.0
    wait = blocked(failures, now, limit)
    if not failures:
        del table[key]
    return wait


class LoginLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._names: dict[str, deque[float]] = {}
        self._addresses: dict[str, deque[float]] = {}

    def wait(self, name: str, address: str) -> float:
        """Seconds before ``name`` may try again from ``address`` (0: now)."""
        now = self._clock()
        with self._lock:
            by_name = _check(self._names, name.strip().lower(), now, PER_NAME)
            by_address = _check(self._addresses, address, now, PER_ADDRESS)
            return max(by_name, by_address)

    def failed(self, name: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            self._names.setdefault(name.strip().lower(), deque()).append(now)
            self._addresses.setdefault(address, deque()).append(now)
            for table, limit in ((self._names, PER_NAME), (self._addresses, PER_ADDRESS)):
                if len(table) > PRUNE_AT:
                    for key in list(table):
                        _check(table, key, now, limit)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._names.pop(name.strip().lower(), None)

    def remembered(self) -> int:
        """How many names and addresses have failures kept."""
        with self._lock:
            return len(self._names) + len(self._addresses)
