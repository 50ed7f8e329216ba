"""Reading the post log through the database driver alone (sqlite3 or psycopg).

`sosmed log` is the command people run most to see what went out, and it should answer at
once. Importing SQLAlchemy and the ORM models takes longer than the whole command may
(~0.3 s of a 0.5 s budget), so the log's queries are plain SQL over the DB-API here. The
store's ``LogStore`` runs the same functions over its engine's raw connection: every read of
attempts as :class:`LogRow` is written once, here, and reaches the database two ways.

The newest-first view walks the ``started_at`` index (or ``(account, started_at)`` /
``(outcome, started_at)``, migration 0002), so a million attempts cost a few hundred index
entries; exports stream oldest first in batches, a server-side cursor on PostgreSQL. The
report's outcome counts use the same filter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sosmed.attempts import AttemptOutcome, LogFilter, LogRow

COLUMNS = tuple(f.name for f in fields(LogRow))
_SELECT = f"SELECT {', '.join(COLUMNS)} FROM attempt"
_TIMES = frozenset(i for i, name in enumerate(COLUMNS) if name.endswith("_at"))
# How SQLAlchemy's DateTime keeps a naive UTC time in SQLite: text that sorts as time does.
SQLITE_TIME = "%Y-%m-%d %H:%M:%S.%f"


@dataclass(frozen=True)
class Dialect:
    name: str  # "sqlite" or "postgresql"

    @property
    def mark(self) -> str:
        return "?" if self.name == "sqlite" else "%s"

    def time_param(self, value: datetime) -> Any:
        naive = value.astimezone(UTC).replace(tzinfo=None)
        return naive.strftime(SQLITE_TIME) if self.name == "sqlite" else naive

    def row(self, raw: tuple[Any, ...]) -> LogRow:
        values = list(raw)
        for i in _TIMES:
            v = values[i]
            if isinstance(v, str):
                v = datetime.fromisoformat(v)
            if isinstance(v, datetime):
                values[i] = v.replace(tzinfo=UTC)
        return LogRow(*values)


SQLITE = Dialect("sqlite")
POSTGRESQL = Dialect("postgresql")


def _where(f: LogFilter, d: Dialect) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if f.since is not None:
        clauses.append(f"started_at >= {d.mark}")
        params.append(d.time_param(f.since))
    if f.until is not None:
        clauses.append(f"started_at < {d.mark}")
        params.append(d.time_param(f.until))
    if f.account is not None:
        clauses.append(f"account = {d.mark}")
        params.append(f.account)
    if f.outcome is not None:
        clauses.append(f"outcome = {d.mark}")
        params.append(f.outcome)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _rows(conn: Any, d: Dialect, sql: str, params: list[Any]) -> list[LogRow]:
    cur = conn.cursor()
    try:
        cur.execute(sql, params)
        return [d.row(r) for r in cur.fetchall()]
    finally:
        cur.close()


def newest(conn: Any, d: Dialect, f: LogFilter, limit: int) -> list[LogRow]:
    """The newest ``limit`` attempts that match, newest first."""
    where, params = _where(f, d)
    sql = f"{_SELECT}{where} ORDER BY started_at DESC, id DESC LIMIT {d.mark}"
    return _rows(conn, d, sql, [*params, limit])


def with_result(conn: Any, d: Dialect, post_ids: list[int]) -> list[LogRow]:
    """The attempts at these posts that have a result (a stale write has none), oldest first."""
    marks = ", ".join([d.mark] * len(post_ids))
    sql = (
        f"{_SELECT} WHERE post_id IN ({marks}) AND outcome IS NOT NULL AND outcome <> {d.mark}"
        " ORDER BY id"
    )
    return _rows(conn, d, sql, [*post_ids, AttemptOutcome.stale.value])


def oldest_first(conn: Any, d: Dialect, f: LogFilter, batch: int = 2000) -> Iterator[LogRow]:
    """Every matching attempt, oldest first, fetched ``batch`` rows at a time.

    The query runs before this returns (a missing table fails here, not mid-export)."""
    where, params = _where(f, d)
    sql = f"{_SELECT}{where} ORDER BY started_at, id"
    # A named cursor is PostgreSQL's server-side cursor: rows arrive as they are fetched.
    cur = conn.cursor() if d.name == "sqlite" else conn.cursor(name="sosmed_log_export")
    try:
        cur.execute(sql, params)
        first = cur.fetchmany(batch)
    except BaseException:
        cur.close()
        raise
    return _drain(cur, d, first, batch)


def _drain(cur: Any, d: Dialect, part: list[Any], batch: int) -> Iterator[LogRow]:
    try:
        while part:
            yield from (d.row(r) for r in part)
            part = cur.fetchmany(batch)
    finally:
        cur.close()


def outcome_counts(conn: Any, d: Dialect, f: LogFilter) -> dict[str, int]:
    """How many matching attempts ended each way ("": no result recorded)."""
    where, params = _where(f, d)
    cur = conn.cursor()
    try:
        cur.execute(f"SELECT outcome, count(*) FROM attempt{where} GROUP BY outcome", params)
        return {str(o) if o is not None else "": int(n) for o, n in cur.fetchall()}
    finally:
        cur.close()


class DirectLog:
    """The log read over a connection of its own, for `sosmed log`.

    Every method answers None where this path cannot serve (no database file yet, a schema
    this query does not fit, a driver error): the caller then goes through the store, which
    creates or upgrades the database and reports problems in its own words.
    """

    def __init__(self, conn: Any, dialect: Dialect) -> None:
        self.conn, self.dialect = conn, dialect

    @classmethod
    def open(cls, database_url: str) -> DirectLog | None:
        opened = _or_none(connect, database_url)
        return None if opened is None else cls(*opened)

    def newest(self, f: LogFilter, limit: int) -> list[LogRow] | None:
        return _or_none(newest, self.conn, self.dialect, f, limit)

    def oldest_first(self, f: LogFilter) -> Iterator[LogRow] | None:
        return _or_none(oldest_first, self.conn, self.dialect, f)

    def close(self) -> None:
        self.conn.close()


T = TypeVar("T")


def _or_none(fn: Callable[..., T | None], *args: Any) -> T | None:
    try:
        return fn(*args)
    except Exception as e:
        # Matched by module: psycopg is imported only once a PostgreSQL URL is opened.
        if isinstance(e, sqlite3.Error) or type(e).__module__.startswith("psycopg"):
            return None
        raise


def connect(
    database_url: str, timeout: float = 10, connect_timeout: int | None = None
) -> tuple[Any, Dialect] | None:
    """A read connection for the configured database, or None when this path cannot open it
    (no database file yet, an unknown URL form); SQLite waits up to ``timeout`` seconds for
    a lock, PostgreSQL up to ``connect_timeout`` seconds (when given) for the server."""
    scheme, _, rest = database_url.partition("://")
    if scheme == "sqlite":
        path = rest[1:] if rest.startswith("/") else rest
        if not path or path == ":memory:" or not Path(path).is_file():
            return None
        return sqlite3.connect(path, timeout=timeout), SQLITE
    if scheme in ("postgresql", "postgres", "postgresql+psycopg"):
        import psycopg  # only PostgreSQL offices pay for this import

        if connect_timeout is None:
            return psycopg.connect(f"postgresql://{rest}"), POSTGRESQL
        return psycopg.connect(f"postgresql://{rest}", connect_timeout=connect_timeout), POSTGRESQL
    return None
