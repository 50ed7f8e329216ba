"""Store: putting posts on the calendar, the account's taken times, and the queue."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sqlalchemy import CursorResult, Row, and_, case, func, or_, update
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from sosmed.audit_notes import note
from sosmed.errors import InputError, InvalidTransition
from sosmed.i18n import _
from sosmed.models import Article, Event, Post
from sosmed.models import PostStatus as S
from sosmed.post_row import due_at as due_at  # where it was first found
from sosmed.schedule import slots as schedule
from sosmed.settings import Settings
from sosmed.state_words import label
from sosmed.states import Actor
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.guard import Seen, guard, in_flight

# The statuses a person may (re)schedule. An in_doubt or needs_review post may already be out:
# it is settled by reconciliation or `sosmed resolve`, never by putting it back in the queue.
SCHEDULABLE = frozenset({S.approved, S.scheduled, S.missed})
# Posts that are out, or may be, or will be: they occupy their account's slots.
OCCUPYING = (S.scheduled, S.publishing, S.published, S.in_doubt, S.needs_review)
QUEUED = (S.scheduled, S.publishing, S.in_doubt)
# What the week's calendar shows at a time: every post that has one (approved and draft posts
# have none; cancelled and retracted ones are no longer anyone's plan).
ON_CALENDAR = (*QUEUED, S.published, S.failed, S.needs_review, S.missed)
UNPLACED = (S.draft, S.approved)
# How long before its place on the calendar a post's slot may be: the lateness limit is hours;
# a person settling a post in doubt (resolve --published) may take days. A post settled as
# published later than this after its slot is not drawn (the log still has it).
CALENDAR_LOOKBACK = timedelta(days=31)
# How much of a post's words and its article's title the calendar reads (it shows less).
SNIPPET_CHARS = 160


def occupied_at(post: Post) -> datetime | None:
    """When a post of the account went out or will go: published_at, a retry time, the slot."""
    if post.status == S.published and post.published_at is not None:
        return post.published_at
    return post.next_try_at or post.scheduled_at


def _refusal(post: Post, tz: tzinfo, now: datetime) -> InvalidTransition:
    pid, status = post.id, post.status
    busy = in_flight(post, now, tz)
    if busy is not None:
        return busy
    if status == S.draft:
        return InvalidTransition(
            _("post {id} masih draf: setujui dulu (sosmed approve {id})").format(id=pid)
        )
    if status in (S.in_doubt, S.needs_review):
        return InvalidTransition(
            _(
                "post {id} berstatus {status} dan mungkin sudah tayang: tetapkan dengan "
                "'sosmed resolve {id} --published URL | --not-published'"
            ).format(id=pid, status=label(status))
        )
    if status == S.failed:
        return InvalidTransition(
            _(
                "post {id} gagal; kirim lagi dengan 'sosmed retry {id} --by NAMA' "
                "(atau ubah teksnya lalu setujui lagi)"
            ).format(id=pid)
        )
    if status == S.cancelled:
        return InvalidTransition(
            _(
                "post {id} dibatalkan; kembalikan ke draf dengan 'sosmed restore {id} --by NAMA'"
            ).format(id=pid)
        )
    return InvalidTransition(
        _("post {id} berstatus {status} dan tidak bisa dijadwalkan").format(
            id=pid, status=label(status)
        )
    )


class ScheduleStore(StoreBase):
    def taken_times(
        self, account: str, start: datetime, end: datetime, exclude: Collection[int] = ()
    ) -> list[datetime]:
        """Times of the account's posts that are out, may be out, or are due, in [start, end].

        ``exclude``: posts being moved, whose present time does not count.
        """
        with self.read_session() as s:
            return self._taken(s, account, start, end, exclude)

    def _taken(
        self, s: Session, account: str, start: datetime, end: datetime, exclude: Collection[int]
    ) -> list[datetime]:
        in_window = [
            col(c).between(start, end)
            for c in (Post.scheduled_at, Post.next_try_at, Post.published_at)
        ]
        q = select(Post).where(
            Post.account == account, col(Post.status).in_(OCCUPYING), or_(*in_window)
        )
        if exclude:
            q = q.where(col(Post.id).not_in(list(exclude)))
        times = (occupied_at(p) for p in s.exec(q).all())
        return sorted(t for t in times if t is not None and start <= t <= end)

    def queue(
        self, limit: int = 100, start: datetime | None = None, end: datetime | None = None
    ) -> list[Post]:
        """What goes out next: scheduled, publishing and in_doubt posts, soonest first;
        only those due in [start, end) when given."""
        when = func.coalesce(col(Post.next_try_at), col(Post.scheduled_at))
        with self.read_session() as s:
            q = select(Post).where(col(Post.status).in_(QUEUED))
            if start is not None:
                q = q.where(when >= start.astimezone(UTC))
            if end is not None:
                q = q.where(when < end.astimezone(UTC))
            return list(s.exec(q.order_by(when, col(Post.id)).limit(limit)).all())

    def calendar_rows(self, start: datetime, end: datetime, limit: int) -> list[Row[Any]]:
        """One read for a stretch of the calendar: the posts whose time (published_at for a
        published post, else the retry time or the slot) is in [start, end), with their
        article's title, soonest first, at most ``limit``. Columns of :meth:`_calendar_select`;
        ``when`` is the time the calendar places the post at."""
        published = col(Post.status) == S.published
        when = case(
            (published, func.coalesce(col(Post.published_at), col(Post.scheduled_at))),
            else_=func.coalesce(col(Post.next_try_at), col(Post.scheduled_at)),
        )
        # The slot narrows the rows through the (status, scheduled_at) index: a post goes out
        # at or after its slot, never before, and within the lateness limit (a retry's time
        # too), so its slot is at most CALENDAR_LOOKBACK before where the calendar puts it.
        slot = col(Post.scheduled_at)
        near = and_(slot >= (start - CALENDAR_LOOKBACK).astimezone(UTC), slot < end)
        q = (
            self._calendar_select()
            .where(col(Post.status).in_(ON_CALENDAR), near)
            .where(when >= start.astimezone(UTC), when < end.astimezone(UTC))
            .order_by(when, col(Post.id))
            .limit(limit)
        )
        # Core, not the ORM: plain rows, a third of the time for a thousand of them.
        with self._connect(immediate=False) as conn:
            return list(conn.execute(q).all())

    def unplaced_rows(self, limit: int) -> list[Row[Any]]:
        """Drafts and approved posts (no time yet), newest first, at most ``limit``."""
        q = (
            self._calendar_select()
            .where(col(Post.status).in_(UNPLACED))
            .order_by(col(Post.id).desc())
            .limit(limit)
        )
        with self._connect(immediate=False) as conn:
            return list(conn.execute(q).all())

    @staticmethod
    def _calendar_select() -> Any:
        # office/week.py entry_of unpacks a row in this order.
        return columns(
            col(Post.id),
            col(Post.account),
            col(Post.platform),
            col(Post.status),
            col(Post.fence),
            col(Post.attempts),
            col(Post.scheduled_at),
            col(Post.next_try_at),
            col(Post.published_at),
            func.substr(col(Post.text), 1, SNIPPET_CHARS).label("text"),
            func.substr(col(Post.last_error), 1, SNIPPET_CHARS).label("error"),
            func.substr(col(Article.title), 1, SNIPPET_CHARS).label("title"),
        ).join(Article, col(Article.id) == col(Post.article_id))

    def schedule_posts(
        self,
        post_ids: Sequence[int],
        at: datetime | None,
        next_slot: bool,
        actor: str,
        settings: Settings,
        *,
        now: datetime,
        seen: Seen | None = None,
    ) -> list[Post]:
        """Put posts on the calendar, each in its own transaction.

        ``at`` alone: exactly then. ``next_slot``: the account's first free slot at or after
        ``at`` (now when None). Approved posts become scheduled; scheduled and missed ones move.
        Every id is checked before anything changes. ``seen``: one post, as the person saw it;
        refused (PostMoved) in the same transaction if it changed since.
        """
        if seen is not None and len(set(post_ids)) != 1:
            raise ValueError("seen is what a person saw of one post")
        if at is None and not next_slot:
            raise InputError(_("beri waktu (--at) atau minta slot kosong berikutnya (--next-slot)"))
        start = (at or now).astimezone(UTC)
        unique = list(dict.fromkeys(post_ids))
        self.posts_to_schedule(unique, now)
        return [
            self._schedule_one(pid, start, next_slot, actor, settings, now, seen) for pid in unique
        ]

    def posts_to_schedule(self, post_ids: Sequence[int], now: datetime) -> list[Post]:
        """The posts, in order; NotFound or InvalidTransition for any that cannot be scheduled."""
        if not post_ids:
            raise InputError(_("sebutkan sedikitnya satu nomor post"))
        found: list[Post] = []
        with self.read_session() as s:
            for pid in post_ids:
                post = get_or_raise(s, Post, pid, "post")
                if post.status not in SCHEDULABLE:
                    raise _refusal(post, self.tz, now)
                found.append(post)
        return found

    def breaches(
        self, post_ids: Sequence[int], at: datetime, settings: Settings, now: datetime
    ) -> list[tuple[Post, schedule.Breach]]:
        """The slot rules that scheduling these posts at ``at`` would break, post by post.

        The posts' present times do not count (they are the ones moving); each post counts the
        ones before it in the list, which would go out at the same time.
        """
        posts = self.posts_to_schedule(post_ids, now)
        moving = [p.id for p in posts if p.id is not None]
        planned: dict[str, list[datetime]] = {}
        found: list[tuple[Post, schedule.Breach]] = []
        for post in posts:
            rules = settings.account(post.account).slots
            low, high = schedule.taken_window(at, rules, days=0)
            taken = self.taken_times(post.account, low, high, moving)
            taken += planned.setdefault(post.account, [])
            found += [(post, b) for b in schedule.check_at(rules, settings.tz, at, taken)]
            planned[post.account].append(at)
        return found

    def _schedule_one(
        self,
        pid: int,
        start: datetime,
        next_slot: bool,
        actor: str,
        settings: Settings,
        now: datetime,
        seen: Seen | None = None,
    ) -> Post:
        # IMMEDIATE: the free-slot search and the write are one step for concurrent schedulers.
        with self.session(immediate=True) as s:
            post = get_or_raise(s, Post, pid, "post")
            if seen is not None:
                guard(post, None, Actor.person, now, seen, self.tz)
            if post.status not in SCHEDULABLE:
                raise _refusal(post, self.tz, now)
            guard(post, S.scheduled, Actor.person, now, tz=self.tz)
            when = self._slot_for(s, post, start, settings) if next_slot else start
            self._move(s, post, when, now)
            s.add(
                Event(
                    at=now,
                    actor=actor,
                    action="schedule",
                    post_id=pid,
                    article_id=post.article_id,
                    detail=note("at", at=when.isoformat()),
                )
            )
            s.flush()
            s.refresh(post)
            return post

    def _slot_for(self, s: Session, post: Post, start: datetime, settings: Settings) -> datetime:
        slots = settings.account(post.account).slots
        low, high = schedule.taken_window(start, slots)
        taken = self._taken(s, post.account, low, high, [post.id or 0])
        try:
            return schedule.next_slot(slots, settings.tz, start, taken)
        except InputError as e:
            raise InputError(
                _("post {id} ({account}): {error}").format(
                    id=post.id, account=post.account, error=e
                )
            ) from None

    def _move(self, s: Session, post: Post, when: datetime, now: datetime) -> None:
        """A conditional write: a daemon that claimed the post meanwhile keeps it."""
        stmt = (
            update(Post)
            .where(col(Post.id) == post.id, col(Post.status) == post.status)
            .where(col(Post.fence) == post.fence)
            .values(
                status=S.scheduled,
                scheduled_at=when,
                next_try_at=None,
                attempts=0,
                fence=Post.fence + 1,
                updated_at=now,
            )
        )
        result: CursorResult[tuple[()]] = s.connection().execute(stmt)
        if result.rowcount != 1:
            raise InvalidTransition(
                _("post {id} berubah saat dijadwalkan; lihat lagi lalu ulangi").format(id=post.id)
            )
