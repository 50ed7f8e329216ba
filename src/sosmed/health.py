"""What `sosmed status` reports: is the daemon alive, is work piling up, must a person act."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sosmed.settings import Settings
from sosmed.store import Store

TOKEN_WARNING = timedelta(days=7)


@dataclass
class Health:
    now: datetime
    heartbeat: datetime | None
    worker: str | None
    counts: dict[str, int]
    oldest_due: datetime | None
    tokens_expiring: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def needs_person(self) -> bool:
        return bool(self.problems)

    def as_dict(self) -> dict[str, Any]:
        return {
            "now": self.now.isoformat(),
            "heartbeat": self.heartbeat.isoformat() if self.heartbeat else None,
            "worker": self.worker,
            "queue_depth": self.counts.get("scheduled", 0),
            "oldest_due": self.oldest_due.isoformat() if self.oldest_due else None,
            "in_doubt": self.counts.get("in_doubt", 0),
            "needs_review": self.counts.get("needs_review", 0),
            "failed": self.counts.get("failed", 0),
            "missed": self.counts.get("missed", 0),
            "published": self.counts.get("published", 0),
            "tokens_expiring": self.tokens_expiring,
            "problems": self.problems,
            "needs_person": self.needs_person,
        }


def health(store: Store, settings: Settings, now: datetime) -> Health:
    beats = store.heartbeats()
    counts = store.counts_by_status()
    h = Health(
        now=now,
        heartbeat=beats[0].beat_at if beats else None,
        worker=beats[0].worker if beats else None,
        counts=counts,
        oldest_due=store.oldest_due(now),
    )
    _token_problems(store, now, h)
    for status, what in (
        ("needs_review", "in doubt, to settle with 'sosmed resolve'"),
        ("failed", "failed (see 'sosmed log --status failed')"),
        ("missed", "missed their time (reschedule or cancel)"),
    ):
        if counts.get(status):
            h.problems.append(f"{counts[status]} post(s) {what}")
    stale_after = timedelta(seconds=max(120, 4 * settings.config.daemon.publish_every_seconds))
    if h.oldest_due and now - h.oldest_due > stale_after:
        alive = h.heartbeat is not None and now - h.heartbeat < stale_after
        h.problems.append(
            f"posts due since {h.oldest_due:%Y-%m-%d %H:%M} UTC are waiting"
            + ("" if alive else "; no daemon heartbeat: is 'sosmed daemon' running?")
        )
    return h


def _token_problems(store: Store, now: datetime, h: Health) -> None:
    for st in store.account_states():
        if st.last_error:
            h.problems.append(f"account {st.account}: {st.last_error}")
        if st.token_expires_at and st.token_expires_at - now < TOKEN_WARNING:
            h.tokens_expiring.append(f"{st.account} ({st.token_expires_at:%Y-%m-%d})")
            h.problems.append(
                f"account {st.account}: token expires {st.token_expires_at:%Y-%m-%d}; renew it"
            )
