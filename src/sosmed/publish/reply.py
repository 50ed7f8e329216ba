"""The link as a reply under the post (X, ``options.link = "reply"``): the post first, its id
saved at once, then the reply as a second step in the attempt log.

A crash between the two never creates the post twice: the saved id (or, when the crash came
before the save, a read-back that finds the post by its text) tells the next try to send the
reply only; a reply whose answer was lost is looked for under the post before it is sent
again, as any post in doubt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sosmed.attempts import AttemptKind
from sosmed.errors import ClaimLost
from sosmed.models import Post
from sosmed.platforms.base import Outgoing, Platform, Published
from sosmed.publish.sending import Clock, crashpoint
from sosmed.settings import Settings
from sosmed.store import Store
from sosmed.store.publishing import Claimed


def with_reply(
    store: Store, settings: Settings, platform: Platform, post: Post, out: Outgoing
) -> Outgoing:
    """``out`` with the reply's link and the post's id when it is already online; as it was
    for a platform (or an account) that puts the link in the post."""
    if not platform.link_reply:
        return out
    from sosmed.compose.templates import with_utm

    account = settings.account(post.account)
    url = store.get_article(post.article_id).url if account.link else None
    link = with_utm(url, account.utm, account)
    return replace(out, link=link, posted_id=post.remote_id if link else None)


def replying(platform: Platform, out: Outgoing) -> bool:
    """Whether this send is the reply alone (the post is online already)."""
    return bool(platform.link_reply and out.link and out.posted_id)


class Steps:
    """The attempt a send is under: the post's, then, once the post is online, the reply's."""

    def __init__(
        self,
        store: Store,
        c: Claimed,
        attempt_id: int,
        clock: Clock,
        on_saved: Callable[[], None] = lambda: None,
    ) -> None:
        self.store, self.c, self.attempt_id, self.clock = store, c, attempt_id, clock
        self.on_saved = on_saved  # records what the post's create cost, before the reply

    def created(self, p: Published) -> None:
        """The post is online: its id saved and its attempt finished before the reply."""
        now = self.clock()
        if not self.store.save_created(self.c, self.attempt_id, p.remote_id, p.url, now):
            raise ClaimLost(f"post {self.c.post.id}: the claim moved on before the reply")
        self.on_saved()
        crashpoint("after_post")
        reply_id = self.store.arm(self.c, AttemptKind.reply, now, counts=False)
        if reply_id is None:
            raise ClaimLost(f"post {self.c.post.id}: the claim moved on before the reply")
        self.attempt_id = reply_id
