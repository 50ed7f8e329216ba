"""Store: what the daemon learns about accounts (rate-limit resets, token checks), its
heartbeat, and the counts `sosmed status` reports."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from sqlalchemy import func
from sqlmodel import col, select

from sosmed.models import AccountState, Heartbeat, Post, PostStatus
from sosmed.post_row import PostRow
from sosmed.store.base import StoreBase
from sosmed.store.fast_health import HealthReads

S = PostStatus


class HealthStore(StoreBase):
    def set_not_before(self, account: str, until: datetime) -> None:
        with self.session() as s:
            st = s.get(AccountState, account) or AccountState(account=account)
            if st.not_before is None or st.not_before < until:
                st.not_before = until
            s.add(st)

    def account_states(self) -> list[AccountState]:
        with self.read_session() as s:
            return list(s.exec(select(AccountState)).all())

    def save_account_check(
        self,
        account: str,
        now: datetime,
        identity: str | None,
        expires_at: datetime | None,
        error: str | None,
    ) -> None:
        with self.session() as s:
            st = s.get(AccountState, account) or AccountState(account=account)
            st.checked_at, st.last_error = now, error
            if error is None:
                st.identity, st.token_expires_at = identity, expires_at
            s.add(st)

    def beat(self, worker: str, now: datetime, pid: int, host: str) -> None:
        with self.session() as s:
            hb = s.get(Heartbeat, worker) or Heartbeat(worker=worker, started_at=now)
            hb.beat_at, hb.pid, hb.host = now, pid, host
            s.add(hb)

    def heartbeats(self) -> list[Heartbeat]:
        with self.read_session() as s:
            return list(s.exec(select(Heartbeat).order_by(col(Heartbeat.beat_at).desc())).all())

    # What `status` reads is the SQL of sosmed.store.fast_health, here over the store's own
    # connection: written once, for the quick path and the store alike.

    def counts_by_status(self) -> dict[PostStatus, int]:
        with self.raw_read() as (conn, dialect):
            return HealthReads(conn, dialect).counts_by_status()

    def oldest_due(self, now: datetime) -> datetime | None:
        """The oldest slot of a scheduled post now due (one held by its budget left out)."""
        with self.raw_read() as (conn, dialect):
            return HealthReads(conn, dialect).oldest_due(now)

    def stuck_publishing(self, now: datetime) -> list[PostRow]:
        """Posts in ``publishing`` whose lease ran out: a live worker renews its leases while it
        sends, so an expired one means the owner died mid-publish and nobody settled it yet."""
        with self.raw_read() as (conn, dialect):
            return HealthReads(conn, dialect).stuck_publishing(now)

    def scheduled_outside(self, accounts: Collection[str]) -> list[PostRow]:
        """Scheduled posts of accounts not in ``accounts`` (removed from the config): the
        publisher no longer claims them, so they wait for a person."""
        with self.raw_read() as (conn, dialect):
            return HealthReads(conn, dialect).scheduled_outside(accounts)

    def next_due(self, now: datetime) -> datetime | None:
        """The earliest scheduled time still to come: when the daemon should next wake."""
        with self.read_session() as s:
            q = select(func.min(Post.scheduled_at)).where(
                col(Post.status) == S.scheduled, col(Post.scheduled_at) > now
            )
            value = s.exec(q).one()
            return value if isinstance(value, datetime) else None
