"""What a row of the post log says: the attempt's kind, its outcome, and the row itself.

Apart from the models so that `sosmed log`'s fast path (no SQLAlchemy) can name them too; the
``attempt`` table keeps them as their plain strings (models.EnumText).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class AttemptKind(StrEnum):
    """Why an attempt row was written."""

    publish = "publish"  # a creating request (the only kind that counts toward max_attempts)
    reconcile = "reconcile"  # a read-back of an in-doubt post
    resolve = "resolve"  # a person's word on an in-doubt post
    sweep = "sweep"  # a dead worker's lease, or a post past its lateness limit
    check = "check"  # the account's configuration stopped the post before any request
    retract = "retract"  # a person's order to delete a published post from its platform
    reply = "reply"  # the link in a reply under the post, sent once the post is online (X)


class AttemptOutcome(StrEnum):
    """How an attempt ended, as the log shows it."""

    published = "published"
    retry = "retry"
    failed = "failed"
    in_doubt = "in_doubt"
    reconciled_published = "reconciled_published"
    reconciled_absent = "reconciled_absent"
    needs_review = "needs_review"
    missed = "missed"
    stale = "stale"  # written under a fence that had moved on: changed nothing
    abandoned = "abandoned"  # the claim moved on before the request: nothing was sent
    resolved_published = "resolved_published"
    resolved_absent = "resolved_absent"
    resolved_cancelled = "resolved_cancelled"
    retracted = "retracted"  # deleted from the platform (or found gone)
    retract_manual = "retract_manual"  # the platform cannot delete by API: a person must
    retract_failed = "retract_failed"  # the delete did not go through; run retract again


@dataclass(frozen=True, slots=True)
class LogRow:
    """One attempt as the log shows it (the columns of ``attempt``, in this order)."""

    id: int
    post_id: int
    account: str
    platform: str
    kind: str
    fence: int
    worker: str
    started_at: datetime | None
    finished_at: datetime | None
    outcome: str | None
    http_status: int | None
    error_class: str | None
    message: str | None
    remote_id: str | None
    remote_url: str | None


@dataclass(frozen=True, slots=True)
class LogFilter:
    since: datetime | None = None
    until: datetime | None = None
    account: str | None = None
    outcome: str | None = None
