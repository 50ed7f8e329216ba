"""Store: a reviewer's word on a post as they saw it on a page: approve exactly those words,
or send the post back to draft with a comment.

Both are compare-and-sets on the (status, fence) the reviewer saw (a page can be open for a
while: an approval must cover the words on the screen, not words someone saved since), in one
transaction with their Event, like every other change of a post (:mod:`sosmed.store.posts`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sosmed import states
from sosmed.errors import InputError, InvalidTransition
from sosmed.i18n import _
from sosmed.models import Post, PostStatus
from sosmed.states import Actor
from sosmed.store.guard import Seen, guard, moved
from sosmed.store.posts import (
    _locked,
    approve_locked,
    back_to_draft,
    event,
)

if TYPE_CHECKING:
    from sosmed.store import Store

# The longest comment kept with a post sent back.
COMMENT_MAX = 1000


def approve_seen(store: Store, post_id: int, by: str, seen: Seen, *, now: datetime) -> Post:
    """Approve the draft as the reviewer saw it; PostMoved when it changed since."""
    with store.session(immediate=True) as s:
        post = _locked(s, post_id)
        guard(post, None, Actor.person, now, seen, store.tz)
        return approve_locked(store, s, post, by, now)


def send_back(
    store: Store, post_id: int, comment: str, by: str, seen: Seen, *, now: datetime
) -> Post:
    """The post back to draft (off the calendar, its approval gone) with the reviewer's
    comment in its history; a draft stays a draft and keeps the comment."""
    comment = " ".join(comment.split())
    if not comment:
        raise InputError(_("tulis alasannya: komentar tidak boleh kosong"))
    if len(comment) > COMMENT_MAX:
        raise InputError(_("komentar paling panjang {n} karakter").format(n=COMMENT_MAX))
    with store.session(immediate=True) as s:
        post = _locked(s, post_id)
        was = post.status
        if was not in states.EDITABLE:
            raise InvalidTransition(
                _("post {id} berstatus {status}; tidak bisa dikembalikan ke draf").format(
                    id=post_id, status=was
                )
            )
        target = None if was == PostStatus.draft else PostStatus.draft
        guard(post, target, Actor.person, now, seen, store.tz)
        if target is not None:
            back_to_draft(post)
        moved(post, now)
        s.add(post)
        detail = comment if target is None else f"{was} → draft: {comment}"
        event(s, by, "send back", post, now, detail)
        return post
