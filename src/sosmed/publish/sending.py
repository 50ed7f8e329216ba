"""What a worker needs around a send: the post as the platform gets it, error text, worker
names, the grace before a swept post is read back, and the test hook that kills a worker."""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from datetime import datetime, timedelta

from sosmed.errors import (
    PlatformError,
    Transient,
)
from sosmed.models import PostStatus
from sosmed.platforms._http import CONNECT_TIMEOUT
from sosmed.platforms.outgoing import outgoing_for as outgoing_for
from sosmed.redact import redact
from sosmed.settings import Settings

log = logging.getLogger(__name__)


S = PostStatus
CONFIG_RETRY = timedelta(minutes=5)
READ_BACK_TRIES = 5
Clock = Callable[[], datetime]


def crashpoint(name: str) -> None:
    """Fault testing: die here, as a killed daemon would, when SOSMED_CRASHPOINT names it."""
    if os.environ.get("SOSMED_CRASHPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def default_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def describe(error: BaseException) -> str:
    return redact(f"{type(error).__name__}: {error}")


def retry_absent_error() -> PlatformError:
    """Proven absent after doubt: a retry like any not-sent error."""
    return Transient("the post is not on the platform")


def sweep_grace(settings: Settings) -> timedelta:
    """How long a swept post waits before it is read back: longer than any request of its
    dead (or paused) owner can still take to create it, so that a read-back does not find it
    absent, send it again, and then meet the first copy."""
    longest = max((a.timeout for a in settings.config.accounts), default=30.0)
    return timedelta(seconds=2 * (longest + CONNECT_TIMEOUT))
