"""`sosmed users`: add (password from stdin for scripts), list, password, disable, with their
exit codes; the password never shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.cli import run_cli

from sosmed.office import Office
from sosmed.office.people import People
from sosmed.settings import Settings

# Each command is a process that hashes a password: seconds each on a busy machine.
pytestmark = pytest.mark.slow


def test_users_add_list_password_disable(settings: Settings, home: Path) -> None:
    added = run_cli(
        home,
        "users",
        "add",
        "Sari Wulandari",
        "--role",
        "penyetuju",
        "--password-stdin",
        stdin=b"rahasia-sari-123\n",
    )
    assert added.returncode == 0, added.stderr
    assert "Sari Wulandari ditambahkan sebagai penyetuju" in added.stdout
    listed = run_cli(home, "users", "list")
    assert listed.returncode == 0 and "Sari Wulandari" in listed.stdout
    assert "rahasia" not in listed.stdout + listed.stderr
    assert "argon2" not in listed.stdout
    changed = run_cli(
        home,
        "users",
        "password",
        "sari wulandari",
        "--password-stdin",
        stdin=b"rahasia-baru-456\n",
    )
    assert changed.returncode == 0, changed.stderr
    office = Office(settings)
    assert People(office).sign_in("Sari Wulandari", "rahasia-baru-456") is not None
    disabled = run_cli(home, "users", "disable", "Sari Wulandari")
    assert disabled.returncode == 0
    assert People(office).sign_in("Sari Wulandari", "rahasia-baru-456") is None
    assert "nonaktif" in run_cli(home, "users", "list").stdout
    office.close()


def test_users_refuses_with_its_exit_codes(settings: Settings, home: Path) -> None:
    bad_role = run_cli(
        home,
        "users",
        "add",
        "Budi",
        "--role",
        "editor",
        "--password-stdin",
        stdin=b"kata-sandi-budi\n",
    )
    assert bad_role.returncode == 2 and "staf, penyetuju, admin" in bad_role.stderr
    short = run_cli(
        home, "users", "add", "Budi", "--role", "staf", "--password-stdin", stdin=b"pendek\n"
    )
    assert short.returncode == 2 and "terlalu pendek" in short.stderr
    ok = run_cli(
        home,
        "users",
        "add",
        "Budi",
        "--role",
        "staf",
        "--password-stdin",
        stdin=b"kata-sandi-budi\n",
    )
    assert ok.returncode == 0
    again = run_cli(
        home,
        "users",
        "add",
        "budi",
        "--role",
        "admin",
        "--password-stdin",
        stdin=b"kata-sandi-budi\n",
    )
    assert again.returncode == 2 and "sudah ada" in again.stderr
    missing = run_cli(home, "users", "disable", "Dewi")
    assert missing.returncode == 2 and "Dewi" in missing.stderr
