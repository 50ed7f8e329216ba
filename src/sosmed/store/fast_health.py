"""What `sosmed status` reads, as plain SQL over the database driver (:mod:`fast_posts`).

:class:`HealthReads` answers the questions of :func:`sosmed.publish.health.health` over one
DB-API connection: a connection of its own (the quick path) or the store's raw connection
(``Store.raw_read``), so that both ways run these same queries.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sosmed.costs import HELD_BUDGET
from sosmed.post_row import POST_COLUMNS, PostRow, PostStatus, RetractState
from sosmed.store import fast_posts as fp
from sosmed.store.fast_log import Dialect

S = PostStatus


@dataclass(frozen=True)
class Beat:
    worker: str
    beat_at: datetime | None


@dataclass(frozen=True)
class AccountHealth:
    account: str
    token_expires_at: datetime | None
    last_error: str | None


@dataclass(frozen=True)
class RetractOrder:
    post_id: int
    state: RetractState


class HealthReads:
    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self.conn, self.d = conn, dialect

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[tuple[Any, ...]]:
        return fp.fetch(self.conn, sql, params or [])

    def _posts(self, where: str, params: list[Any]) -> list[PostRow]:
        return fp.select_posts(self.conn, self.d, where, params)

    def heartbeats(self) -> list[Beat]:
        rows = self._rows("SELECT worker, beat_at FROM heartbeat ORDER BY beat_at DESC")
        return [Beat(str(w), fp.when(at)) for w, at in rows]

    def counts_by_status(self) -> dict[PostStatus, int]:
        rows = self._rows("SELECT status, count(*) FROM post GROUP BY status")
        return {PostStatus(k): int(v) for k, v in rows}

    def oldest_due(self, now: datetime) -> datetime | None:
        # One held by its budget waits for money, not for a daemon (status names it).
        m = self.d.mark
        rows = self._rows(
            f"SELECT min(scheduled_at) FROM post WHERE status = {m} AND scheduled_at <= {m}"
            f" AND (last_error IS NULL OR last_error NOT LIKE {m})",
            [S.scheduled.value, self.d.time_param(now), HELD_BUDGET + "%"],
        )
        return fp.when(rows[0][0]) if rows else None

    def account_states(self) -> list[AccountHealth]:
        rows = self._rows("SELECT account, token_expires_at, last_error FROM accountstate")
        return [AccountHealth(str(a), fp.when(t), e) for a, t, e in rows]

    def stuck_publishing(self, now: datetime) -> list[PostRow]:
        """Posts in ``publishing`` whose lease ran out (the owner died mid-publish)."""
        m = self.d.mark
        where = f"status = {m} AND lease_until < {m} ORDER BY id"
        return self._posts(where, [S.publishing.value, self.d.time_param(now)])

    def scheduled_outside(self, accounts: Collection[str]) -> list[PostRow]:
        """Scheduled posts of accounts not in ``accounts`` (removed from the config)."""
        m = self.d.mark
        names = list(accounts)
        outside = f" AND account NOT IN ({', '.join([m] * len(names))})" if names else ""
        where = f"status = {m}{outside} ORDER BY account, id"
        return self._posts(where, [S.scheduled.value, *names])

    def list_posts(self, status: PostStatus) -> list[PostRow]:
        return fp.posts(self.conn, self.d, status=status)

    def held_by_budget(self) -> list[PostRow]:
        """Scheduled posts waiting for their account's budget, oldest first."""
        m = self.d.mark
        where = f"status = {m} AND last_error LIKE {m} ORDER BY id"
        return self._posts(where, [S.scheduled.value, HELD_BUDGET + "%"])

    def spent_by_account(self, since: datetime) -> dict[str, int]:
        """Micro-dollars per account that spent anything since ``since``."""
        rows = self._rows(
            f"SELECT account, sum(usd_micros) FROM spend WHERE at >= {self.d.mark}"
            " GROUP BY account",
            [self.d.time_param(since)],
        )
        return {str(a): int(n or 0) for a, n in rows}

    def retractions_waiting(self) -> list[tuple[RetractOrder, PostRow]]:
        """Retractions a person must finish (left to them, or failed), oldest order first."""
        m = self.d.mark
        cols = ", ".join(f"p.{c}" for c in POST_COLUMNS)
        rows = self._rows(
            f"SELECT r.post_id, r.state, {cols} FROM retraction r JOIN post p ON p.id = r.post_id"
            f" WHERE r.state IN ({m}, {m}) AND p.status = {m}"
            " ORDER BY r.requested_at, r.id",
            [RetractState.manual.value, RetractState.failed.value, S.published.value],
        )
        return [(RetractOrder(r[0], RetractState(r[1])), fp.post_row(r[2:])) for r in rows]
