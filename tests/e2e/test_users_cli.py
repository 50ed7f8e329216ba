"""`sosmed users`: add (password from stdin for scripts), list, password, disable, with their
exit codes; the password never shows."""

from __future__ import annotations

import json
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


def _on_a_terminal(home: Path, args: list[str], answers: list[str]) -> tuple[int, str]:
    """Run ``sosmed`` with a pseudo-terminal as its input and output, answering each password
    prompt in turn; its exit code and everything it wrote."""
    import os
    import pty
    import select
    import subprocess
    import time

    from tests.support.cli import SOSMED

    main, child = pty.openpty()
    env = {**os.environ, "SOSMED_HOME": str(home), "COLUMNS": "200"}

    def own_terminal() -> None:  # in the child: the pty becomes its controlling terminal
        import fcntl
        import termios

        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        [SOSMED, *args],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
        close_fds=True,
        preexec_fn=own_terminal,
    )
    os.close(child)
    seen, pending = b"", list(answers)
    deadline = time.monotonic() + 45
    while time.monotonic() < deadline:
        ready = select.select([main], [], [], 0.2)[0]
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            # The prompt's last space comes from getpass once echo is off (an answer sent
            # before that would be flushed away).
            if pending and seen.endswith(b": "):
                os.write(main, pending.pop(0).encode() + b"\n")
        elif proc.poll() is not None:
            break
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)
    os.close(main)
    return proc.returncode, seen.decode(errors="replace")


def test_users_add_asks_the_password_twice_on_a_terminal(settings: Settings, home: Path) -> None:
    code, out = _on_a_terminal(
        home, ["users", "add", "Nina", "--role", "staf"], ["rahasia-nina-1", "rahasia-nina-1"]
    )
    assert code == 0, out
    assert "Kata sandi" in out and "Ulangi kata sandi" in out
    assert "rahasia-nina-1" not in out  # never echoed
    code, out = _on_a_terminal(
        home, ["users", "add", "Omar", "--role", "staf"], ["rahasia-omar-1", "rahasia-omar-2"]
    )
    assert code == 2 and "tidak sama" in out
    office = Office(settings)
    assert People(office).sign_in("Nina", "rahasia-nina-1") is not None
    assert People(office).named("Omar") is None
    office.close()


def test_every_change_to_the_people_is_in_their_history(settings: Settings, home: Path) -> None:
    def users(*args: str, stdin: bytes | None = None) -> str:
        done = run_cli(home, "users", *args, stdin=stdin, env={"COLUMNS": "80"})
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "belum ada perubahan" in users("history")
    users("add", "Eko", "--role", "staf", "--password-stdin", "--by", "Admin Kantor",
          stdin=b"rahasia-eko-123\n")  # fmt: skip
    assert "peran Eko sekarang penyetuju" in users(
        "role", "eko", "penyetuju", "--by", "Admin Kantor"
    )
    users("disable", "Eko", "--by", "Admin Kantor")
    office = Office(settings)
    assert People(office).sign_in("Eko", "rahasia-eko-123") is None
    assert "Eko diaktifkan lagi" in users("enable", "Eko", "--by", "Admin Kantor")
    assert People(office).sign_in("Eko", "rahasia-eko-123") is not None  # the old password
    users("password", "Eko", "--password-stdin", "--by", "Admin Kantor", stdin=b"sandi-baru-4567\n")
    table = users("history")
    lines = [line for line in table.splitlines() if "Admin Kantor" in line]
    assert [w for w in ("sandi", "diaktifkan lagi", "dinonaktifkan", "staf → penyetuju",
                        "ditambahkan sebagai staf") if any(w in line for line in lines)] == [
        "sandi", "diaktifkan lagi", "dinonaktifkan", "staf → penyetuju", "ditambahkan sebagai staf"
    ]  # fmt: skip
    assert len(lines) == 5 and all(len(line) <= 80 for line in table.splitlines())
    assert "rahasia" not in table and "sandi-baru" not in table
    english = run_cli(home, "--lang", "en", "users", "history", "--json")
    rows = json.loads(english.stdout)
    assert rows[-1]["what"] == "Eko added as staff"
    assert rows[-2]["what"].startswith("role of Eko: staff → ")
    assert {r["by"] for r in rows} == {"Admin Kantor"}
    office.close()
