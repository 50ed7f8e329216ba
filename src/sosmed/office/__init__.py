"""The office: what a person or the daemon does, in one place.

The command line, the daemon and any later front end (a web page) hold one :class:`Office`
and call its methods; none of them wires the store, the platforms, the composer or the
publisher by itself. The office also keeps the one clock: every "now" of an operation (a
schedule's "in the past", a resolve's lateness, the publisher's claims, the log's "since")
comes from :meth:`Office.now`.

Heavy libraries (SQLAlchemy, the extraction and composing code, the platform clients) are
imported inside the methods that need them, so that importing this module, and commands like
``sosmed log`` that never open the store, stay quick.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.office.faults import PERSON_LOCK_WAIT, cannot_open, storage_fault

if TYPE_CHECKING:
    from sosmed.attempts import LogFilter, LogRow
    from sosmed.ingest.feeds import PollResult
    from sosmed.ingest.sources import Added
    from sosmed.models import Article, Feed, Post
    from sosmed.office.alerts import AlertDesk
    from sosmed.office.articles import ArticleDesk
    from sosmed.platforms.base import Limits
    from sosmed.platforms.limits import Measure
    from sosmed.post_row import PostRow
    from sosmed.publish.health import Health
    from sosmed.publish.publisher import Publisher
    from sosmed.settings import Settings
    from sosmed.store import Store

Clock = Callable[[], datetime]


def utc_clock() -> datetime:
    return datetime.now(UTC)


class Office:
    """One office's settings, its store (opened when first needed) and its clock."""

    # Seconds a write waits for another process's lock before failing (the daemon's is longer).
    lock_wait = PERSON_LOCK_WAIT

    def __init__(
        self, settings: Settings, store: Store | None = None, clock: Clock = utc_clock
    ) -> None:
        self.settings = settings
        self.clock = clock
        if store is not None:
            store.tz = settings.tz
            store.account_limits = self.account_limits
            self.__dict__["store"] = store  # the cached property's slot: no second store

    def now(self) -> datetime:
        return self.clock()

    @cached_property
    def store(self) -> Store:
        from sqlalchemy.exc import OperationalError

        from sosmed.store import Store

        self.settings.home.mkdir(parents=True, exist_ok=True)
        try:
            store = Store.open_url(self.settings.database_url, busy_timeout=self.lock_wait)
        except OperationalError as e:
            if fault := storage_fault(e, self.settings):
                raise fault from None
            raise cannot_open(self.settings, e) from None
        store.tz = self.settings.tz
        store.account_limits = self.account_limits
        return store

    def account_limits(self, account: str) -> Limits | None:
        """The account's own limits (a Mastodon instance's, as last checked); None if unknown."""
        from sosmed.platforms.limits import account_limits

        try:
            return account_limits(self.settings.account(account), self.settings)
        except SosmedError:  # an account no longer configured: its platform's limits
            return None

    def use_settings(self, settings: Settings) -> None:
        """Work from now on with ``settings`` (sosmed.toml read again); the store stays."""
        self.settings = settings
        if "store" in self.__dict__:
            self.store.tz = settings.tz

    def open_database(self) -> str:
        """Open (and migrate) the database, and prove it takes writes; where it is, without
        its password."""
        from sosmed.office.faults import check_writable

        where = self.store.engine.url.render_as_string(hide_password=True)
        check_writable(self.settings)
        return where

    def account_name(self, name: str | None) -> str | None:
        """The known spelling of an account name (configured, or with history); InputError
        naming the known accounts for any other name."""
        from sosmed.office.names import known_account

        return None if name is None else known_account(self.settings, name)

    # Articles

    def add_file(
        self, path: Path, url: str | None, photos: list[Path], caption: str | None
    ) -> Added:
        from sosmed.ingest.bounds import read_file  # refuses a file too large at once

        return self.add_bytes(read_file(path), str(path), url, photos, caption)

    def add_bytes(
        self, data: bytes, what: str, url: str | None, photos: list[Path], caption: str | None
    ) -> Added:
        from sosmed.ingest.sources import add_bytes

        added = add_bytes(self.store, self.settings, data, what, url, photos, caption)
        return self._after_add(added)

    def add_url(self, url: str, photos: list[Path], caption: str | None) -> Added:
        from sosmed.ingest.sources import add_url

        added = add_url(self.store, self.settings, url, photos=photos, caption=caption)
        return self._after_add(added)

    def _after_add(self, added: Added) -> Added:
        if added.duplicate_of is None and self.settings.config.compose_on_add:
            self.compose(added.article_id, None)
        return added

    @cached_property
    def desk(self) -> ArticleDesk:
        """Corrections, photos, composing again, deletion and search of articles."""
        from sosmed.office.articles import ArticleDesk

        return ArticleDesk(self)

    def articles(self, limit: int) -> list[Article]:
        return self.store.list_articles(limit)

    def article_view(self, article: Article | int, duplicate_of: int | None = None) -> Any:
        """An article as people and JSON see it: its fields, credits and photos."""
        from sosmed.ingest.records import article_dict

        if isinstance(article, int):
            article = self.store.get_article(article)
        return article_dict(article, self.store.article_photos(article.id or 0), duplicate_of)

    @staticmethod
    def published_local(article: Article) -> datetime | None:
        from sosmed.ingest.records import published_local

        return published_local(article)

    # Feeds

    def add_feed(self, url: str, accounts: list[str], auto_approve: bool) -> tuple[Feed, bool]:
        from sosmed.office.feeds import check_feed_url
        from sosmed.office.names import configured_account

        for name in accounts:
            configured_account(self.settings, name)  # a clear error now, not at a poll
        check_feed_url(self.settings, url)  # refused now, not at every poll
        return self.store.add_feed(url, accounts, auto_approve, self.now())

    def remove_feed(self, feed_id: int) -> tuple[Feed, int]:
        """Stop polling a feed (not one sosmed.toml lists); the articles it brought stay."""
        feed = self.store.get_feed(feed_id)
        if any(f.url == feed.url for f in self.settings.config.feeds):
            raise InputError(
                _("feed {id} tertulis di sosmed.toml; hapus dari sana").format(id=feed_id)
            )
        return self.store.remove_feed(feed_id)

    def feeds(self) -> list[Feed]:
        return self.store.list_feeds()

    def poll_feeds(self, progress: bool = False) -> tuple[list[PollResult], list[str]]:
        """Poll every feed; each new article is composed for the feed's accounts, and its
        posts approved in the feed's name ("feed:<id>") when the feed approves at once."""
        if not self.settings.config.feeds and not self.store.list_feeds():
            return [], []  # an office without feeds keeps the feed reader out of memory
        from sosmed.ingest.feeds import poll_all

        def compose(article_id: int, feed: Feed) -> None:
            # Composing brings Jinja, Pillow and the summariser: a daemon whose feeds bring
            # nothing new (most polls) does not keep them in memory.
            from sosmed.compose.build import compose_for_feed

            compose_for_feed(self.store, self.settings, article_id, feed.accounts, self.now())

        return poll_all(self.store, self.settings, compose, progress, self.clock)

    # Posts

    def compose(self, article_id: int, accounts: list[str] | None) -> list[Post]:
        from sosmed.compose.build import compose_article
        from sosmed.office.names import configured_account

        for name in accounts or ():
            configured_account(self.settings, name)
        return compose_article(self.store, self.settings, article_id, accounts, self.now())

    def posts(
        self, status: str | None = None, account: str | None = None, article: int | None = None
    ) -> list[Post]:
        name = self.account_name(account)
        return self.store.list_posts(status=status, account=name, article_id=article)

    def post(self, post_id: int) -> Post:
        return self.store.get_post(post_id)

    @staticmethod
    def measure(post: Post | PostRow, limits: Limits | None = None) -> Measure:
        """The post's length in its platform's units, against the platform's limit (or
        ``limits``: its account's own, from :meth:`account_limits`)."""
        from sosmed.platforms.limits import check

        return check(post.platform, post.text, with_images=bool(post.photos), limits=limits)

    def edit(self, seen: Post, text: str, actor: str) -> Post:
        """Replace the text of the post ``seen`` as the person saw it; refused if it moved
        meanwhile (sent, or edited by someone else). Approved words edited: back to draft."""
        from sosmed.store.guard import Seen

        assert seen.id is not None
        return self.store.edit_post(seen.id, text, actor, Seen.of(seen), now=self.now())

    def approve(self, post_id: int, by: str) -> Post:
        return self.store.approve_post(post_id, by, now=self.now())

    def cancel(self, post_id: int, actor: str) -> Post:
        return self.store.cancel_post(post_id, actor, now=self.now())

    def person(self, by: str | None, named: bool = True) -> str:
        """Who acts (--by, checked against the staff list), or refused; see office/posts.py."""
        from sosmed.office.posts import person

        return person(self, by, named)

    def retry(self, post_id: int, by: str, at: datetime | None = None) -> Post:
        """A failed or missed post due again at ``at`` (now when None)."""
        from sosmed.office.posts import retry

        return retry(self, post_id, by, at)

    def unschedule(self, post_id: int, by: str) -> Post:
        return self.store.unschedule_post(post_id, by, now=self.now())

    def restore(self, post_id: int, by: str) -> Post:
        return self.store.restore_post(post_id, by, now=self.now())

    def history(self, post_id: int) -> list[tuple[str, str, str, str]]:
        """(when, who, what, action) of everything that happened to the post, oldest first."""
        from sosmed.office.posts import history_lines

        return history_lines(self.store.post_history(post_id), self)

    # Scheduling

    def parse_time(self, text: str) -> datetime:
        """A time as people type it in the office's zone, or "now"."""
        from sosmed.schedule.slots import parse_local

        return self.now() if text.strip().lower() == "now" else parse_local(text, self.settings.tz)

    def schedule(
        self,
        post_ids: list[int],
        at: datetime | None,
        next_slot: bool,
        force: bool,
        actor: str,
        note: Callable[[str], None],
    ) -> list[Post]:
        """Put posts on the calendar at ``at``, or each in its account's next free slot
        (from ``at`` when given). A slot rule that ``at`` breaks refuses, unless ``force``;
        ``note`` hears the rules that do not refuse."""
        from sosmed.office.calendar import schedule

        return schedule(self, post_ids, at, next_slot, force, actor, note)

    def queue(self, limit: int) -> list[Post]:
        return self.store.queue(limit)

    @staticmethod
    def due_at(post: Post | PostRow) -> datetime | None:
        """When the post is next due: its retry time, else its scheduled time."""
        from sosmed.post_row import due_at

        return due_at(post)

    # Publishing

    def publisher(self, worker: str | None = None, **options: Any) -> Publisher:
        """A publisher for one worker, on this office's store, settings and clock."""
        from sosmed.publish.publisher import Publisher

        return Publisher(self.store, self.settings, worker, clock=self.clock, **options)

    def publish_now(
        self, post_id: int, actor: str, on_wait: Callable[[Post], None] | None = None
    ) -> Post:
        """Publish one approved or scheduled post now, and only that post; while a daemon
        is sending it, wait for the daemon's result instead of sending it twice."""
        from sosmed.publish.now import publish_now

        return publish_now(
            self.store, self.settings, post_id, actor, on_wait=on_wait, clock=self.clock
        )

    def resolve(self, post_id: int, actor: str, published: str | None, cancel: bool) -> Post:
        """Settle a post whose outcome the tool could not learn: online at ``published``,
        or not online (sent again, cancelled, or missed when already too late)."""
        lateness = timedelta(hours=self.settings.config.daemon.max_lateness_hours)
        return self.store.resolve(post_id, actor, self.now(), published, cancel, lateness)

    # Watching

    def health(self) -> Health:
        from sosmed.office.views import health  # plain SQL: `status` needs no ORM

        return health(self)

    @cached_property
    def alerts(self) -> AlertDesk:
        """Problems told to staff (Telegram, e-mail); `alerts`, `watchdog`, the daemon's tick."""
        from sosmed.office.alerts import AlertDesk

        return AlertDesk(self)

    def check_accounts(self, name: str | None = None) -> list[dict[str, Any]]:
        """Ask each account's platform who it is; each answer is remembered for `status`."""
        from sosmed.office.accounts import check_accounts

        return check_accounts(self, name)

    def secret_account(self, account: str, field: str) -> str:
        """The account's configured name, once ``field`` is a secret its platform takes."""
        from sosmed.office.accounts import secret_account

        return secret_account(self, account, field)

    def save_secret(self, account: str, field: str, value: str) -> Path:
        from sosmed.office.accounts import save_secret

        return save_secret(self, account, field, value)

    # The post log and the report

    def log_newest(self, f: LogFilter, limit: int) -> list[LogRow]:
        """The newest ``limit`` attempts that match, newest first."""
        from sosmed.office.reading import log_newest

        return log_newest(self, f, limit)

    def log_oldest_first(self, f: LogFilter) -> Iterator[LogRow]:
        """Every matching attempt, oldest first, read as it is consumed."""
        from sosmed.office.reading import log_oldest_first

        return log_oldest_first(self, f)

    @staticmethod
    def report_languages() -> tuple[str, ...]:
        from sosmed.report.words import LANGS

        return LANGS

    def report(
        self,
        start: datetime,
        end: datetime,
        lang: str,
        month: bool,
        account: str | None,
        now: datetime,
    ) -> tuple[str, int, int]:
        """The report of ``start``–``end``, made at ``now``, as one HTML page; with the
        number of its posts and of its articles."""
        from sosmed.office.reading import report

        return report(self, start, end, lang, month, account, now)

    def close(self) -> None:
        if "store" in self.__dict__:
            self.store.close()
