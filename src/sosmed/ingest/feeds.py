"""RSS and Atom feeds: poll with ETag / Last-Modified, ingest each new entry's link."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import feedparser

from sosmed.errors import FeedError, SosmedError
from sosmed.i18n import _
from sosmed.ingest.fetch import FetchPolicy, fetch
from sosmed.ingest.records import canonical_url
from sosmed.ingest.sources import add_url
from sosmed.models import ArticleSource, Feed, utcnow
from sosmed.redact import redact
from sosmed.settings import Settings
from sosmed.store.articles import ArticleStore

log = logging.getLogger(__name__)


@dataclass
class PollResult:
    feed_id: int
    url: str
    not_modified: bool = False
    new: list[int] = field(default_factory=list)
    known: int = 0
    errors: list[str] = field(default_factory=list)


def entry_links(data: bytes, url: str) -> list[str]:
    """The article links of a feed document, oldest first; FeedError when it is no feed."""
    try:
        parsed = feedparser.parse(data)
    except Exception as e:  # feedparser raises whatever its parsers raise on hostile bytes
        raise FeedError(
            _("{url} tidak bisa dibaca sebagai feed ({error})").format(
                url=url, error=type(e).__name__
            )
        ) from None
    is_feed = parsed.get("version") or parsed.entries
    if not is_feed:
        reason = parsed.get("bozo_exception")
        raise FeedError(
            _("{url} bukan feed RSS atau Atom").format(url=url) + (f" ({reason})" if reason else "")
        )
    links = [e.get("link") for e in parsed.entries if e.get("link")]
    return list(reversed(list(dict.fromkeys(str(x) for x in links))))


def _conditional_headers(feed: Feed) -> dict[str, str]:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.modified:
        headers["If-Modified-Since"] = feed.modified
    return headers


def poll_feed(
    store: ArticleStore,
    settings: Settings,
    feed: Feed,
    on_new: Callable[[int, Feed], None] | None = None,
    clock: Callable[[], datetime] = utcnow,
) -> PollResult:
    """Fetch one feed and ingest its new entries; one bad entry does not stop the others."""
    assert feed.id is not None
    result = PollResult(feed.id, feed.url)
    policy = FetchPolicy.from_settings(settings)
    try:
        page = fetch(feed.url, policy, _conditional_headers(feed), ok_statuses=(200, 304))
        if page.status == 304:
            result.not_modified = True
            store.record_poll(feed.id, clock())
            return result
        links = entry_links(page.body, feed.url)
    except SosmedError as e:
        store.record_poll(feed.id, clock(), error=redact(str(e)))
        raise
    known = store.known_urls([u for u in (canonical_url(x) for x in links) if u])
    for link in links:
        if canonical_url(link) in known:
            result.known += 1
            continue
        _ingest_entry(store, settings, feed, link, result, on_new)
    store.record_poll(feed.id, clock(), page.headers.get("etag"), page.headers.get("last-modified"))
    return result


def _ingest_entry(
    store: ArticleStore,
    settings: Settings,
    feed: Feed,
    link: str,
    result: PollResult,
    on_new: Callable[[int, Feed], None] | None,
) -> None:
    try:
        added = add_url(store, settings, link, ArticleSource.feed, feed.id)
    except SosmedError as e:
        result.errors.append(f"{link}: {redact(str(e))}")
        log.warning(_("feed %s: entri %s dilewati: %s"), feed.url, link, e)
        return
    if added.duplicate_of is not None:
        result.known += 1
        return
    result.new.append(added.article_id)
    if on_new is not None:
        try:
            on_new(added.article_id, feed)
        except SosmedError as e:  # the article is in; its posts can be composed by hand
            result.errors.append(
                _("{link}: ditambahkan sebagai berita {id}, belum disusun: {error}").format(
                    link=link, id=added.article_id, error=redact(str(e))
                )
            )


def sync_config_feeds(store: ArticleStore, settings: Settings) -> None:
    """Feeds named in sosmed.toml join those added with `sosmed feeds add`."""
    for f in settings.config.feeds:
        store.add_feed(f.url, f.accounts, f.auto_approve)


def poll_all(
    store: ArticleStore,
    settings: Settings,
    on_new: Callable[[int, Feed], None] | None = None,
    progress: bool = False,
    clock: Callable[[], datetime] = utcnow,
) -> tuple[list[PollResult], list[str]]:
    """Poll every feed; returns the results and one line per feed that failed."""
    sync_config_feeds(store, settings)
    results, failures = [], []
    for feed in store.list_feeds():
        if progress:
            log.info(_("membaca feed %s"), feed.url)
        try:
            results.append(poll_feed(store, settings, feed, on_new, clock))
        except SosmedError as e:
            failures.append(f"{feed.url}: {redact(str(e))}")
    return results, failures
