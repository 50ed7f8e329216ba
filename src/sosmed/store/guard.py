"""A person's change of a post: a compare-and-set on the (status, fence) the person saw.

The workers' writes are fenced (store/claims.py, publishing.py, sweeps.py); these are the
people's. Each one reads the post under the write lock, refuses a post a worker holds (with
when and by whom), refuses a post that moved since the person looked (when the caller says
what it saw), checks the edge against the state graph for its actor, and bumps the fence, so
that every change of status is visible to every other actor as a new fence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo

from sosmed import states
from sosmed.errors import PostInFlight, PostMoved
from sosmed.i18n import _
from sosmed.models import Post
from sosmed.models import PostStatus as S
from sosmed.states import Actor


@dataclass(frozen=True)
class Seen:
    """What a person's command read before it acted (the editor was open, a platform checked)."""

    status: S
    fence: int

    @classmethod
    def of(cls, post: Post) -> Seen:
        return cls(post.status, post.fence)


def _holder(post: Post, tz: tzinfo) -> str:
    """ "daemon host:123 (mulai 10:03:12 WIB)", with what is known of who and since when."""
    from sosmed.timefmt import zone_abbr

    who = f"daemon {post.lease_owner}" if post.lease_owner else "daemon"
    if post.updated_at is None:
        return who
    local = post.updated_at.astimezone(tz)
    return _("{who} (mulai {time})").format(who=who, time=f"{local:%H:%M:%S} {zone_abbr(local)}")


def in_flight(post: Post, now: datetime, tz: tzinfo = UTC) -> PostInFlight | None:
    """Why a person must wait, when a worker holds the post; None when nobody does.

    ``publishing`` is always held (by its lease, or until the sweep settles a dead owner's
    post). ``in_doubt`` is held while a reconciler's lease runs; between checks only
    ``resolve`` may settle it.
    """
    pid = post.id
    leased = post.lease_until is not None and post.lease_until > now
    if post.status == S.publishing and not leased:
        return PostInFlight(
            _(
                "post {id} tertahan: {holder} berhenti saat mengirimnya; daemon yang berjalan "
                "akan memeriksa apakah sudah tayang (lihat 'sosmed status')"
            ).format(id=pid, holder=_holder(post, tz))
        )
    if post.status == S.publishing:
        return PostInFlight(
            _(
                "post {id} sedang dikirim oleh {holder}; coba lagi setelah selesai "
                "('sosmed preview {id}' menunjukkan hasilnya)"
            ).format(id=pid, holder=_holder(post, tz))
        )
    if post.status == S.in_doubt and leased:
        return PostInFlight(
            _(
                "post {id} sedang dicek oleh {holder}, apakah sudah tayang; "
                "coba lagi setelah selesai"
            ).format(id=pid, holder=_holder(post, tz))
        )
    return None


def guard(
    post: Post,
    target: S | None,
    by: Actor,
    now: datetime,
    seen: Seen | None = None,
    tz: tzinfo = UTC,
) -> None:
    """Refuse the change unless ``by`` may make it now. ``target`` None: the status stays.

    Raises PostInFlight (a worker holds the post), PostMoved (it is not as the person saw it)
    or InvalidTransition (no such edge for this actor).
    """
    busy = in_flight(post, now, tz)
    if busy is not None:
        raise busy
    if seen is not None and (seen.status, seen.fence) != (post.status, post.fence):
        raise PostMoved(
            _(
                "post {id} berubah sejak dilihat (tadi {before}, sekarang {now}); "
                "lihat lagi dengan 'sosmed preview {id}' lalu ulangi"
            ).format(id=post.id, before=seen.status, now=post.status)
        )
    if target is not None:
        states.check(post.status, target, by)


def moved(post: Post, now: datetime) -> None:
    """Mark a person's change: a new fence, so any worker's older view of the post is stale."""
    post.fence += 1
    post.updated_at = now
