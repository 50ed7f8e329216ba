"""`sosmed publish POST_ID`: one post now, through the same protocol, waiting for a daemon
that is already sending it rather than sending it twice."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable

from sosmed.errors import (
    ConfigError,
    InvalidTransition,
    PostInFlight,
)
from sosmed.i18n import _
from sosmed.models import Post, utcnow
from sosmed.platforms._http import CONNECT_TIMEOUT
from sosmed.publish.publisher import Publisher
from sosmed.publish.sending import Clock, S
from sosmed.settings import Settings
from sosmed.state_words import label
from sosmed.store import Store
from sosmed.store.guard import Seen, in_flight
from sosmed.store.posts import retry_hint

log = logging.getLogger(__name__)


def publish_now(
    store: Store,
    settings: Settings,
    post_id: int,
    actor: str,
    wait: float | None = None,
    on_wait: Callable[[Post], None] | None = None,
    clock: Clock = utcnow,
) -> Post:
    """`sosmed publish POST_ID`: an approved or scheduled post goes out now, same protocol.

    A compare-and-set on the post as it was read: if a daemon takes it meanwhile (or was
    already sending it), this waits up to ``wait`` seconds for the daemon's result instead of
    sending it again, then returns the post as it is; still sending after that → PostInFlight.
    ``on_wait`` is told once when the wait begins (to say so to the person).
    """
    post = store.get_post(post_id)
    # The post's state first: a draft or a published post is refused as such, not with a
    # missing secret the person would then set up for nothing.
    if post.status not in (S.approved, S.scheduled, S.missed, S.publishing):
        raise InvalidTransition(
            _(
                "post {id} berstatus {status}; hanya post yang disetujui atau terjadwal yang "
                "diterbitkan"
            ).format(id=post_id, status=label(post.status))
            + retry_hint(post)
        )
    publisher = Publisher(store, settings, worker=f"cli:{actor}:{os.getpid()}", clock=clock)
    publisher.platform(post.account)  # a missing secret or option stops here, nothing changed
    limit = wait if wait is not None else in_flight_wait(settings, post.account)
    if post.status == S.publishing:
        return wait_settled(store, post_id, limit, on_wait, clock=clock)
    try:
        store.schedule_now(post_id, actor, publisher.clock(), Seen.of(post))
    except PostInFlight:
        return wait_settled(store, post_id, limit, on_wait, clock=clock)
    publisher.tick(post_ids=[post_id])
    return wait_settled(store, post_id, limit, on_wait, clock=clock)


def in_flight_wait(settings: Settings, account: str) -> float:
    """How long `publish` waits for a daemon that is sending the same post: its request's
    time-outs, with room for uploads."""
    try:
        timeout = settings.account(account).timeout
    except ConfigError:
        timeout = 30.0
    return 2 * (timeout + CONNECT_TIMEOUT)


def wait_settled(
    store: Store,
    post_id: int,
    seconds: float,
    on_wait: Callable[[Post], None] | None = None,
    poll: float = 0.2,
    clock: Clock = utcnow,
) -> Post:
    """The post once no worker is sending it; PostInFlight if one still is after ``seconds``."""
    deadline = time.monotonic() + seconds
    told = False
    while True:
        post = store.get_post(post_id)
        busy = in_flight(post, clock(), store.tz) if post.status == S.publishing else None
        if busy is None:
            return post
        if time.monotonic() >= deadline:
            raise busy
        if on_wait is not None and not told:
            on_wait(post)
            told = True
        time.sleep(poll)
