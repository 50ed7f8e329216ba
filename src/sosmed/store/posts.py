"""Store: posts as people and the composer handle them (compose, edit, approve, cancel).

Every change of a post is recorded as an Event (who, what, when) in the same transaction, and
every change goes through :func:`sosmed.store.guard.guard`: never a post a worker holds, never
an edge the state graph does not give a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from sosmed import state_words, states
from sosmed.audit_notes import note
from sosmed.errors import DoesNotFit, InputError, InvalidTransition, NotFound
from sosmed.i18n import _
from sosmed.models import Event, Post, PostStatus, utcnow
from sosmed.platforms.limits import check
from sosmed.platforms.rules import Limits
from sosmed.post_row import status_named
from sosmed.state_words import label
from sosmed.states import Actor
from sosmed.store.base import StoreBase, get_or_raise
from sosmed.store.guard import Seen, guard, in_flight, moved

_HASHTAG = re.compile(r"(?<![\w&#])#(\w*[^\W\d_]\w*)")
# Set by the composer when the text could not be fitted (an edit that fits clears it), or
# when the platform needs a photo and the post has none.
TOO_LONG = state_words.TOO_LONG
NEEDS_PHOTO = state_words.NEEDS_PHOTO


def hashtags_in(text: str) -> list[str]:
    """The hashtags a text carries, in order, without repeats."""
    seen: dict[str, str] = {}
    for tag in _HASHTAG.findall(text):
        seen.setdefault(tag.lower(), "#" + tag)
    return list(seen.values())


def event(
    session: Session,
    actor: str,
    action: str,
    post: Post,
    now: datetime,
    detail: str = "",
    before: str | None = None,
    after: str | None = None,
) -> None:
    """The audit row of a change, added to the change's own transaction."""
    session.add(
        Event(
            at=now,
            actor=actor,
            action=action,
            post_id=post.id,
            article_id=post.article_id,
            detail=detail or None,
            before=before,
            after=after,
        )
    )


def retry_hint(post: Post) -> str:
    """Where a post that did not go out is sent again from, for a refusal's message."""
    if post.status in states.RETRYABLE:
        return _(" (kirim ulang: sosmed retry {id} --by NAMA)").format(id=post.id)
    return ""


def back_to_draft(post: Post) -> None:
    """Off the calendar and without its approval: the next words need a person's yes."""
    post.status = PostStatus.draft
    post.approved_by = post.approved_at = None
    post.scheduled_at = post.next_try_at = None


def _locked(session: Session, post_id: int) -> Post:
    post = session.exec(select(Post).where(Post.id == post_id).with_for_update()).first()
    if post is None:
        raise NotFound(_("tidak ada post dengan id {id}").format(id=post_id))
    return post


def _ensure_fits(post: Post, text: str, limits: Limits | None = None) -> None:
    m = check(post.platform, text, with_images=bool(post.photos), limits=limits)
    if not m.fits:
        raise DoesNotFit(
            _("post {id} tidak muat di {platform}: {problem}").format(
                id=post.id, platform=post.platform, problem=m.problem
            ),
            m.length,
            m.limit,
        )


