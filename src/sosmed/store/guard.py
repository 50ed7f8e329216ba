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
    return f"{who} (mulai {local:%H:%M:%S} {zone_abbr(local)})"


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
            f"post {pid} tertahan: {_holder(post, tz)} berhenti saat mengirimnya; "
            "daemon yang berjalan akan memeriksa apakah sudah tayang (lihat 'sosmed status')"
        )
    if post.status == S.publishing:
        return PostInFlight(
            f"post {pid} sedang dikirim oleh {_holder(post, tz)}; coba lagi setelah selesai "
            f"('sosmed preview {pid}' menunjukkan hasilnya)"
        )
    if post.status == S.in_doubt and leased:
        return PostInFlight(
            f"post {pid} sedang dicek oleh {_holder(post, tz)}, apakah sudah tayang; "
            "coba lagi setelah selesai"
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
            f"post {post.id} berubah sejak dilihat (tadi {seen.status}, sekarang {post.status}); "
            "lihat lagi dengan 'sosmed preview "
            f"{post.id}' lalu ulangi"
        )
    if target is not None:
        states.check(post.status, target, by)


def moved(post: Post, now: datetime) -> None:
    """Mark a person's change: a new fence, so any worker's older view of the post is stale."""
    post.fence += 1
    post.updated_at = now
