"""Store: the ways back for a person — retry what did not go out, unschedule, restore.

Each is a compare-and-set through :func:`sosmed.store.guard.guard` on the (status, fence) the
person saw, refuses a post a worker holds, moves the fence and writes its Event in the same
transaction. The post's history (its events and its attempts, in time order) is read here too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, col, select

from sosmed import states
from sosmed.audit_notes import note
from sosmed.errors import InvalidTransition
from sosmed.i18n import _
from sosmed.models import Attempt, Event, Post, PostStatus
from sosmed.state_words import label
from sosmed.states import Actor
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.guard import Seen, guard, moved
from sosmed.store.posts import event

S = PostStatus
# How the platforms say "this text is already on the account" (X 187, Facebook 506 and 368),
# as the log keeps it; the log's reasons read "duplicate" the same way.
_DUPLICATE = re.compile(r"duplicate|duplikat|\bcode (187|506|368)\b", re.IGNORECASE)


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a post's history: a person's change (Event) or an attempt of a worker."""

    at: datetime | None
    actor: str
    action: str
    detail: str | None = None
    before: str | None = None
    after: str | None = None


def refused_as_duplicate(attempts: list[Attempt]) -> bool:
    """Whether the try that failed the post was refused because the same text is already
    online. That may be this post's own earlier try: sending it again could put it on the
    account twice."""
    sent = [a for a in attempts if a.kind == "publish" and a.outcome is not None]
    if not sent or sent[-1].error_class != "Rejected":
        return False
    return bool(_DUPLICATE.search(sent[-1].message or ""))


def _retry_refusal(post: Post, s: Session) -> InvalidTransition | None:
    pid, status = post.id, post.status
    if status in (S.in_doubt, S.needs_review):
        return InvalidTransition(
            _(
                "post {id} ({status}) mungkin sudah tayang: periksa akunnya lalu selesaikan "
                "dengan 'sosmed resolve {id} --published URL' atau '--not-published'"
            ).format(id=pid, status=status)
        )
    if status not in states.RETRYABLE:
        return InvalidTransition(
            _(
                "post {id} berstatus {status}; hanya post yang gagal atau terlewat yang dikirim "
                "ulang dengan 'sosmed retry'"
            ).format(id=pid, status=status)
        )
    attempts = list(s.exec(select(Attempt).where(Attempt.post_id == pid).order_by(col(Attempt.id))))
    if post.remote_id or refused_as_duplicate(attempts):
        return InvalidTransition(
            _(
                "post {id} ditolak sebagai duplikat: teks yang sama mungkin sudah tayang; periksa "
                "akunnya, lalu ubah teksnya (sosmed edit {id} --by NAMA) atau batalkan "
                "(sosmed cancel {id} --by NAMA)"
            ).format(id=pid)
        )
    return None


class ReopenStore(StoreBase):
    def retry_post(
        self,
        post_id: int,
        actor: str,
        at: datetime,
        *,
        now: datetime,
        seen: Seen | None = None,
    ) -> Post:
        """A failed or missed post back in the queue, due at ``at``, with its tries counted
        afresh; its earlier attempts stay in the log. Never a post that is or may be online:
        in doubt and needs review are settled with resolve, and a post refused as a duplicate
        is edited or cancelled."""
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            guard(post, None, Actor.person, now, seen, self.tz)  # held, or moved since seen
            refusal = _retry_refusal(post, s)
            if refusal is not None:
                raise refusal
            states.check(post.status, S.scheduled, Actor.person)
            was = post.status
            post.status, post.scheduled_at, post.next_try_at = S.scheduled, at, None
            post.attempts = 0
            moved(post, now)
            s.add(post)
            event(s, actor, "retry", post, now, note("retry", was=was, at=at.isoformat()))
            return post

    def unschedule_post(
        self, post_id: int, actor: str, *, now: datetime, seen: Seen | None = None
    ) -> Post:
        """A scheduled post off the calendar; still approved, to be scheduled again."""
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            guard(post, None, Actor.person, now, seen, self.tz)
            if post.status != S.scheduled:
                raise InvalidTransition(
                    _(
                        "post {id} berstatus {status}; hanya post terjadwal yang bisa "
                        "dikeluarkan dari jadwal"
                    ).format(id=post_id, status=label(post.status))
                )
            states.check(post.status, S.approved, Actor.person)
            was = post.scheduled_at
            post.status, post.scheduled_at, post.next_try_at = S.approved, None, None
            moved(post, now)
            s.add(post)
            at = was.isoformat() if was else None
            event(s, actor, "unschedule", post, now, note("unscheduled", at=at))
            return post

    def restore_post(
        self, post_id: int, actor: str, *, now: datetime, seen: Seen | None = None
    ) -> Post:
        """A cancelled post back to draft: it needs an approval (and a time) again."""
        from sosmed.store.posts import back_to_draft

        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, post_id, "post")
            guard(post, None, Actor.person, now, seen, self.tz)
            if post.status != S.cancelled:
                raise InvalidTransition(
                    _(
                        "post {id} berstatus {status}; hanya post yang dibatalkan yang "
                        "dikembalikan ke draf"
                    ).format(id=post_id, status=label(post.status))
                )
            states.check(post.status, S.draft, Actor.person)
            back_to_draft(post)
            moved(post, now)
            s.add(post)
            event(s, actor, "restore", post, now, note("restored"))
            return post

    def post_history(self, post_id: int) -> list[HistoryEntry]:
        """Everything that happened to the post, oldest first: people's changes and attempts
        (a person's resolve is both; its event says it)."""
        with self.read_session() as s:
            get_or_raise(s, Post, post_id, "post")
            events = s.exec(select(Event).where(Event.post_id == post_id).order_by(col(Event.id)))
            tries = s.exec(
                select(Attempt).where(Attempt.post_id == post_id).order_by(col(Attempt.id))
            )
            found = [
                HistoryEntry(e.at, e.actor, e.action, e.detail, e.before, e.after) for e in events
            ]
            found += [_attempt_entry(a) for a in tries if a.kind != "resolve"]
        return sorted(found, key=lambda h: h.at or datetime.min.replace(tzinfo=UTC))


def _attempt_entry(a: Attempt) -> HistoryEntry:
    # Kept apart, to be worded for the reader: the outcome and error class are codes.
    detail = note(
        "attempt",
        outcome=a.outcome,
        error=a.error_class,
        message=a.message,
        url=a.remote_url,
        platform=a.platform,
    )
    return HistoryEntry(a.started_at, a.worker, f"attempt:{a.kind}", detail)
