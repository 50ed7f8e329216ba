"""What became of the posts a tick took: one result each, counted in a TickReport."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from enum import StrEnum

from sosmed.publish.sending import S

log = logging.getLogger(__name__)


class Result(StrEnum):
    """What became of one claimed post in a tick (a TickReport's list it goes in)."""

    published = "published"
    retried = "retried"
    failed = "failed"
    in_doubt = "in_doubt"
    needs_review = "needs_review"
    missed = "missed"
    stale = "stale"
    held = "held"  # not sent: it would pass the account's monthly budget


# The result a recorded outcome gives, by the post's new status.
RESULT_OF = {
    S.published: Result.published,
    S.scheduled: Result.retried,
    S.failed: Result.failed,
    S.in_doubt: Result.in_doubt,
    S.needs_review: Result.needs_review,
    S.missed: Result.missed,
}


@dataclass
class TickReport:
    published: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    in_doubt: list[int] = field(default_factory=list)
    needs_review: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    swept: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)

    def _lists(self) -> tuple[list[int], ...]:
        return (
            self.published,
            self.retried,
            self.failed,
            self.in_doubt,
            self.needs_review,
            self.missed,
            self.swept,
            self.stale,
            self.held,
        )

    def of(self, result: Result) -> list[int]:
        """The list a post with this result is counted in."""
        return {
            Result.published: self.published,
            Result.retried: self.retried,
            Result.failed: self.failed,
            Result.in_doubt: self.in_doubt,
            Result.needs_review: self.needs_review,
            Result.missed: self.missed,
            Result.stale: self.stale,
            Result.held: self.held,
        }[result]

    def merge(self, other: TickReport) -> None:
        for mine, theirs in zip(self._lists(), other._lists(), strict=True):
            mine.extend(theirs)

    def count(self) -> int:
        return sum(len(ids) for ids in self._lists())
