"""Posts written straight into a store, each in an article of its own, as a test needs them."""

from __future__ import annotations

from datetime import datetime
from uuid import uuid4

from sqlmodel import select

from sosmed.models import Article, Post
from sosmed.store import Store


def add_post(
    store: Store,
    account: str = "x_humas",
    platform: str = "x",
    *,
    status: str = "approved",
    text: str | None = None,
    **fields: object,
) -> int:
    """One post of ``account``; ``fields`` set any other column. Unless given, the text is new
    for every post, since platforms refuse a repeated status."""
    with store.session() as s:
        article = Article(content_hash=uuid4().hex, title="Jembatan", source="file")
        s.add(article)
        s.flush()
        assert article.id is not None
        post = Post(
            article_id=article.id,
            account=account,
            platform=platform,
            text=text if text is not None else f"Kabar Pemkab {uuid4().hex[:10]} #Uji",
            status=status,
            **fields,
        )
        s.add(post)
        s.flush()
        assert post.id is not None
        return post.id


def due_post(
    store: Store,
    account: str,
    platform: str,
    when: datetime,
    *,
    status: str = "scheduled",
    photos: list[dict[str, object]] | None = None,
) -> int:
    """An approved post scheduled for ``when``, as a daemon finds it."""
    return add_post(
        store,
        account,
        platform,
        status=status,
        scheduled_at=when,
        approved_by="uji",
        approved_at=when,
        photos=photos or [],
    )


def posts_by_id(store: Store) -> dict[int, Post]:
    with store.read_session() as s:
        return {p.id or 0: p for p in s.exec(select(Post)).all()}


# Columns a stale write must leave exactly as they were.
WATCHED = (
    "status",
    "fence",
    "text",
    "attempts",
    "lease_owner",
    "lease_until",
    "next_try_at",
    "armed_key",
    "idempotency_key",
    "remote_id",
    "remote_url",
    "published_at",
    "last_error",
    "scheduled_at",
)


def snapshot(store: Store) -> dict[int, dict[str, object]]:
    """Every post's watched columns, by post id."""
    return {p.id or 0: {k: getattr(p, k) for k in WATCHED} for p in store.list_posts()}
