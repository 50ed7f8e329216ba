"""Store: taking published posts off their platforms (`sosmed retract`).

Two writes per post, on either side of the platform's delete: ``begin_retraction`` records the
order (who, when, why) as ``retracting`` before anything is asked, and ``finish_retraction``
records what came of it. A run cut off between the two leaves ``retracting``, which the next
run asks again (a platform that answers "not found" then counts as deleted); one that reached
``retracted`` is never asked again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlmodel import col, select

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.audit_notes import note
from sosmed.errors import InvalidTransition
from sosmed.i18n import _
from sosmed.models import Event, Post, PostStatus, Retraction, RetractState
from sosmed.post_row import PostRow
from sosmed.states import Actor
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.fast_health import HealthReads, RetractOrder
from sosmed.store.guard import guard, moved
from sosmed.store.publishing import finished_attempt

OUTCOMES = {
    RetractState.retracted: AttemptOutcome.retracted,
    RetractState.manual: AttemptOutcome.retract_manual,
    RetractState.failed: AttemptOutcome.retract_failed,
}


class RetractStore(StoreBase):
    def retractions(self, post_ids: Iterable[int]) -> dict[int, Retraction]:
        """The retraction of each of these posts that has one, by post id."""
        ids = list(post_ids)
        with self.read_session() as s:
            rows = s.scalars(select(Retraction).where(col(Retraction.post_id).in_(ids))).all()
            return {r.post_id: r for r in rows}

    def begin_retraction(
        self, post_id: int, actor: str, reason: str, now: datetime
    ) -> tuple[Post, Retraction]:
        """Record the order before the platform is asked; the post and its retraction.

        A post already retracted comes back as it is (nothing to ask). Only a published post
        is taken: anything else was never online, so there is nothing to delete.
        """
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            found = s.scalars(select(Retraction).where(Retraction.post_id == post_id)).first()
            if found is not None and found.state == RetractState.retracted:
                return post, found
            if post.status != PostStatus.published:
                raise InvalidTransition(
                    _("post {id} berstatus {status}; hanya post yang tayang yang ditarik").format(
                        id=post_id, status=post.status
                    )
                )
            if found is None:
                found = Retraction(post_id=post_id, actor=actor, reason=reason, requested_at=now)
                detail = note("reason", reason=reason)
                s.add(Event(at=now, actor=actor, action="retract", post_id=post_id, detail=detail))
            found.state, found.tries = RetractState.retracting, found.tries + 1
            s.add(found)
            s.flush()
            return post, found

    def finish_retraction(
        self,
        post_id: int,
        state: RetractState,
        now: datetime,
        actor: str,
        message: str,
        error_class: str | None = None,
    ) -> Retraction:
        """Record how the platform answered: ``retracted`` makes the post retracted (for
        good); ``manual`` and ``failed`` leave it published, waiting for a person or the
        next run. One log row each time, so the post log shows the retraction."""
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            found = s.scalars(select(Retraction).where(Retraction.post_id == post_id)).one()
            found.state, found.finished_at = state, now
            found.message = None if state == RetractState.retracted else message
            s.add(found)
            if state == RetractState.retracted and post.status != PostStatus.retracted:
                guard(post, PostStatus.retracted, Actor.person, now, tz=self.tz)
                moved(post, now)
                post.status = PostStatus.retracted
                s.add(post)
            row = finished_attempt(post, actor, AttemptKind.retract, now, OUTCOMES[state], message)
            row.error_class = error_class
            s.add(row)
            return found

    def retractions_waiting(self) -> list[tuple[RetractOrder, PostRow]]:
        """Retractions a person must finish (left to them, or failed), oldest order first;
        the SQL `status` reads (sosmed.store.fast_health)."""
        with self.raw_read() as (conn, dialect):
            return HealthReads(conn, dialect).retractions_waiting()
