"""Store: the publishing protocol's writes — claim, arm, record, sweep — all fenced.

Every write that follows a claim names the fence it got; a row whose fence has moved on (the
lease expired and another worker took it) is left untouched and the write reports stale.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Integer, and_, bindparam, func, insert, or_, update
from sqlalchemy import select as sa_select
from sqlmodel import col, select

from sosmed import retry
from sosmed.errors import ClaimLost, InvalidTransition, NotFound
from sosmed.models import AccountState, Attempt, Event, Post, PostStatus
from sosmed.states import Actor, check
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.guard import Seen, guard, in_flight, moved

S = PostStatus
POST = Post.__table__  # type: ignore[attr-defined]
ATTEMPT = Attempt.__table__  # type: ignore[attr-defined]


def finished_attempt(
    post: Post,
    worker: str,
    kind: str,
    now: datetime,
    outcome: str,
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

    status: str  # the post's new status
    outcome: str  # the attempt's outcome (see models.Attempt)
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


def _started(claimed: Claimed, kind: str, now: datetime) -> dict[str, Any]:
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
    last_error = None if o.status == S.published.value else (o.message or row.last_error)
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
    # Claims

    def claim_due(
        self,
        worker: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        post_ids: list[int] | None = None,
        accounts: Collection[str] | None = None,
        max_lateness: timedelta | None = None,
    ) -> list[Claimed]:
        """Move due scheduled posts to publishing, with a lease and a new fence.

        ``accounts``: only these accounts' posts (a post of an account no longer configured
        is held, not sent). ``max_lateness``: never a post later than that (mark_missed
        takes it).
        """
        cond = and_(
            col(Post.status) == S.scheduled.value,
            col(Post.scheduled_at) <= now,
            or_(col(Post.next_try_at).is_(None), col(Post.next_try_at) <= now),
        )
        if accounts is not None:
            cond = and_(cond, col(Post.account).in_(list(accounts)))
        if max_lateness is not None:
            cond = and_(cond, col(Post.scheduled_at) >= now - max_lateness)
        return self._claim(cond, S.publishing, worker, now, lease, limit, post_ids)

    def claim_in_doubt(
        self,
        worker: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        post_ids: list[int] | None = None,
    ) -> list[Claimed]:
        """Take in-doubt posts for reconciliation: a lease and a new fence; status unchanged."""
        cond = and_(
            col(Post.status) == S.in_doubt.value,
            or_(col(Post.lease_until).is_(None), col(Post.lease_until) < now),
            or_(col(Post.next_try_at).is_(None), col(Post.next_try_at) <= now),
        )
        return self._claim(cond, S.in_doubt, worker, now, lease, limit, post_ids)

    def _claim(
        self,
        cond: Any,
        to: PostStatus,
        worker: str,
        now: datetime,
        lease: timedelta,
        limit: int,
        post_ids: list[int] | None,
    ) -> list[Claimed]:
        with self.session(immediate=True) as s:
            blocked = select(AccountState.account).where(col(AccountState.not_before) > now)
            q = select(Post.id).where(cond, col(Post.account).not_in(blocked))
            if post_ids is not None:
                q = q.where(col(Post.id).in_(post_ids))
            q = q.order_by(col(Post.scheduled_at), col(Post.id)).limit(limit)
            if not self.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            ids = list(s.exec(q).all())
            if not ids:
                return []
            s.exec(
                update(Post)
                .where(col(Post.id).in_(ids))
                .values(
                    status=to.value,
                    lease_owner=worker,
                    lease_until=now + lease,
                    fence=Post.fence + 1,
                    updated_at=now,
                )
            )
            s.flush()
            rows = s.exec(select(Post).where(col(Post.id).in_(ids)).order_by(col(Post.id))).all()
            return [Claimed(p, p.fence, worker) for p in rows]

    # Arm and record

    def arm(
        self,
        claimed: Claimed,
        kind: str,
        now: datetime,
        armed_key: str | None = None,
        idempotency_key: str | None = None,
    ) -> int | None:
        """Write the attempt (and the key) before the irreversible request.

        Returns the attempt id, or None when the claim is stale (nothing written).
        """
        p = claimed.post
        with self.connection() as conn:
            res = conn.execute(
                _ARM_POST,
                {
                    "_pid": p.id,
                    "_fence": claimed.fence,
                    "_now": now,
                    "_inc": 1 if kind == "publish" else 0,
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
        kind: str = "reconcile",
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
                "outcome": outcome.outcome if current else "stale",
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

    # Sweeps

    def sweep_expired(
        self,
        worker: str,
        now: datetime,
        grace: timedelta = timedelta(0),
        post_ids: list[int] | None = None,
    ) -> list[tuple[int, str]]:
        """Posts whose publishing lease ran out (a worker died): decide their fate.

        No attempt was armed under the current fence → nothing was sent → scheduled again.
        An attempt was armed and never finished → the request may have gone out → in_doubt,
        checked only after ``grace``: a request the old owner still had in flight may yet
        create the post, and a read-back before that would find it absent and send again.
        """
        moved: list[tuple[int, str]] = []
        with self.session(immediate=True) as s:
            q = select(Post).where(
                col(Post.status) == S.publishing.value, col(Post.lease_until) < now
            )
            if post_ids is not None:
                q = q.where(col(Post.id).in_(post_ids))
            if not self.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            for post in s.exec(q).all():
                armed = s.exec(
                    select(func.count())
                    .select_from(Attempt)
                    .where(
                        Attempt.post_id == post.id,
                        Attempt.fence == post.fence,
                        col(Attempt.kind) == "publish",
                    )
                ).one()
                target = S.in_doubt if armed else S.scheduled
                check(post.status, target.value)
                post.fence += 1
                post.status, post.lease_owner, post.lease_until = target.value, None, None
                post.updated_at = now
                post.next_try_at = now + grace if armed else None
                s.add(post)
                s.add(
                    finished_attempt(
                        post,
                        worker,
                        "sweep",
                        now,
                        "in_doubt" if armed else "retry",
                        "lease expired: the worker stopped mid-publish",
                    )
                )
                moved.append((post.id or 0, target.value))
        return moved

    def mark_missed(
        self,
        worker: str,
        now: datetime,
        max_lateness: timedelta,
        post_ids: list[int] | None = None,
    ) -> list[int]:
        """Scheduled posts later than max_lateness become missed (never published late)."""
        with self.session(immediate=True) as s:
            q = select(Post).where(
                col(Post.status) == S.scheduled.value,
                col(Post.scheduled_at) < now - max_lateness,
            )
            if post_ids is not None:
                q = q.where(col(Post.id).in_(post_ids))
            if not self.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            ids = []
            for post in s.exec(q).all():
                post.status, post.updated_at = S.missed.value, now
                post.last_error = f"missed: not sent within {max_lateness} of its time"
                post.fence += 1
                s.add(post)
                s.add(finished_attempt(post, worker, "sweep", now, "missed", post.last_error))
                ids.append(post.id or 0)
            return ids

    def post_attempts(self, post_id: int) -> list[Attempt]:
        with self.read_session() as s:
            q = select(Attempt).where(Attempt.post_id == post_id).order_by(col(Attempt.id))
            return list(s.exec(q).all())

    def resolve(
        self,
        post_id: int,
        actor: str,
        now: datetime,
        published_url: str | None,
        cancel: bool = False,
        max_lateness: timedelta | None = None,
    ) -> Post:
        """A person settles an in-doubt post: published (with its URL), or not published —
        then sent again, or cancelled (``cancel``), or missed when it is already later than
        ``max_lateness`` (a post found absent after its limit is never sent late).

        Refused while a reconciler holds the post; its fence moves, so a reconciliation that
        started before cannot overwrite the person's word.
        """
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            if post.status not in (S.in_doubt.value, S.needs_review.value):
                busy = in_flight(post, now, self.tz)
                if busy is not None:
                    raise busy
                raise InvalidTransition(
                    f"post {post_id} is {post.status}; only in_doubt or needs_review posts are "
                    "settled with resolve"
                )
            late = (
                max_lateness is not None
                and post.scheduled_at is not None
                and retry.late(post.scheduled_at, now, max_lateness)
            )
            target = (
                S.published
                if published_url
                else S.cancelled
                if cancel
                else S.missed
                if late
                else S.scheduled
            )
            guard(post, target.value, Actor.resolve, now, tz=self.tz)
            moved(post, now)  # a reconciliation still under way becomes stale
            post.status = target.value
            post.lease_owner = post.lease_until = post.next_try_at = None
            if published_url:
                post.remote_url, post.published_at = published_url, now
                post.remote_id = post.remote_id or published_url
            elif target is S.missed:
                post.last_error = (
                    f"missed: not online, and later than {max_lateness} after its time; "
                    f"schedule it again with 'sosmed schedule {post_id} --next-slot'"
                )
            elif target is S.scheduled:
                post.scheduled_at = now
            s.add(post)
            outcome = {
                S.published: "resolved_published",
                S.cancelled: "resolved_cancelled",
                S.missed: "missed",
                S.scheduled: "resolved_absent",
            }[target]
            s.add(finished_attempt(post, actor, "resolve", now, outcome, None, published_url))
            detail = published_url or f"not published → {target.value}"
            s.add(Event(at=now, actor=actor, action="resolve", post_id=post_id, detail=detail))
            return post

    def save_armed_key(self, claimed: Claimed, key: str, now: datetime) -> bool:
        """Save the platform key (Bluesky rkey, Instagram container) before the send."""
        with self.session() as s:
            res = s.exec(
                update(Post)
                .where(col(Post.id) == claimed.post.id, col(Post.fence) == claimed.fence)
                .values(armed_key=key, updated_at=now)
            )
            return bool(res.rowcount == 1)

    def schedule_now(
        self, post_id: int, actor: str, now: datetime, seen: Seen | None = None
    ) -> Post:
        """Due at once (for `sosmed publish`): approved, scheduled or missed → scheduled now.

        A compare-and-set on what the person saw: a post a worker took meanwhile is never put
        back in the queue (that would send it a second time).
        """
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            guard(post, S.scheduled.value, Actor.person, now, seen, self.tz)
            post.status, post.scheduled_at, post.next_try_at = S.scheduled.value, now, None
            moved(post, now)
            s.add(post)
            s.add(Event(at=now, actor=actor, action="publish_now", post_id=post_id))
            return post

    def defer(self, claimed: Claimed, until: datetime | None, now: datetime) -> bool:
        """Hand a claimed, never-armed post back to the queue (nothing was sent)."""
        with self.session() as s:
            res = s.exec(
                update(Post)
                .where(
                    col(Post.id) == claimed.post.id,
                    col(Post.fence) == claimed.fence,
                    col(Post.status) == S.publishing.value,
                )
                .values(
                    status=S.scheduled.value,
                    lease_owner=None,
                    lease_until=None,
                    next_try_at=until,
                    updated_at=now,
                )
            )
            return bool(res.rowcount == 1)
