"""Store: a person's word on the publishing protocol — settle an in-doubt post, send one now.

Both are compare-and-sets through :func:`sosmed.store.guard.guard`, and both move the fence,
so that a worker's write begun before cannot overwrite them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.audit_notes import note
from sosmed.errors import InvalidTransition
from sosmed.i18n import _
from sosmed.models import Event, Post, PostStatus
from sosmed.schedule import lateness
from sosmed.state_words import label
from sosmed.states import Actor
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.guard import Seen, guard, in_flight, moved
from sosmed.store.publishing import finished_attempt

S = PostStatus


class SettleStore(StoreBase):
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
            if post.status not in (S.in_doubt, S.needs_review):
                busy = in_flight(post, now, self.tz)
                if busy is not None:
                    raise busy
                raise InvalidTransition(
                    _(
                        "post {id} berstatus {status}; hanya post in_doubt atau needs_review "
                        "yang ditetapkan dengan resolve"
                    ).format(id=post_id, status=label(post.status))
                )
            late = (
                max_lateness is not None
                and post.scheduled_at is not None
                and lateness.late(post.scheduled_at, now, max_lateness)
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
            guard(post, target, Actor.resolve, now, tz=self.tz)
            moved(post, now)  # a reconciliation still under way becomes stale
            post.status = target
            post.lease_owner = post.lease_until = post.next_try_at = None
            if published_url:
                post.remote_url, post.published_at = published_url, now
                post.remote_id = post.remote_id or published_url
            elif target is S.missed:
                post.last_error = _(
                    "terlewat: tidak tayang, dan sudah lewat {late} dari waktunya; "
                    "jadwalkan lagi dengan 'sosmed schedule {id} --next-slot'"
                ).format(late=max_lateness, id=post_id)
            elif target is S.scheduled:
                post.scheduled_at = now
            s.add(post)
            outcome = {
                S.published: AttemptOutcome.resolved_published,
                S.cancelled: AttemptOutcome.resolved_cancelled,
                S.missed: AttemptOutcome.missed,
                S.scheduled: AttemptOutcome.resolved_absent,
            }[target]
            s.add(
                finished_attempt(
                    post, actor, AttemptKind.resolve, now, outcome, None, published_url
                )
            )
            detail = note("resolved", url=published_url, status=None if published_url else target)
            s.add(Event(at=now, actor=actor, action="resolve", post_id=post_id, detail=detail))
            return post

    def schedule_now(
        self, post_id: int, actor: str, now: datetime, seen: Seen | None = None
    ) -> Post:
        """Due at once (for `sosmed publish`): approved, scheduled or missed → scheduled now.

        A compare-and-set on what the person saw: a post a worker took meanwhile is never put
        back in the queue (that would send it a second time).
        """
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            guard(post, S.scheduled, Actor.person, now, seen, self.tz)
            post.status, post.scheduled_at, post.next_try_at = S.scheduled, now, None
            moved(post, now)
            s.add(post)
            s.add(Event(at=now, actor=actor, action="publish_now", post_id=post_id))
            return post
