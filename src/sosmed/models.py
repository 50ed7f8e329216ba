"""Tables (SQLModel) and status enums. UTC everywhere; only aware datetimes go in or come out."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, Column, DateTime, Index, String, Text, UniqueConstraint, text
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel

from sosmed.attempts import AttemptKind, AttemptOutcome


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC; returns aware UTC. Refuses naive datetimes on the way in."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use an aware one")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E], Generic[E]):
    """A StrEnum kept as its plain string, VARCHAR(length): the schema is what it always was,
    a value read back is the enum's member, and a string outside the enum never gets in."""

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self.enum = enum

    def process_bind_param(self, value: str | None, dialect: Any) -> str | None:
        return None if value is None else self.enum(value).value

    def process_result_value(self, value: str | None, dialect: Any) -> E | None:
        return None if value is None else self.enum(value)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _ts(nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_column=Column(UTCDateTime(), nullable=nullable, index=index))


def _json(default: Any) -> Any:
    return Field(default_factory=default, sa_column=Column(JSON, nullable=False))


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


def _enum(enum: type[E], length: int, nullable: bool, default: E | None = None) -> Any:
    return Field(default=default, sa_column=Column(EnumText(enum, length), nullable=nullable))


class ArticleSource(StrEnum):
    file = "file"
    url = "url"
    feed = "feed"


class Article(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, unique=True, max_length=2000)
    content_hash: str = Field(unique=True, max_length=64)
    title: str | None = Field(default=None, sa_column=Column(Text))
    published_at: datetime | None = _ts()
    # Minutes east of UTC as the page stated it (WIB 420, WITA 480, WIT 540); None: no zone said.
    published_offset: int | None = None
    date_source: str | None = Field(default=None, max_length=20)
    place: str | None = Field(default=None, max_length=200)
    editor: str | None = Field(default=None, max_length=200)
    reporter: str | None = Field(default=None, max_length=200)
    photographer: str | None = Field(default=None, max_length=200)
    paragraphs: list[str] = _json(list)
    lead: str | None = Field(default=None, sa_column=Column(Text))
    # Per field ("title", "published_at", "place", ...): {"origin": "header"|"body"|..., "sure"}.
    field_sources: dict[str, Any] = Field(
        default_factory=dict,
        sa_column=Column(JSON, nullable=False, server_default=text("'{}'")),
    )
    source: str = Field(max_length=10)
    feed_id: int | None = Field(default=None, foreign_key="feed.id")
    fetched_at: datetime | None = _ts()
    created_at: datetime | None = _ts()


