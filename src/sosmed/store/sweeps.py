"""Store: what a worker decides about posts nobody is sending — dead leases, missed times.

Each decision is fenced (the fence moves) and logged as an attempt without a request.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func
from sqlmodel import col, select

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.i18n import _
from sosmed.models import Attempt, Post, PostStatus
from sosmed.states import check
from sosmed.store.base import StoreBase
from sosmed.store.publishing import finished_attempt

S = PostStatus


class SweepStore(StoreBase):
    def sweep_expired(
        self,
        worker: str,
        now: datetime,
        grace: timedelta = timedelta(0),
        post_ids: list[int] | None = None,
    ) -> list[tuple[int, PostStatus]]:
        """Posts whose publishing lease ran out (a worker died): decide their fate.

        No attempt was armed under the current fence → nothing was sent → scheduled again.
        An attempt was armed and never finished → the request may have gone out → in_doubt,
        checked only after ``grace``: a request the old owner still had in flight may yet
        create the post, and a read-back before that would find it absent and send again.
        """
        moved: list[tuple[int, PostStatus]] = []
        with self.session(immediate=True) as s:
            q = select(Post).where(col(Post.status) == S.publishing, col(Post.lease_until) < now)
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
                        # A creating request: the post's, or the reply with its link.
                        col(Attempt.kind).in_([AttemptKind.publish, AttemptKind.reply]),
                    )
                ).one()
                target = S.in_doubt if armed else S.scheduled
                check(post.status, target)
                post.fence += 1
                post.status, post.lease_owner, post.lease_until = target, None, None
                post.updated_at = now
                post.next_try_at = now + grace if armed else None
                s.add(post)
                s.add(
                    finished_attempt(
                        post,
                        worker,
                        AttemptKind.sweep,
                        now,
                        AttemptOutcome.in_doubt if armed else AttemptOutcome.retry,
                        _("sewa habis: prosesnya berhenti di tengah pengiriman"),
                    )
                )
                moved.append((post.id or 0, target))
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
                col(Post.status) == S.scheduled,
                col(Post.scheduled_at) < now - max_lateness,
            )
            if post_ids is not None:
                q = q.where(col(Post.id).in_(post_ids))
            if not self.is_sqlite:
                q = q.with_for_update(skip_locked=True)
            ids = []
            for post in s.exec(q).all():
                post.status, post.updated_at = S.missed, now
                post.last_error = _("terlewat: tidak terkirim dalam {late} dari waktunya").format(
                    late=max_lateness
                )
                post.fence += 1
                s.add(post)
                s.add(
                    finished_attempt(
                        post, worker, AttemptKind.sweep, now, AttemptOutcome.missed, post.last_error
                    )
                )
                ids.append(post.id or 0)
            return ids
