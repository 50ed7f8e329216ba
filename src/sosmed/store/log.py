"""Store: reading the post log (attempts) and the posts a report covers.

Every read of attempts as :class:`LogRow` — the log, its exports, the report's outcome counts
and each post's last result — is the SQL of :mod:`sosmed.store.fast_log`, run here over a pooled
connection and there, by `sosmed log`, over the driver alone. The posts and articles a report
covers, and a post's attempts as rows for the publisher, are ORM selects here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import col

from sosmed.attempts import LogFilter, LogRow
from sosmed.models import Article, Attempt, Post, PostStatus
from sosmed.store import fast_log as logdb
from sosmed.store.base import StoreBase

_CHUNK = 500  # ids per IN (...) list: well under every backend's bound-parameter cap


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    batch = sorted(set(ids))
    for i in range(0, len(batch), _CHUNK):
        yield batch[i : i + _CHUNK]


class LogStore(StoreBase):
    def log_rows(self, f: LogFilter, limit: int) -> list[LogRow]:
        """The newest ``limit`` attempts that match, newest first."""
        with self.raw_read() as (conn, dialect):
            return logdb.newest(conn, dialect, f, limit)

    def iter_log(self, f: LogFilter, batch: int = 2000) -> Iterator[LogRow]:
        """Every matching attempt, oldest first, read in batches (a server-side cursor on
        PostgreSQL) so that memory stays flat however long the log is."""
        with self.raw_read() as (conn, dialect):
            yield from logdb.oldest_first(conn, dialect, f, batch)

    def outcome_counts(self, f: LogFilter) -> dict[str, int]:
        """How many attempts ended each way ("": no result recorded)."""
        with self.raw_read() as (conn, dialect):
            return logdb.outcome_counts(conn, dialect, f)

    def post_attempts(self, post_id: int) -> list[Attempt]:
        """Every attempt at one post, in the order they were written."""
        with self.read_session() as s:
            q = select(Attempt).where(col(Attempt.post_id) == post_id).order_by(col(Attempt.id))
            return list(s.scalars(q).all())

    def report_posts(self, start: datetime, end: datetime, account: str | None) -> list[Post]:
        """The posts a report over [start, end) covers: published in it, or due in it, or
        (never scheduled) last changed in it. Drafts never approved are left out."""
        when = func.coalesce(col(Post.published_at), col(Post.scheduled_at), col(Post.updated_at))
        q = select(Post).where(when >= start, when < end, col(Post.status) != PostStatus.draft)
        if account is not None:
            q = q.where(func.lower(col(Post.account)) == account.lower())
        with self.read_session() as s:
            return list(s.scalars(q.order_by(when, col(Post.id))).all())

    def articles_by_id(self, ids: Iterable[int]) -> dict[int, Article]:
        found: dict[int, Article] = {}
        with self.read_session() as s:
            for chunk in _chunks(ids):
                rows = s.scalars(select(Article).where(col(Article.id).in_(chunk))).all()
                found.update({a.id: a for a in rows if a.id is not None})
        return found

    def last_attempts(self, post_ids: Iterable[int]) -> dict[int, LogRow]:
        """Each post's latest attempt that has a result (a stale write does not count)."""
        last: dict[int, LogRow] = {}
        with self.raw_read() as (conn, dialect):
            for chunk in _chunks(post_ids):
                last.update({r.post_id: r for r in logdb.with_result(conn, dialect, chunk)})
        return last
