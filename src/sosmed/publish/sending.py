"""What a worker needs around a send: the post as the platform gets it, error text, worker
names, the grace before a swept post is read back, and the test hook that kills a worker."""

from __future__ import annotations

import logging
import os
import signal
import socket
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

from sosmed.errors import (
    PlatformError,
    Transient,
)
from sosmed.models import Post, PostStatus
from sosmed.platforms._http import CONNECT_TIMEOUT
from sosmed.platforms.base import Outgoing, OutgoingImage
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


def outgoing_for(post: Post, settings: Settings) -> Outgoing:
    base = (settings.config.media.public_base_url or "").rstrip("/")
    images = []
    for ph in post.photos:
        path = Path(str(ph.get("path", "")))
        public = ph.get("url") or (f"{base}/{path.name}" if base and path.name else None)
        images.append(
            OutgoingImage(
                path=path,
                alt=str(ph.get("alt") or ""),
                width=int(ph.get("width") or 0),
                height=int(ph.get("height") or 0),
                mime=str(ph.get("mime") or "image/jpeg"),
                sha256=str(ph.get("sha256") or ""),
                public_url=public,
            )
        )
    return Outgoing(
        post_id=post.id or 0,
        account=post.account,
        text=post.text,
        images=images,
        idempotency_key=post.idempotency_key or f"sosmed-post-{post.id}",
        armed_key=post.armed_key,
    )


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
