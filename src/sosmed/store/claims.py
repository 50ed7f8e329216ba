"""Store: a worker's claims — due posts to send, in-doubt posts to read back.

A claim moves the rows under a lease and a new fence in one write transaction; every later
write of the worker names that fence (see :mod:`sosmed.store.publishing`).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import col, select

from sosmed.models import AccountState, Post, PostStatus
from sosmed.store.base import StoreBase
from sosmed.store.publishing import Claimed

S = PostStatus


class ClaimStore(StoreBase):
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
            col(Post.status) == S.scheduled,
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
            col(Post.status) == S.in_doubt,
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
                    status=to,
                    lease_owner=worker,
                    lease_until=now + lease,
                    fence=Post.fence + 1,
                    updated_at=now,
                )
            )
            s.flush()
            rows = s.exec(select(Post).where(col(Post.id).in_(ids)).order_by(col(Post.id))).all()
            return [Claimed(p, p.fence, worker) for p in rows]