class PostStore(StoreBase):
    # An account's own limits (a Mastodon instance's), by account name; the office sets it.
    # None, or an answer None: the platform's limits.
    account_limits: Callable[[str], Limits | None] | None = None

    def _limits(self, post: Post) -> Limits | None:
        return self.account_limits(post.account) if self.account_limits else None

    def find_post(self, article_id: int, account: str) -> Post | None:
        with self.read_session() as s:
            query = select(Post).where(Post.article_id == article_id, Post.account == account)
            return s.exec(query).first()

    def get_post(self, post_id: int) -> Post:
        with self.read_session() as s:
            return get_or_raise(s, Post, post_id, "post")

    def list_posts(
        self,
        status: str | None = None,
        account: str | None = None,
        article_id: int | None = None,
    ) -> list[Post]:
        query = select(Post).order_by(col(Post.id))
        if status:
            query = query.where(Post.status == status_named(status))
        if account:
            query = query.where(Post.account == account)
        if article_id is not None:
            query = query.where(Post.article_id == article_id)
        with self.read_session() as s:
            return list(s.exec(query).all())

    def post_events(self, post_id: int) -> list[Event]:
        with self.read_session() as s:
            query = select(Event).where(Event.post_id == post_id).order_by(col(Event.id))
            return list(s.exec(query).all())

    def save_composed(self, post: Post, actor: str = "sosmed", now: datetime | None = None) -> Post:
        """Insert a composed post, or re-compose the draft already there for its account.

        A post that left the draft state is never touched: it is returned as it is.
        """
        try:
            return self._save_composed(post, actor, now or utcnow())
        except IntegrityError:
            # Another composer inserted the same (article, account) first.
            existing = self.find_post(post.article_id, post.account)
            if existing is None:
                raise
            return existing

    def _save_composed(self, post: Post, actor: str, now: datetime) -> Post:
        with self.session(immediate=True) as s:
            query = select(Post).where(
                Post.article_id == post.article_id, Post.account == post.account
            )
            existing = s.exec(query.with_for_update()).first()
            if existing is not None and existing.status != PostStatus.draft:
                return existing
            target = existing or Post(
                article_id=post.article_id, account=post.account, platform=post.platform, text=""
            )
            for field in ("platform", "text", "hashtags", "photos", "status", "problem"):
                setattr(target, field, getattr(post, field))
            target.approved_by, target.approved_at = post.approved_by, post.approved_at
            target.created_at = target.created_at or now
            target.updated_at = now
            if existing is not None:
                moved(target, now)  # a person's editor open on the old draft must not win
            s.add(target)
            s.flush()
            detail = note("composed", status=target.status, problem=target.problem or None)
            event(s, actor, "recompose" if existing else "compose", target, now, detail)
            if target.status == PostStatus.approved and target.approved_by:
                # Approved as it was composed: the audit names who (a feed, or no approval
                # required by the account's config).
                event(s, target.approved_by, "approve", target, now, note("at_compose"))
            return target

    def edit_post(
        self, post_id: int, text: str, actor: str, seen: Seen | None = None, *, now: datetime
    ) -> Post:
        """Replace the text; refused unless it fits the platform and nothing was sent yet.

        An approval covers the words approved: a post that was approved (scheduled, failed,
        missed) goes back to draft, off the calendar, and needs a new approval. The edit is
        recorded with its words before and after. ``seen``: the post as the person saw it when
        they started editing; refused if it moved.
        """
        text = text.strip()
        with self.session(immediate=True) as s:
            post = _locked(s, post_id)
            guard(post, None, Actor.person, now, seen, self.tz)
            if post.status not in states.EDITABLE:
                raise InvalidTransition(
                    _("post berstatus {status} tidak bisa diubah").format(status=label(post.status))
                )
            _ensure_fits(post, text, self._limits(post))
            before, was = post.text, post.status
            if was in states.APPROVED_WORDS:
                states.check(was, PostStatus.draft, Actor.person)
                back_to_draft(post)
            post.text, post.hashtags = text, hashtags_in(text)
            # A prepared container (Instagram) carries the old caption: prepare it anew.
            post.armed_key = None
            if post.problem and post.problem.startswith(TOO_LONG):
                post.problem = None
            moved(post, now)
            s.add(post)
            back = was if was != post.status else None
            detail = note("edited", before=len(before), after=len(text), was=back)
            event(s, actor, "edit", post, now, detail, before, text)
            return post

    def approve_post(self, post_id: int, by: str, *, now: datetime) -> Post:
        with self.session(immediate=True) as s:
            post = _locked(s, post_id)
            busy = in_flight(post, now, self.tz)
            if busy is not None:
                raise busy
            return approve_locked(self, s, post, by, now)

    def cancel_post(self, post_id: int, actor: str, *, now: datetime) -> Post:
        """Never to be published. A post that is, or may be, online is settled with resolve."""
        with self.session(immediate=True) as s:
            post = _locked(s, post_id)
            before = post.status
            busy = in_flight(post, now, self.tz)
            if busy is not None:
                raise busy
            if post.status in (PostStatus.in_doubt, PostStatus.needs_review):
                raise InvalidTransition(
                    _(
                        "post {id} ({status}) mungkin sudah tayang: periksa akunnya lalu "
                        "selesaikan dengan 'sosmed resolve {id} --published URL' atau "
                        "'--not-published [--cancel]'"
                    ).format(id=post_id, status=label(post.status))
                )
            guard(post, PostStatus.cancelled, Actor.person, now, tz=self.tz)
            post.status = PostStatus.cancelled
            moved(post, now)
            s.add(post)
            event(s, actor, "cancel", post, now, note("was", status=before))
            return post


def approve_locked(store: PostStore, s: Session, post: Post, by: str, now: datetime) -> Post:
    """Approve the draft ``post``, locked in ``s``: its words as they are now, checked."""
    if post.status != PostStatus.draft:
        # Approving a scheduled post would silently take it out of the queue.
        raise InvalidTransition(
            _("post {id} berstatus {status}; hanya draf yang bisa disetujui").format(
                id=post.id, status=label(post.status)
            )
            + retry_hint(post)
        )
    if post.problem:
        raise InputError(
            _("post {id} tidak bisa disetujui: {problem}").format(
                id=post.id, problem=state_words.problem_label(post.problem)
            )
        )
    _ensure_fits(post, post.text, store._limits(post))
    guard(post, PostStatus.approved, Actor.person, now, tz=store.tz)
    post.status, post.approved_by, post.approved_at = PostStatus.approved, by, now
    moved(post, now)
    s.add(post)
    event(s, by, "approve", post, now)
    return post