class Photo(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    position: int = 0
    url: str | None = Field(default=None, max_length=2000)
    path: str | None = Field(default=None, max_length=1000)
    caption: str | None = Field(default=None, sa_column=Column(Text))
    # A description for people who cannot see the photo; the caption stands in when unset.
    alt: str | None = Field(default=None, sa_column=Column(Text))
    sha256: str | None = Field(default=None, max_length=64)
    size: int | None = None
    width: int | None = None
    height: int | None = None


class Post(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("article_id", "account", name="uq_post_article_account"),
        Index("ix_post_due", "status", "scheduled_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    account: str = Field(max_length=63, index=True)
    platform: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    hashtags: list[str] = _json(list)
    # Per-platform image variants: [{"path","width","height","bytes","alt","sha256","url"}]
    photos: list[dict[str, Any]] = _json(list)
    status: PostStatus = _enum(PostStatus, 20, nullable=False, default=PostStatus.draft)
    # Why the post cannot go out as it is (e.g. "needs a photo"); approve refuses while set.
    problem: str | None = Field(default=None, max_length=200)
    scheduled_at: datetime | None = _ts()
    approved_by: str | None = Field(default=None, max_length=100)
    approved_at: datetime | None = _ts()
    attempts: int = 0
    next_try_at: datetime | None = _ts()
    lease_owner: str | None = Field(default=None, max_length=100)
    lease_until: datetime | None = _ts()
    fence: int = 0
    idempotency_key: str | None = Field(default=None, max_length=100)
    # Platform-specific key saved before the send (Bluesky rkey, Instagram container id...).
    armed_key: str | None = Field(default=None, max_length=200)
    remote_id: str | None = Field(default=None, max_length=200)
    remote_url: str | None = Field(default=None, max_length=2000)
    published_at: datetime | None = _ts()
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = _ts()
    updated_at: datetime | None = _ts()


class Attempt(SQLModel, table=True):
    """Append-only post log: one row per try (and per reconciliation)."""

    __table_args__ = (
        Index("ix_attempt_started", "started_at"),
        Index("ix_attempt_account_started", "account", "started_at"),
        Index("ix_attempt_outcome_started", "outcome", "started_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    account: str = Field(max_length=63)
    platform: str = Field(max_length=20)
    fence: int
    worker: str = Field(max_length=100)
    kind: AttemptKind = _enum(AttemptKind, 20, nullable=False, default=AttemptKind.publish)
    started_at: datetime | None = _ts()
    finished_at: datetime | None = _ts()
    outcome: AttemptOutcome | None = _enum(AttemptOutcome, 20, nullable=True)
    http_status: int | None = None
    error_class: str | None = Field(default=None, max_length=50)
    message: str | None = Field(default=None, sa_column=Column(Text))
    remote_id: str | None = Field(default=None, max_length=200)
    remote_url: str | None = Field(default=None, max_length=2000)


class RetractState(StrEnum):
    retracting = "retracting"  # asked for; the platform's delete may or may not have run
    retracted = "retracted"  # gone from the platform (deleted now, or found gone already)
    manual = "manual"  # the platform's API cannot delete: a person does it by hand
    failed = "failed"  # the platform refused or did not answer; the next run tries again


class Retraction(SQLModel, table=True):
    """A person's order to take a published post off its platform: who, when, why, and how
    far it got. Written as ``retracting`` before the platform is asked, so that a run cut off
    half-way is finished by the next one."""

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", unique=True)
    actor: str = Field(max_length=100)
    reason: str = Field(sa_column=Column(Text, nullable=False))
    requested_at: datetime | None = _ts()
    state: RetractState = _enum(RetractState, 20, nullable=False, default=RetractState.retracting)
    tries: int = 0
    finished_at: datetime | None = _ts()
    message: str | None = Field(default=None, sa_column=Column(Text))


class Feed(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(unique=True, max_length=2000)
    accounts: list[str] = _json(list)
    auto_approve: bool = False
    etag: str | None = Field(default=None, max_length=500)
    modified: str | None = Field(default=None, max_length=100)
    last_polled_at: datetime | None = _ts()
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    created_at: datetime | None = _ts()


class Event(SQLModel, table=True):
    """Audit trail: who approved, edited, cancelled, scheduled or resolved what, and when."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime | None = _ts()
    actor: str = Field(max_length=100)
    action: str = Field(max_length=30)
    post_id: int | None = Field(default=None, foreign_key="post.id", index=True)
    article_id: int | None = Field(default=None, foreign_key="article.id")
    detail: str | None = Field(default=None, sa_column=Column(Text))
    # An edit's words before and after: what the approval had covered, and what it no longer does.
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class ArticleEdit(SQLModel, table=True):
    """A person's correction of an article: one row per field (or photo), before and after."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    at: datetime | None = _ts()
    actor: str = Field(max_length=100)
    field: str = Field(max_length=30)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))


class DeletedArticle(SQLModel, table=True):
    """What is left of a deleted article: enough for a feed not to bring it back."""

    id: int | None = Field(default=None, primary_key=True)
    url: str | None = Field(default=None, max_length=2000, index=True)
    title: str | None = Field(default=None, sa_column=Column(Text))
    deleted_at: datetime | None = _ts()
    deleted_by: str = Field(max_length=100)


class AccountState(SQLModel, table=True):
    """What the daemon learned about an account: rate-limit reset, token expiry."""

    account: str = Field(primary_key=True, max_length=63)
    not_before: datetime | None = _ts()
    token_expires_at: datetime | None = _ts()
    identity: str | None = Field(default=None, max_length=200)
    checked_at: datetime | None = _ts()
    last_error: str | None = Field(default=None, sa_column=Column(Text))


class Heartbeat(SQLModel, table=True):
    worker: str = Field(primary_key=True, max_length=100)
    started_at: datetime | None = _ts()
    beat_at: datetime | None = _ts()
    pid: int | None = None
    host: str | None = Field(default=None, max_length=200)


class Alert(SQLModel, table=True):
    """One problem told (or to be told) to staff on one channel; ``key`` names the event
    ("post:12:failed:3", "token:x_humas:expiring", "daemon:<last beat>")."""

    __table_args__ = (UniqueConstraint("key", "channel", name="uq_alert_key_channel"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=200)
    channel: str = Field(max_length=20)
    text: str = Field(sa_column=Column(Text, nullable=False))
    first_at: datetime | None = _ts()
    sent_at: datetime | None = _ts()
    tries: int = 0
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    resolved_at: datetime | None = _ts()


class Engagement(SQLModel, table=True):
    """The public's counters of one post at one stage of its life ("1h", "24h", "7d"):
    ``counters`` by name (likes, comments, shares, views...), or none with ``note`` saying why
    (not allowed, missed). One row per post and stage: a stage is read once."""

    __table_args__ = (
        UniqueConstraint("post_id", "stage", name="uq_engagement_post_stage"),
        Index("ix_engagement_collected", "collected_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True)
    account: str = Field(max_length=63)
    platform: str = Field(max_length=20)
    stage: str = Field(max_length=10)
    collected_at: datetime | None = _ts()
    counters: dict[str, int] = _json(dict)
    note: str | None = Field(default=None, max_length=20)
    detail: str | None = Field(default=None, sa_column=Column(Text))
    # What the read cost on a paid API (X pay-per-use), in US dollars; 0 elsewhere.
    cost: float = 0.0


class Spend(SQLModel, table=True):
    """One billable request to a platform, at the price it had then (X pay-per-use): what the
    account spent, per post where a post caused it. Money in micro-dollars (1 USD = 1,000,000)
    so that sums are exact."""

    __table_args__ = (Index("ix_spend_account_at", "account", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    account: str = Field(max_length=63)
    post_id: int | None = Field(default=None, foreign_key="post.id", index=True)
    at: datetime | None = _ts(nullable=False)
    kind: str = Field(max_length=30)  # the price's name: "create", "create_url", "post_read"
    units: int = 1  # requests, or resources returned for a read
    usd_micros: int
    price_date: str = Field(max_length=10)  # the day the price was published, YYYY-MM-DD


class Person(SQLModel, table=True):
    """Someone who signs in to the web workspace: a unique name (the one the post history
    and the approval audit show), a role (staf, penyetuju, admin) and an Argon2 hash of the
    password. A person is disabled, never deleted: the history keeps naming them."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=63, sa_column_kwargs={"unique": True})
    role: str = Field(max_length=20)
    password_hash: str = Field(max_length=255)
    created_at: datetime | None = _ts(nullable=False)
    disabled: bool = False
