"""Each storage fault, however it is raised (OSError, sqlite3, SQLAlchemy around sqlite3, or as
the cause of another error), becomes its own one line naming the place; other errors do not."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from tests.support.config import write_config

from sosmed.office.faults import storage_fault
from sosmed.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return write_config(tmp_path / "home", {})


@pytest.mark.parametrize(
    ("code", "says"),
    [
        (errno.ENOSPC, "disk penuh"),
        (errno.EDQUOT, "kuota disk habis"),
        (errno.EROFS, "sistem berkas hanya-baca"),
        (errno.EACCES, "tidak ada izin"),
        (errno.EPERM, "tidak diizinkan"),
    ],
)
def test_each_errno_has_its_own_line(settings: Settings, code: int, says: str) -> None:
    error = OSError(code, "strerror", str(settings.home / "media" / "foto.jpg"))
    fault = storage_fault(error, settings)
    assert fault is not None
    line = str(fault)
    assert line.startswith(says) and "foto.jpg" in line and "\n" not in line
    assert "OSError" not in line and "Errno" not in line


@pytest.mark.parametrize(
    ("driver", "says"),
    [
        ("database is locked", "database sedang dipakai proses lain"),
        ("attempt to write a readonly database", "hanya-baca"),
        ("database or disk is full", "disk penuh"),
        ("unable to open database file", "tidak bisa dibuka atau dibuat"),
    ],
)
def test_sqlite_errors_bare_wrapped_or_as_a_cause(
    settings: Settings, driver: str, says: str
) -> None:
    bare = sqlite3.OperationalError(driver)
    wrapped = OperationalError("BEGIN IMMEDIATE", {}, bare)
    try:
        try:
            raise wrapped
        except OperationalError as e:
            raise RuntimeError("the job failed") from e
    except RuntimeError as outer:
        caused = outer
    for error in (bare, wrapped, caused):
        fault = storage_fault(error, settings)
        assert fault is not None and says in str(fault), (error, fault)
        assert "sqlite3" not in str(fault) and "BEGIN" not in str(fault)


def test_other_errors_are_not_storage_faults(settings: Settings) -> None:
    assert storage_fault(OSError(errno.ENOENT, "no such file", "x"), settings) is None
    assert storage_fault(sqlite3.IntegrityError("UNIQUE constraint failed"), settings) is None
    assert storage_fault(ValueError("a bug"), settings) is None
