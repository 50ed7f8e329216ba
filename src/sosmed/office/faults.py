"""Storage faults in words a person can act on: one line each, no driver class names.

The database and the home fail in a handful of ways that a person, not sosmed, must fix: the
file is locked by another process, the disk is full, the file system is read-only, the home
belongs to someone else, or there is no home at all. Each becomes one :class:`StorageError`
(or :class:`ConfigError` for a missing home) naming the place, whatever layer noticed it
first (sqlite3, SQLAlchemy wrapping sqlite3, or a plain OSError from writing a file).
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.errors import ConfigError, LockHeld, StorageError
from sosmed.i18n import N_, _

if TYPE_CHECKING:  # not at run time: `sosmed --help` needs no pydantic
    from sosmed.settings import Settings

# How long a person's command waits for another process's write lock before it says so
# (with start-up, an answer within 5 s).
# A daemon's write is a few milliseconds; a longer wait means a stuck or long job.
PERSON_LOCK_WAIT = 4.0
# The daemon waits longer: nobody waits at a terminal for it, and giving up costs a tick.
DAEMON_LOCK_WAIT = 15.0

# The errno values of OSError that a person fixes, with what to say about each.
_OS_ERRORS = {
    errno.ENOSPC: N_("disk penuh"),
    errno.EDQUOT: N_("kuota disk habis"),
    errno.EROFS: N_("sistem berkas hanya-baca"),
    errno.EACCES: N_("tidak ada izin"),
    errno.EPERM: N_("tidak diizinkan"),
}


def no_office(home: Path) -> ConfigError:
    return ConfigError(
        _("belum ada kantor di {home}: jalankan `sosmed init --home {home}`").format(home=home)
    )


def check_office(settings: Settings) -> None:
    """Refuse a home without sosmed.toml: a mistyped --home must not become a new, empty
    office that silently takes articles and says all is well."""
    if not settings.config_path.is_file():
        raise no_office(settings.home)


def sqlite_path(database_url: str) -> Path | None:
    if not database_url.startswith("sqlite"):
        return None
    path = database_url.split("///", 1)[-1]
    return Path(path) if path and path != ":memory:" else None


def daemon_lock_path(database_url: str) -> Path:
    """The file a daemon holds locked while it works on an SQLite database."""
    return Path(database_url.split("///", 1)[-1] + ".daemon.lock")


def daemon_holder(database_url: str) -> str | None:
    """Who the running daemon of this SQLite database is ("pid 42 on host"), if one runs."""
    if sqlite_path(database_url) is None:
        return None
    try:
        fh = daemon_lock_path(database_url).open()  # read only: never creates the file
    except OSError:
        return None
    with fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            return fh.read().strip() or _("pid tidak diketahui")
        fcntl.flock(fh, fcntl.LOCK_UN)  # nobody held it: no daemon runs
    return None


def storage_fault(error: BaseException, settings: Settings | None) -> StorageError | None:
    """The one-line error a person reads for a storage fault behind ``error``, else None."""
    seen: set[int] = set()
    e: BaseException | None = error
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        found = _one(e, settings)
        if found is not None:
            return found
        e = getattr(e, "orig", None) or e.__cause__ or e.__context__
    return None


def _one(e: BaseException, settings: Settings | None) -> StorageError | None:
    where = _database(settings)
    if isinstance(e, sqlite3.Error):
        text = str(e).lower()
        if "locked" in text or "busy" in text:
            return locked(settings)
        if "readonly" in text or "read-only" in text:
            return StorageError(
                _("database {where} tidak bisa ditulis (hanya-baca): {fix}").format(
                    where=where, fix=_fix()
                )
            )
        if "full" in text:
            return StorageError(
                _("disk penuh: database {where} tidak bisa ditulis; {fix}").format(
                    where=where, fix=_space()
                )
            )
        if "unable to open" in text:
            if settings is not None and _read_only_fs(settings.home):
                return StorageError(
                    _("sistem berkas hanya-baca: {where} tidak bisa ditulis").format(where=where)
                )
            return StorageError(
                _("database {where} tidak bisa dibuka atau dibuat: {fix}").format(
                    where=where, fix=_fix()
                )
            )
        if "disk i/o" in text:
            return StorageError(
                _("database {where}: gangguan baca/tulis disk; {fix}").format(
                    where=where, fix=_fix()
                )
            )
        return None
    if isinstance(e, OSError) and e.errno in _OS_ERRORS:
        what = _(_OS_ERRORS[e.errno])
        place = e.filename or (settings.home if settings else _("folder home"))
        fix = _space() if e.errno in (errno.ENOSPC, errno.EDQUOT) else _fix()
        if e.errno in (errno.EACCES, errno.EPERM):
            message = _("{what}: {place} tidak bisa dibuka atau ditulis; {fix}")
        else:
            message = _("{what}: {place} tidak bisa ditulis; {fix}")
        return StorageError(message.format(what=what, place=place, fix=fix))
    return None


def locked(settings: Settings | None) -> StorageError:
    holder = daemon_holder(settings.database_url) if settings else None
    who = _(" (daemon {holder} sedang berjalan)").format(holder=holder) if holder else ""
    return StorageError(
        _(
            "database sedang dipakai proses lain{who}; tidak ada yang diubah, "
            "coba lagi sebentar lagi"
        ).format(who=who)
    )


def cannot_open(settings: Settings, e: BaseException) -> ConfigError:
    """The database that ``database_url`` names does not open (``e``: the driver's error)."""
    url = settings.database_url.split("@")[-1]  # no password in the message
    orig = getattr(e, "orig", None)
    reason = str(orig).strip().splitlines()[0] if orig else type(e).__name__
    return ConfigError(
        _("{path}: kunci '{key}': {message}").format(
            path=settings.config_path,
            key="database_url",
            message=_("basis data di {url} tidak bisa dibuka: {reason}").format(
                url=url, reason=reason
            ),
        )
    )


def daemon_running(holder: str) -> LockHeld:
    """A second daemon on one SQLite file: ``holder`` is the one already running."""
    return LockHeld(
        _(
            "daemon sosmed lain ({holder}) sudah berjalan pada basis data ini; "
            "satu daemon per berkas SQLite (pakai PostgreSQL untuk beberapa daemon)"
        ).format(holder=holder)
    )


def database_failed(database_url: str, times: int, cause: str) -> StorageError:
    """The daemon stops: its database failed ``times`` ticks in a row with ``cause``."""
    where = database_url.split("@")[-1]  # no password in the message
    again = _(" {n} kali berturut-turut").format(n=times) if times > 1 else ""
    return StorageError(
        _(
            "basis data di {where} gagal{again} ({cause}); daemon berhenti: "
            "periksa apakah basis datanya ada, bisa ditulis, dan tabelnya lengkap"
        ).format(where=where, again=again, cause=cause)
    )


def _read_only_fs(path: Path) -> bool:
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _database(settings: Settings | None) -> str:
    if settings is None:
        return ""
    path = sqlite_path(settings.database_url)
    return str(path) if path else settings.database_url.split("@")[-1]


def _fix() -> str:
    return _("periksa izin dan ruang folder home, lalu coba lagi")


def _space() -> str:
    return _("kosongkan ruang disk lalu coba lagi")


def check_writable(settings: Settings) -> None:
    """Prove that the home and its SQLite database take writes: a home that can only be
    read opens and reads fine, and would fail only at the first article or approval."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=settings.home):
            pass
        path = sqlite_path(settings.database_url)
        if path is not None:
            con = sqlite3.connect(path, timeout=PERSON_LOCK_WAIT, isolation_level=None)
            try:
                con.execute("BEGIN IMMEDIATE")
                con.execute("ROLLBACK")
            finally:
                con.close()
    except (OSError, sqlite3.Error) as e:
        raise storage_fault(e, settings) or StorageError(
            _("{home} tidak bisa ditulis: {error}").format(home=settings.home, error=e)
        ) from None
