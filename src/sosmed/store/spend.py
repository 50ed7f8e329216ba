"""Store: the spend ledger — every billable request with its price — and the month's sums."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, insert
from sqlmodel import col, select

from sosmed.costs import HELD_BUDGET, Charge
from sosmed.models import Post, PostStatus, Spend
from sosmed.store.base import StoreBase

SPEND = Spend.__table__  # type: ignore[attr-defined]


class SpendStore(StoreBase):
    def add_spend(self, account: str, charges: Sequence[Charge], now: datetime) -> None:
        """Record what the platform said these requests cost (nothing when none did)."""
        rows = [
            {
                "account": account,
                "post_id": c.post_id,
                "at": c.at or now,
                "kind": c.kind,
                "units": c.units,
                "usd_micros": c.usd_micros,
                "price_date": c.price_date,
            }
            for c in charges
        ]
        if rows:
            with self.connection() as conn:
                conn.execute(insert(SPEND), rows)

    def spent(self, account: str, since: datetime, until: datetime | None = None) -> int:
        """Micro-dollars ``account`` spent from ``since`` (up to ``until``)."""
        with self.read_session() as s:
            q = select(func.coalesce(func.sum(col(Spend.usd_micros)), 0)).where(
                col(Spend.account) == account, col(Spend.at) >= since
            )
            if until is not None:
                q = q.where(col(Spend.at) < until)
            return int(s.exec(q).one())

    def spent_by_account(self, since: datetime, until: datetime | None = None) -> dict[str, int]:
        """Micro-dollars per account that spent anything in the period."""
        with self.read_session() as s:
            q = (
                select(col(Spend.account), func.sum(col(Spend.usd_micros)))
                .where(col(Spend.at) >= since)
                .group_by(col(Spend.account))
            )
            if until is not None:
                q = q.where(col(Spend.at) < until)
            return {str(a): int(n or 0) for a, n in s.exec(q).all()}

    def spend_rows(self, post_id: int) -> list[Spend]:
        """The ledger rows of one post, oldest first."""
        with self.read_session() as s:
            q = select(Spend).where(col(Spend.post_id) == post_id).order_by(col(Spend.id))
            return list(s.exec(q).all())

    def held_by_budget(self) -> list[Post]:
        """Scheduled posts waiting for their account's budget, oldest first."""
        with self.read_session() as s:
            q = (
                select(Post)
                .where(
                    col(Post.status) == PostStatus.scheduled,
                    col(Post.last_error).startswith(HELD_BUDGET),
                )
                .order_by(col(Post.id))
            )
            return list(s.exec(q).all())

    def price_date(self, since: datetime, until: datetime) -> str | None:
        """The newest price date of the period's ledger rows (the prices its figures used)."""
        with self.read_session() as s:
            q = select(func.max(col(Spend.price_date))).where(
                col(Spend.at) >= since, col(Spend.at) < until
            )
            found = s.exec(q).one()
            return str(found) if found else None

    def spend_by_kind(
        self, since: datetime, until: datetime, account: str | None = None
    ) -> list[tuple[str, str, int, int]]:
        """(account, kind, units, micro-dollars) of the period, by account and kind."""
        with self.read_session() as s:
            q = (
                select(
                    col(Spend.account),
                    col(Spend.kind),
                    func.sum(col(Spend.units)),
                    func.sum(col(Spend.usd_micros)),
                )
                .where(col(Spend.at) >= since, col(Spend.at) < until)
                .group_by(col(Spend.account), col(Spend.kind))
                .order_by(col(Spend.account), col(Spend.kind))
            )
            if account is not None:
                q = q.where(col(Spend.account) == account)
            return [(str(a), str(k), int(u or 0), int(m or 0)) for a, k, u, m in s.exec(q).all()]
