"""The everyday reads a person runs many times a day: the posts list, the queue, one post for
`preview`, and what `status` shows.

Each is plain SQL (:mod:`sosmed.store.fast_posts`, :mod:`sosmed.store.fast_health`) run
straight through the database driver when it can (no SQLAlchemy to import: these commands
answer at once), and over the store's own connection otherwise (no database yet, a schema to
migrate, a driver error): the store then opens the database and says what is wrong in its own
words. The same functions either way, so the two cannot drift apart.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sosmed.post_row import PostRow, status_named
from sosmed.store import fast_posts

if TYPE_CHECKING:
    from sosmed.office import Office
    from sosmed.publish.health import Health

T = TypeVar("T")


def _driver_error(e: BaseException) -> bool:
    # Matched by module: psycopg is imported only once a PostgreSQL URL is opened.
    return isinstance(e, sqlite3.Error) or type(e).__module__.startswith("psycopg")


def read(office: Office, fn: Callable[..., T], *args: Any) -> T:
    """``fn(conn, dialect, *args)`` over a connection of its own, else over the store's."""
    direct = fast_posts.open_current(office.settings.database_url)
    if direct is not None:
        conn, dialect = direct
        try:
            return fn(conn, dialect, *args)
        except Exception as e:
            if not _driver_error(e):
                raise
        finally:
            conn.close()
    with office.store.raw_read() as (conn, dialect):
        return fn(conn, dialect, *args)


def posts(
    office: Office,
    status: str | None = None,
    account: str | None = None,
    article: int | None = None,
) -> list[PostRow]:
    """Every post that matches, oldest first (`sosmed posts`)."""
    name = office.account_name(account)
    wanted = status_named(status) if status else None
    return read(office, fast_posts.posts, wanted, name, article)


def post(office: Office, post_id: int) -> PostRow:
    """One post as `preview` shows it; NotFound naming it when there is none."""
    found = read(office, fast_posts.one_post, post_id)
    if found is None:
        raise fast_posts.not_found("post", post_id)
    return found


def queue(
    office: Office, limit: int, start: datetime | None = None, end: datetime | None = None
) -> list[PostRow]:
    """What goes out next, soonest first (only what is due in [start, end) when given)."""
    return read(office, fast_posts.queue, limit, start, end)


def counters(office: Office, post_ids: list[int]) -> dict[int, dict[str, int]]:
    """Each post's newest public counters (posts without any left out)."""
    return read(office, fast_posts.newest_counters, post_ids)


def health(office: Office) -> Health:
    """What `status` shows: the daemon's heartbeat, the queue, what waits for a person."""
    from sosmed.publish.health import health as health_of
    from sosmed.store.fast_health import HealthReads

    now = office.now()
    return read(office, lambda conn, d: health_of(HealthReads(conn, d), office.settings, now))
