"""Reading posts through the database driver alone (sqlite3 or psycopg), as `sosmed log` does.

`sosmed posts`, `queue`, `preview` and `status` are run many times a day and should answer at
once; importing SQLAlchemy and the ORM models costs more than the whole command may. Their
reads are plain SQL here, returning :class:`~sosmed.post_row.PostRow`. The office runs the same
functions over a connection of its own (:func:`open_current`) or, when that cannot serve (no
database file yet, a schema that is not the newest, a driver error), over the store's raw
connection (``Store.raw_read``): every read is written once and reaches the database two ways.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from sosmed.errors import NotFound
from sosmed.i18n import N_, _
from sosmed.post_row import POST_COLUMNS, PostRow, PostStatus
from sosmed.store.fast_log import Dialect, connect
from sosmed.store.revision import head_revision

S = PostStatus
_SELECT = f"SELECT {', '.join(POST_COLUMNS)} FROM post"
_TIMES = frozenset(i for i, name in enumerate(POST_COLUMNS) if name.endswith("_at"))
_TIMES |= {POST_COLUMNS.index("lease_until")}
_JSON = frozenset(POST_COLUMNS.index(name) for name in ("hashtags", "photos"))
_STATUS = POST_COLUMNS.index("status")
# What goes out next, as `queue` shows it.
QUEUED = (S.scheduled, S.publishing, S.in_doubt)
_NOT_FOUND = {
    "post": N_("tidak ada post dengan id {id}"),
    "article": N_("tidak ada berita dengan id {id}"),
    "feed": N_("tidak ada feed dengan id {id}"),
}
# How long the quick path waits for a lock (WAL readers seldom meet one: another process
# holding the file exclusively) before it leaves the read to the store, which waits the
# person's lock wait and says who holds it.
LOCK_WAIT = 0.2
# Seconds the quick path gives a PostgreSQL server to answer before the store tries: a server
# that is down is then reported by the store, in its words, a little later than before.
CONNECT_WAIT = 3
_CHUNK = 500  # ids per IN (...) list: well under every backend's bound-parameter cap


def when(value: Any) -> datetime | None:
    """A time as the driver gives it (SQLite: text), aware UTC."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if isinstance(value, datetime) else None


def from_json(value: Any) -> Any:
    """A JSON column as the driver gives it (SQLite: text; PostgreSQL: already read)."""
    return json.loads(value) if isinstance(value, str | bytes) else value


def post_row(raw: tuple[Any, ...]) -> PostRow:
    values = list(raw)
    for i in _TIMES:
        values[i] = when(values[i])
    for i in _JSON:
        values[i] = from_json(values[i])
    values[_STATUS] = PostStatus(values[_STATUS])
    return PostRow(*values)


def fetch(conn: Any, sql: str, params: Iterable[Any] = ()) -> list[tuple[Any, ...]]:
    cur = conn.cursor()
    try:
        cur.execute(sql, list(params))
        return list(cur.fetchall())
    finally:
        cur.close()


def select_posts(
    conn: Any, d: Dialect, where: str = "", params: Iterable[Any] = ()
) -> list[PostRow]:
    """Posts matching ``where`` (SQL after WHERE, with the dialect's marks; ORDER BY too)."""
    sql = f"{_SELECT} WHERE {where}" if where else _SELECT
    return [post_row(r) for r in fetch(conn, sql, params)]


def posts(
    conn: Any,
    d: Dialect,
    status: PostStatus | None = None,
    account: str | None = None,
    article_id: int | None = None,
) -> list[PostRow]:
    """Every post that matches, oldest id first (`sosmed posts`)."""
    clauses, params = ["1 = 1"], list[Any]()
    if status:
        clauses.append(f"status = {d.mark}")
        params.append(status.value)
    if account:
        clauses.append(f"account = {d.mark}")
        params.append(account)
    if article_id is not None:
        clauses.append(f"article_id = {d.mark}")
        params.append(article_id)
    return select_posts(conn, d, " AND ".join(clauses) + " ORDER BY id", params)


def one_post(conn: Any, d: Dialect, post_id: int) -> PostRow | None:
    found = select_posts(conn, d, f"id = {d.mark}", [post_id])
    return found[0] if found else None


def queue(
    conn: Any,
    d: Dialect,
    limit: int = 100,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[PostRow]:
    """What goes out next: scheduled, publishing and in_doubt posts, soonest first; only those
    due in [start, end) when given (a retry's time before the slot's)."""
    due = "COALESCE(next_try_at, scheduled_at)"
    marks = ", ".join([d.mark] * len(QUEUED))
    clauses, params = [f"status IN ({marks})"], [s.value for s in QUEUED]
    if start is not None:
        clauses.append(f"{due} >= {d.mark}")
        params.append(d.time_param(start))
    if end is not None:
        clauses.append(f"{due} < {d.mark}")
        params.append(d.time_param(end))
    where = " AND ".join(clauses) + f" ORDER BY {due}, id LIMIT {d.mark}"
    return select_posts(conn, d, where, [*params, limit])


def chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    batch = sorted(set(ids))
    for i in range(0, len(batch), _CHUNK):
        yield batch[i : i + _CHUNK]


def newest_counters(conn: Any, d: Dialect, post_ids: Iterable[int]) -> dict[int, dict[str, int]]:
    """Each post's newest counters (the latest stage read that has any); posts without any
    left out."""
    found: dict[int, dict[str, int]] = {}
    for chunk in chunks(post_ids):
        marks = ", ".join([d.mark] * len(chunk))
        sql = (
            f"SELECT post_id, counters FROM engagement WHERE post_id IN ({marks})"
            " ORDER BY collected_at, id"
        )
        for post_id, counters in fetch(conn, sql, chunk):
            counters = from_json(counters)
            if counters:
                found[post_id] = counters
    return found


def not_found(what: str, key: int) -> NotFound:
    """The error for a missing row ("tidak ada post dengan id 7"); ``what``: "post",
    "article" or "feed"."""
    message = _NOT_FOUND.get(what, N_("tidak ada {what} dengan id {id}"))
    return NotFound(_(message).format(what=what, id=key))


def open_current(database_url: str) -> tuple[Any, Dialect] | None:
    """A read connection of its own when the database exists at the newest schema; None
    otherwise (no file yet, older or newer schema, a driver error): the store then opens it,
    migrating it or saying what is wrong in its own words."""
    import sqlite3

    try:
        opened = connect(database_url, timeout=LOCK_WAIT, connect_timeout=CONNECT_WAIT)
    except Exception as e:
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("psycopg"):
            return None
        raise
    if opened is None:
        return None
    conn, d = opened
    try:
        found = fetch(conn, "SELECT version_num FROM alembic_version")
        if d.name == "postgresql":
            conn.rollback()  # no transaction left open over the reads that follow
    except Exception as e:
        conn.close()
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("psycopg"):
            return None
        raise
    if [r[0] for r in found] != [head_revision()]:
        conn.close()
        return None
    return conn, d
