"""A post as it is sent (its text, images and keys) and what the platform answered, apart
from the platform clients: pricing a post (`sosmed preview`) needs these, not requests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sosmed.settings import Settings


@dataclass(frozen=True)
class OutgoingImage:
    path: Path
    alt: str
    width: int
    height: int
    mime: str
    sha256: str
    public_url: str | None = None  # Instagram needs an address its servers can fetch


@dataclass(frozen=True)
class Outgoing:
    """One post as it is sent."""

    post_id: int
    account: str
    text: str
    images: list[OutgoingImage] = field(default_factory=list)
    link: str | None = None
    # Stable for the post's life: the same post always sends the same key.
    idempotency_key: str = ""
    # What ``arm`` returned and the store saved before the send (Bluesky rkey, IG container).
    armed_key: str | None = None
    # Called just before the request that creates the post: raises (ClaimLost) when the
    # worker's claim moved on meanwhile — a long upload, a paused process — so that request
    # is never sent by a worker that no longer owns the post.
    confirm: Callable[[], None] | None = field(default=None, compare=False, repr=False)
    # A platform that sends the link as a reply under the post (X, ``options.link = "reply"``):
    # the post's own id once it is online (nothing is then created again but the reply), and
    # what to call as soon as the post is created, before the reply is asked for (the
    # publisher saves the id there, so that a crash in between never creates the post twice).
    posted_id: str | None = None
    on_created: Callable[[Published], None] | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Published:
    remote_id: str
    url: str | None = None
    at: datetime | None = None
    # A read-back found the post online but not the reply with its link under it.
    pending_reply: bool = False


def outgoing_for(post: Any, settings: Settings) -> Outgoing:
    """A post (the model's or a :class:`~sosmed.post_row.PostRow`) as it would be sent."""
    base = (settings.config.media.public_base_url or "").rstrip("/")
    images = []
    for ph in post.photos:
        path = Path(str(ph.get("path", "")))
        public = ph.get("url") or (f"{base}/{path.name}" if base and path.name else None)
        images.append(
            OutgoingImage(
                path=path,
                alt=str(ph.get("alt") or ""),
                width=int(ph.get("width") or 0),
                height=int(ph.get("height") or 0),
                mime=str(ph.get("mime") or "image/jpeg"),
                sha256=str(ph.get("sha256") or ""),
                public_url=public,
            )
        )
    return Outgoing(
        post_id=post.id or 0,
        account=post.account,
        text=post.text,
        images=images,
        idempotency_key=post.idempotency_key or f"sosmed-post-{post.id}",
        armed_key=post.armed_key,
    )
