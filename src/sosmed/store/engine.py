"""Engine creation and schema migration (SQLite in WAL mode, or PostgreSQL)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import create_engine

from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.store.revision import MIGRATIONS as MIGRATIONS
from sosmed.store.revision import head_revision as head_revision

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

# How long a writer waits for another process's lock, unless the opener says otherwise.
BUSY_TIMEOUT = 10.0


def _sqlite_pragmas(busy_timeout: float, dbapi_conn: Any, _record: Any) -> None:
    # WAL lets readers (CLI, status) work while the daemon writes; busy_timeout makes a
    # writer wait for the lock instead of failing at once. It comes first: switching to WAL
    # may itself wait for a lock.
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # pysqlite's implicit transactions are off (isolation_level=None below); SQLAlchemy's
    # "begin" becomes an explicit BEGIN so that a claim can ask for BEGIN IMMEDIATE.
    mode = conn.info.pop("sqlite_begin", "BEGIN")
    conn.exec_driver_sql(mode)


def make_engine(url: str, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """An engine for ``url``; on SQLite a writer waits up to ``busy_timeout`` seconds for
    another process's lock, then fails with "database is locked"."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        args = {"isolation_level": None, "timeout": busy_timeout}
        engine = create_engine(url, connect_args=args)
        event.listen(engine, "connect", partial(_sqlite_pragmas, busy_timeout))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgres"):
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)
    raise ConfigError(
        _("database_url {url}: tulis sqlite:///PATH atau postgresql://...").format(url=repr(url))
    )


def alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    url = engine.url.render_as_string(hide_password=False)
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # no table yet (a new database), or a database being created
        return None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent; cheap when already there)."""
    if current_revision(engine) == head_revision():
        return
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
