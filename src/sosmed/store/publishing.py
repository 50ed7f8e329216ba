"""Store: the worker's fenced writes around one request — arm, record, renew, hand back.

Every write that follows a claim names the fence it got; a row whose fence has moved on (the
lease expired and another worker took it) is left untouched and the write reports stale.
Claims are in :mod:`sosmed.store.claims`, sweeps in :mod:`sosmed.store.sweeps`, a person's
word in :mod:`sosmed.store.settling`.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Integer, bindparam, func, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import col

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.errors import ClaimLost, NotFound
from sosmed.models import Attempt, Post, PostStatus
from sosmed.states import check
from sosmed.store.base import StoreBase

S = PostStatus
POST = Post.__table__  # type: ignore[attr-defined]
ATTEMPT = Attempt.__table__  # type: ignore[attr-defined]


def finished_attempt(
    post: Post,
    worker: str,
    kind: AttemptKind,
    now: datetime,
    outcome: AttemptOutcome,
    message: str | None = None,
    remote_url: str | None = None,
) -> Attempt:
    """A log row for a decision taken without a request (sweep, missed, a person's word)."""
    return Attempt(
        post_id=post.id or 0,
        account=post.account,
        platform=post.platform,
        fence=post.fence,
        worker=worker,
        kind=kind,
        started_at=now,
        finished_at=now,
        outcome=outcome,
        message=message,
        remote_url=remote_url,
    )


@dataclass(frozen=True)
class Claimed:
    post: Post
    fence: int
    worker: str


@dataclass(frozen=True)
class Outcome:
    """What happened to one attempt, as the protocol records it."""

    status: PostStatus  # the post's new status
    outcome: AttemptOutcome
    error_class: str | None = None
    message: str | None = None
    http_status: int | None = None
    remote_id: str | None = None
    remote_url: str | None = None
    next_try_at: datetime | None = None
    published_at: datetime | None = None
    # False when the try does not count toward max_attempts (a rate limit: nothing was wrong).
    counts: bool = True


# The hot path (arm and record run for every post) uses Core statements built once: no ORM
# unit of work, no statement construction per call. Parameters named with a leading
# underscore are the WHERE clause's; the others are columns to SET.
_ARM_POST = (
    update(POST)
    .where(POST.c.id == bindparam("_pid"), POST.c.fence == bindparam("_fence"))
    .values(
        updated_at=bindparam("_now", type_=POST.c.updated_at.type),
        attempts=POST.c.attempts + bindparam("_inc", type_=Integer()),
        armed_key=func.coalesce(
            bindparam("_armed_key", type_=POST.c.armed_key.type), POST.c.armed_key
        ),
        idempotency_key=func.coalesce(
            bindparam("_idempotency_key", type_=POST.c.idempotency_key.type),
            POST.c.idempotency_key,
        ),
    )
)
_POST_ROW = sa_select(
    POST.c.status,
    POST.c.fence,
    POST.c.attempts,
    POST.c.remote_id,
    POST.c.remote_url,
    POST.c.published_at,
    POST.c.last_error,
).where(POST.c.id == bindparam("_pid"))
_POST_ROW_LOCKED = _POST_ROW.with_for_update()
_RECORD_POST = update(POST).where(
    POST.c.id == bindparam("_pid"), POST.c.fence == bindparam("_fence")
)
_FINISH_ATTEMPT = update(ATTEMPT).where(ATTEMPT.c.id == bindparam("_aid"))
_RENEW = (
    update(POST)
    .where(
        POST.c.id == bindparam("_pid"),
        POST.c.fence == bindparam("_fence"),
        POST.c.lease_owner == bindparam("_worker"),
    )
    .values(lease_until=bindparam("_until", type_=POST.c.lease_until.type))
)


def _started(claimed: Claimed, kind: AttemptKind, now: datetime) -> dict[str, Any]:
    """A new attempt row's columns, under the claim's fence."""
    p = claimed.post
    return {
        "post_id": p.id or 0,
        "account": p.account,
        "platform": p.platform,
        "fence": claimed.fence,
        "worker": claimed.worker,
        "kind": kind,
        "started_at": now,
    }


def _applied(row: Any, o: Outcome, now: datetime) -> dict[str, Any]:
    """The post's columns after an outcome, from its current row (read under the write lock)."""
    published = bool(o.remote_id)
    last_error = None if o.status == S.published else (o.message or row.last_error)
    return {
        "status": o.status,
        "updated_at": now,
        "lease_owner": None,
        "lease_until": None,
        "next_try_at": o.next_try_at,
        "attempts": row.attempts if o.counts else max(0, row.attempts - 1),
        "remote_id": o.remote_id if published else row.remote_id,
        "remote_url": o.remote_url if published else row.remote_url,
        "published_at": (o.published_at or now) if published else row.published_at,
        "last_error": last_error,
    }


class PublishStore(StoreBase):
    def arm(
        self,
        claimed: Claimed,
        kind: AttemptKind,
        now: datetime,
        armed_key: str | None = None,
        idempotency_key: str | None = None,
        counts: bool | None = None,
    ) -> int | None:
        """Write the attempt (and the key) before the irreversible request.

        ``counts``: whether it is a try toward max_attempts (default: a publish is).
        Returns the attempt id, or None when the claim is stale (nothing written).
        """
        p = claimed.post
        counted = kind is AttemptKind.publish if counts is None else counts
        with self.connection() as conn:
            res = conn.execute(
                _ARM_POST,
                {
                    "_pid": p.id,
                    "_fence": claimed.fence,
                    "_now": now,
                    "_inc": 1 if counted else 0,
                    "_armed_key": armed_key,
                    "_idempotency_key": idempotency_key,
                },
            )
            if res.rowcount != 1:
                return None
            row = conn.execute(insert(ATTEMPT), _started(claimed, kind, now))
            key = row.inserted_primary_key
            return None if key is None else int(key[0])

    def record(
        self,
        claimed: Claimed,
        attempt_id: int | None,
        outcome: Outcome,
        now: datetime,
        kind: AttemptKind = AttemptKind.reconcile,
    ) -> bool:
        """Finish an attempt and move the post, only if the fence still holds.

        The attempt row is always finished (it is the log of what happened); the post changes
        only for the current owner. Returns False for a stale write.
        """
        pid = claimed.post.id
        with self.connection() as conn:
            # SQLite's BEGIN IMMEDIATE already holds the write lock; PostgreSQL locks the row.
            read = _POST_ROW if self.is_sqlite else _POST_ROW_LOCKED
            row = conn.execute(read, {"_pid": pid}).first()
            current = row is not None and row.fence == claimed.fence
            if current and row is not None:
                check(row.status, outcome.status)
                values = _applied(row, outcome, now)
                conn.execute(_RECORD_POST, {"_pid": pid, "_fence": claimed.fence, **values})
            finished = {
                "finished_at": now,
                "outcome": outcome.outcome if current else AttemptOutcome.stale,
                "error_class": outcome.error_class,
                "message": outcome.message,
                "http_status": outcome.http_status,
                "remote_id": outcome.remote_id,
                "remote_url": outcome.remote_url,
            }
            if attempt_id is None:
                conn.execute(insert(ATTEMPT), {**_started(claimed, kind, now), **finished})
            elif conn.execute(_FINISH_ATTEMPT, {"_aid": attempt_id, **finished}).rowcount != 1:
                raise NotFound(f"no attempt {attempt_id}")
            return current

    def save_created(
        self, claimed: Claimed, attempt_id: int, remote_id: str, url: str | None, now: datetime
    ) -> bool:
        """The post is online, its reply not yet asked for: keep its id on the post (which
        stays in publishing) and finish its attempt; False, writing nothing, when stale."""
        with self.connection() as conn:
            res = conn.execute(
                _RECORD_POST,
                {
                    "_pid": claimed.post.id,
                    "_fence": claimed.fence,
                    "remote_id": remote_id,
                    "remote_url": url,
                    "published_at": now,
                    "updated_at": now,
                },
            )
            if res.rowcount != 1:
                return False
            conn.execute(
                _FINISH_ATTEMPT,
                {
                    "_aid": attempt_id,
                    "finished_at": now,
                    "outcome": AttemptOutcome.published,
                    "message": "posted; the reply with the link comes next",
                    "remote_id": remote_id,
                    "remote_url": url,
                },
            )
            return True

    def release(self, claimed: Claimed, now: datetime) -> bool:
        """Give back an in-doubt post's reconcile lease without deciding anything."""
        with self.session() as s:
            res = s.exec(
                update(Post)
                .where(col(Post.id) == claimed.post.id, col(Post.fence) == claimed.fence)
                .values(lease_owner=None, lease_until=None, updated_at=now)
            )
            return bool(res.rowcount == 1)

    def renew(self, claims: Collection[Claimed], until: datetime) -> list[int]:
        """Extend the leases of claims still held (fenced); the ids whose claim moved on."""
        lost = []
        with self.connection() as conn:
            for c in claims:
                res = conn.execute(
                    _RENEW,
                    {"_pid": c.post.id, "_fence": c.fence, "_worker": c.worker, "_until": until},
                )
                if res.rowcount != 1:
                    lost.append(c.post.id or 0)
        return lost

    def confirm(self, claimed: Claimed, until: datetime) -> None:
        """Just before the creating request: the claim still holds (its lease renewed), or
        ClaimLost — another worker swept or took the post, and this request must not go."""
        if self.renew([claimed], until):
            raise ClaimLost(
                f"post {claimed.post.id}: the claim (fence {claimed.fence}) moved on before "
                "the request; nothing sent"
            )

    def save_armed_key(self, claimed: Claimed, key: str, now: datetime) -> bool:
        """Save the platform key (Bluesky rkey, Instagram container) before the send."""
        with self.session() as s:
            res = s.exec(
                update(Post)
                .where(col(Post.id) == claimed.post.id, col(Post.fence) == claimed.fence)
                .values(armed_key=key, updated_at=now)
            )
            return bool(res.rowcount == 1)

    def defer(
        self, claimed: Claimed, until: datetime | None, now: datetime, reason: str | None = None
    ) -> bool:
        """Hand a claimed, never-armed post back to the queue (nothing was sent); ``reason``,
        when given, says why it waits (a budget), in the post's last error."""
        extra = {} if reason is None else {"last_error": reason}
        with self.session() as s:
            res = s.exec(
                update(Post)
                .where(
                    col(Post.id) == claimed.post.id,
                    col(Post.fence) == claimed.fence,
                    col(Post.status) == S.publishing,
                )
                .values(
                    status=S.scheduled,
                    lease_owner=None,
                    lease_until=None,
                    next_try_at=until,
                    updated_at=now,
                    **extra,
                )
            )
            return bool(res.rowcount == 1)
