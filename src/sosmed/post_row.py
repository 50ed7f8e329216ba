"""A post as the everyday reads show it, and its status words, apart from the models.

`sosmed posts`, `queue`, `preview` and `status` read posts through the database driver alone
(:mod:`sosmed.store.fast_posts`), without SQLAlchemy; they name the statuses and read a post's
fields from here. The ``post`` table keeps each status as its plain string (models.EnumText);
:class:`PostRow` has the ``Post`` model's columns under the same names, so code that reads a
post (lengths, prices, tables) takes either.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from enum import StrEnum
from typing import Any

from sosmed.errors import InputError
from sosmed.i18n import _


class PostStatus(StrEnum):
    draft = "draft"
    approved = "approved"
    scheduled = "scheduled"
    publishing = "publishing"
    published = "published"
    failed = "failed"
    in_doubt = "in_doubt"
    needs_review = "needs_review"
    missed = "missed"
    cancelled = "cancelled"
    # Deleted from its platform after it was online, at a person's word: terminal.
    retracted = "retracted"


class RetractState(StrEnum):
    retracting = "retracting"  # asked for; the platform's delete may or may not have run
    retracted = "retracted"  # gone from the platform (deleted now, or found gone already)
    manual = "manual"  # the platform's API cannot delete: a person does it by hand
    failed = "failed"  # the platform refused or did not answer; the next run tries again


def status_named(name: str) -> PostStatus:
    """The status a person typed (``--status``: the word or the code), or InputError listing
    the known ones."""
    from sosmed import state_words

    found = state_words.code(name)
    if found is None:
        known = ", ".join(state_words.label(s.value) for s in PostStatus)
        raise InputError(
            _("status {name} tidak dikenal (salah satu dari: {known})").format(
                name=repr(name), known=known
            )
        )
    return PostStatus(found)


@dataclass
class PostRow:
    """One row of the ``post`` table, read without the ORM (times aware UTC)."""

    id: int | None
    article_id: int
    account: str
    platform: str
    text: str
    hashtags: list[str]
    photos: list[dict[str, Any]]
    status: PostStatus
    problem: str | None
    scheduled_at: datetime | None
    approved_by: str | None
    approved_at: datetime | None
    attempts: int
    next_try_at: datetime | None
    lease_owner: str | None
    lease_until: datetime | None
    fence: int
    idempotency_key: str | None
    armed_key: str | None
    remote_id: str | None
    remote_url: str | None
    published_at: datetime | None
    last_error: str | None
    created_at: datetime | None
    updated_at: datetime | None


POST_COLUMNS = tuple(f.name for f in fields(PostRow))


def due_at(post: Any) -> datetime | None:
    """When the daemon will next take the post: its retry time if it has one, else its slot."""
    return post.next_try_at or post.scheduled_at
