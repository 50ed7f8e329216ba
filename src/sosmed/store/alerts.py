"""Store: the alerts told to staff, one row per event and channel, so that nothing is told
twice (also after a restart) and a failed send is tried again."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from sosmed.alerts.decide import Told
from sosmed.models import Alert
from sosmed.store.base import StoreBase

# The PostgreSQL advisory lock of alert sending: "sosmed" in ASCII, as a number.
_ALERT_LOCK = 0x736F736D6564


class AlertStore(StoreBase):
    @contextmanager
    def alert_turn(self) -> Iterator[bool]:
        """Whether this process may send alerts now: on PostgreSQL, where several daemons
        share a database, one at a time (the others skip the turn, not wait); on SQLite,
        where one daemon works per file, always."""
        if self.is_sqlite:
            yield True
            return
        with self.engine.connect() as conn:
            got = bool(
                conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": _ALERT_LOCK}).scalar()
            )
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _ALERT_LOCK})
                conn.commit()

    def alerts_open(self, channel: str) -> dict[str, Told]:
        """The events told (or tried) on ``channel`` that have not ended, by key."""
        with self.read_session() as s:
            q = select(Alert).where(col(Alert.channel) == channel, col(Alert.resolved_at).is_(None))
            return {a.key: Told(a.sent_at, a.resolved_at) for a in s.exec(q).all()}

    def alert_tried(
        self,
        key: str,
        channel: str,
        text: str,
        now: datetime,
        error: str | None,
    ) -> None:
        """Record a send of the event ``key`` on ``channel``: done when ``error`` is None."""
        with self.session() as s:
            row = _row(s, key, channel)
            if row is None or row.resolved_at is not None:
                row = row or Alert(key=key, channel=channel, text=text)
                row.first_at, row.sent_at, row.resolved_at, row.tries = now, None, None, 0
            row.text = text
            row.tries += 1
            row.last_error = error
            if error is None:
                row.sent_at = now
            s.add(row)

    def alerts_ended(self, keys: Collection[str], now: datetime) -> None:
        """The events ``keys`` are over (on every channel): told again only if they return."""
        if not keys:
            return
        with self.session() as s:
            q = select(Alert).where(
                col(Alert.key).in_(list(keys)), col(Alert.resolved_at).is_(None)
            )
            for row in s.exec(q).all():
                row.resolved_at = now
                s.add(row)

    def recent_alerts(self, limit: int) -> list[Alert]:
        """The newest alerts first (by their last send or try)."""
        with self.read_session() as s:
            when = func.coalesce(col(Alert.sent_at), col(Alert.first_at))
            q = select(Alert).order_by(when.desc(), col(Alert.id).desc()).limit(limit)
            return list(s.exec(q).all())


def _row(s: Session, key: str, channel: str) -> Alert | None:
    q = select(Alert).where(col(Alert.key) == key, col(Alert.channel) == channel)
    return s.exec(q).first()
