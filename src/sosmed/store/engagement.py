"""Store: the public's counters of published posts, one row per post and stage.

A stage is written once: a second write of the same (post, stage), by a pass run again at the
same time or by another daemon, changes nothing (the unique key and ON CONFLICT DO NOTHING).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, func, literal, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select

from sosmed.engagement.counters import MISSED, NOT_ALLOWED
from sosmed.models import Engagement, Post, PostStatus
from sosmed.store.base import StoreBase

# The PostgreSQL advisory lock of engagement passes ("sosmedE"), apart from the alerts' lock.
_ENGAGEMENT_LOCK = 0x736F736D656445
_CHUNK = 500
# Notes of rows that hold no counters.
EMPTY_NOTES = (MISSED, NOT_ALLOWED)


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    items = sorted(set(ids))
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class EngagementStore(StoreBase):
    @contextmanager
    def engagement_turn(self) -> Iterator[bool]:
        """Whether this process may read counters now: on PostgreSQL one daemon at a time
        (paid reads are not made twice); on SQLite, one daemon per file, always."""
        if self.is_sqlite:
            yield True
            return
        with self.engine.connect() as conn:
            lock = {"k": _ENGAGEMENT_LOCK}
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), lock).scalar())
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), lock)
                conn.commit()

    def engagement_candidates(
        self,
        accounts: Collection[str],
        now: datetime,
        ages: Sequence[timedelta],
        recent_since: datetime,
        settle_since: datetime,
    ) -> list[tuple[Post, set[str]]]:
        """Published posts of ``accounts`` with a stage to read or to close, and the stages
        they have rows for: those published since ``recent_since`` that have fewer rows than
        stages passed (``ages`` after publishing, at ``now``), and older ones (since
        ``settle_since``) already followed but open. A post with nothing due is not loaded."""
        if not accounts or not ages:
            return []
        counts = (
            select(col(Engagement.post_id), func.count().label("n"))
            .group_by(col(Engagement.post_id))
            .subquery()
        )
        n = func.coalesce(counts.c.n, 0)
        at = col(Post.published_at)
        passed = sum((case((at <= now - age, 1), else_=0) for age in ages), start=literal(0))
        recent = (at >= recent_since) & (n < passed)
        settle = (at >= settle_since) & (at < recent_since) & (n > 0) & (n < len(ages))
        q = (
            select(Post)
            .outerjoin(counts, counts.c.post_id == col(Post.id))
            .where(
                col(Post.status) == PostStatus.published,
                col(Post.remote_id).is_not(None),
                at.is_not(None),
                col(Post.account).in_(list(accounts)),
                recent | settle,
            )
            .order_by(at, col(Post.id))
        )
        with self.read_session() as s:
            posts = list(s.scalars(q).all())
            done: dict[int, set[str]] = {p.id or 0: set() for p in posts}
            for chunk in _chunks(done):
                rows = s.exec(
                    select(Engagement.post_id, Engagement.stage).where(
                        col(Engagement.post_id).in_(chunk)
                    )
                ).all()
                for post_id, stage in rows:
                    done[post_id].add(stage)
        return [(p, done[p.id or 0]) for p in posts]

    def add_engagement(self, rows: list[Engagement]) -> int:
        """Write each row unless its (post, stage) has one already; how many were new."""
        if not rows:
            return 0
        dialect = postgresql if not self.is_sqlite else sqlite
        new = 0
        with self.session() as s:
            for row in rows:
                values = {
                    k: getattr(row, k)
                    for k in (
                        "post_id",
                        "account",
                        "platform",
                        "stage",
                        "collected_at",
                        "counters",
                        "note",
                        "detail",
                        "cost",
                    )
                }
                stmt: Any = dialect.insert(Engagement).values(**values)
                stmt = stmt.on_conflict_do_nothing(index_elements=["post_id", "stage"])
                # The id comes back only for a row written (rowcount is -1 on some drivers).
                new += len(s.connection().execute(stmt.returning(col(Engagement.id))).all())
        return new

    def engagement_of(self, post_ids: Iterable[int]) -> dict[int, list[Engagement]]:
        """Each post's rows, earliest stage first."""
        found: dict[int, list[Engagement]] = {}
        with self.read_session() as s:
            for chunk in _chunks(post_ids):
                q = select(Engagement).where(col(Engagement.post_id).in_(chunk))
                for row in s.exec(q.order_by(col(Engagement.collected_at), col(Engagement.id))):
                    found.setdefault(row.post_id, []).append(row)
        return found

    def newest_counters(self, post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
        """Each post's newest counters (the latest stage read that has any); posts without
        any left out. The SQL of the everyday reads (sosmed.store.fast_posts)."""
        from sosmed.store import fast_posts

        with self.raw_read() as (conn, dialect):
            return fast_posts.newest_counters(conn, dialect, post_ids)

    def recent_engagement(
        self, since: datetime | None, account: str | None, limit: int
    ) -> list[Engagement]:
        """The newest rows first (``limit`` of them), since ``since``, of ``account``."""
        q = select(Engagement)
        if since is not None:
            q = q.where(col(Engagement.collected_at) >= since)
        if account is not None:
            q = q.where(func.lower(col(Engagement.account)) == account.lower())
        q = q.order_by(col(Engagement.collected_at).desc(), col(Engagement.id).desc()).limit(limit)
        with self.read_session() as s:
            return list(s.exec(q).all())

    def engagement_refused(self, account: str) -> bool:
        """Whether a read of ``account`` was refused before (the refusal was told then)."""
        q = select(Engagement.id).where(
            col(Engagement.account) == account, col(Engagement.note) == NOT_ALLOWED
        )
        with self.read_session() as s:
            return s.exec(q.limit(1)).first() is not None

    def engagement_cost(self, since: datetime, account: str | None = None) -> float:
        """What the reads since ``since`` cost (paid APIs), in US dollars."""
        q = select(func.coalesce(func.sum(col(Engagement.cost)), 0.0)).where(
            col(Engagement.collected_at) >= since
        )
        if account is not None:
            q = q.where(col(Engagement.account) == account)
        with self.read_session() as s:
            return float(s.exec(q).one())
