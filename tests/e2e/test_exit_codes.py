"""The exit-code contract, as README.md states it: 0 done, 1 a person is needed or nothing went
out, 2 bad input, 3 configuration or storage; 130 stopped by Ctrl-C. Each case is the
``sosmed`` command as a process: one line on stderr, its code, and the database as it was.

The table rows run through ``forkcli`` (the entry point forked per row after one import);
the cases that need a second process (a lock holder, a hanging platform, a busy port) or a
file system of their own (read-only, full) run their own processes. A read-only or full file
system is a tmpfs mounted for the test where that is allowed (root); as another user a
read-only home is a directory without write permission, and a full disk is skipped.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from tests.support.cli import SOSMED, run_cli
from tests.support.config import write_config
from tests.support.daemon import start_daemon
from tests.support.forked import run_forked
from tests.support.net import closed_port_url
from tests.support.posts import add_post

from sosmed.office import Office
from sosmed.office.faults import DAEMON_LOCK_WAIT, PERSON_LOCK_WAIT
from sosmed.store import Store

REPO = Path(__file__).resolve().parents[2]
BIGGEST = 2**63 - 1
ARTICLE = (
    "Senin, 14 Oktober 2024 - 09:15 WIB\n\n"
    "Bupati Resmikan Jembatan Penghubung Dua Desa di Kecamatan Sukamaju\n\n"
    "SUKAMAJU, HUMAS - Bupati Sukamaju meresmikan Jembatan Harapan yang menghubungkan Desa "
    "Sumberjaya dan Desa Mekarsari, Senin (14/10/2024). Jembatan sepanjang 45 meter itu "
    "dibangun dengan anggaran Rp 2,5 miliar dari APBD Kabupaten Sukamaju.\n"
)
SECRET = "SOSMED_TG_HUMAS_BOT_TOKEN"


def _config(api_base: str) -> dict[str, Any]:
    return {
        "accounts": [
            {"name": "x_humas", "platform": "x"},
            {
                "name": "tg_humas",
                "platform": "telegram",
                "api_base": api_base,
                "timeout": 30.0,
                "options": {"chat_id": "@humas_uji"},
            },
        ]
    }


def seed(home: Path, api_base: str | None = None) -> dict[str, int]:
    """A home with a draft, an approved Telegram post and a post in doubt."""
    settings = write_config(home, _config(api_base or closed_port_url()))
    store = Store.open_url(settings.database_url)
    try:
        ids = {
            "draft": add_post(store, status="draft"),
            "approved": add_post(store, "tg_humas", "telegram", approved_by="uji"),
            "review": add_post(store, status="needs_review", last_error="CannotTell: no read"),
        }
    finally:
        store.close()
    (home.parent / "berita.txt").write_text(ARTICLE)
    return ids


def dump(home: Path) -> str:
    db = home / "sosmed.db"
    if not db.exists():
        return "(no database)"
    # On a read-only file system SQLite cannot make the WAL's shared-memory file; the
    # database is then read as immutable (its WAL was checkpointed when the store closed).
    for mode in ("mode=ro", "immutable=1"):
        con = sqlite3.connect(f"file:{db}?{mode}", uri=True)
        try:
            return "\n".join(con.iterdump())
        except sqlite3.OperationalError:
            continue
        finally:
            con.close()
    raise AssertionError(f"{db} cannot be read")


def lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def assert_one_line(r: Any, code: int, says: str) -> None:
    stderr = r["stderr"] if isinstance(r, dict) else r.stderr
    got = r["code"] if isinstance(r, dict) else r.returncode
    assert got == code, stderr
    assert "Traceback" not in stderr
    assert len(lines(stderr)) == 1, stderr
    assert says in stderr, stderr


@dataclass
class Row:
    args: tuple[str, ...]
    code: int
    says: str
    # "seeded", "empty" (a folder without sosmed.toml), "missing", or "unmakeable" (in /proc)
    home: str = "seeded"
    unchanged: bool = True


ROWS = [
    Row(("posts",), 3, "belum ada kantor di", home="missing"),
    Row(("status",), 3, "jalankan `sosmed init --home", home="missing"),
    Row(("add", "../berita.txt"), 3, "belum ada kantor di", home="empty"),
    Row(("log",), 3, "belum ada kantor di", home="empty"),
    Row(("init",), 3, "kantor tidak bisa dibuat di /proc/", home="unmakeable"),
    Row(("publish", str(BIGGEST + 1)), 2, "bukan nomor"),
    Row(("preview", "0"), 2, "bukan nomor"),
    Row(("approve", "{draft}", str(BIGGEST + 1)), 2, "bukan nomor"),
    Row(("posts", "--article", "-5"), 2, "bukan nomor"),
    Row(("posts", "--account", "nosuch"), 2, "akun 'nosuch' tidak dikenal"),
    Row(("log", "--account", "nosuch"), 2, "tg_humas, x_humas"),
    Row(("report", "--account", "nosuch"), 2, "akun 'nosuch' tidak dikenal"),
    Row(("compose", "1", "--accounts", "nosuch"), 2, "tidak ada akun bernama 'nosuch'"),
    Row(("preview", "999"), 2, "tidak ada post dengan id 999"),
    Row(("publish", "{approved}"), 1, "tidak terkirim", unchanged=False),
    Row(("status",), 1, "sosmed resolve {review} "),
]


def _forked(runs: list[dict[str, Any]], where: Path) -> list[dict[str, Any]]:
    return run_forked(runs, where)


@dataclass
class Table:
    ids: dict[str, int]
    homes: list[Path]
    before: list[str]
    answers: list[dict[str, Any]]


@pytest.fixture(scope="module")
def table(tmp_path_factory: pytest.TempPathFactory) -> Table:
    root = tmp_path_factory.mktemp("codes")
    seeded = root / "seeded" / "home"
    ids = seed(seeded)
    runs, homes = [], []
    for n, row in enumerate(ROWS):
        home = root / f"row{n}" / "home"
        home.parent.mkdir()
        shutil.copy(seeded.parent / "berita.txt", home.parent)
        if row.home == "seeded":
            shutil.copytree(seeded, home)
        elif row.home == "empty":
            home.mkdir()
        elif row.home == "unmakeable":
            home = Path("/proc") / f"sosmed-uji-{os.getpid()}"
        env = {"SOSMED_HOME": str(home), SECRET: "123:uji"}
        runs.append(
            {"args": [a.format(**ids) for a in row.args], "cwd": str(home.parent), "env": env}
        )
        homes.append(home)
    before = [dump(h) for h in homes]
    return Table(ids, homes, before, _forked(runs, root))


@pytest.mark.parametrize("n", range(len(ROWS)), ids=[" ".join(r.args) for r in ROWS])
def test_each_case_is_one_line_its_code_and_changes_nothing(n: int, table: Table) -> None:
    row, home = ROWS[n], table.homes[n]
    assert_one_line(table.answers[n], row.code, row.says.format(**table.ids))
    if row.home in ("missing", "unmakeable"):
        assert not home.exists()  # no office made in a mistyped --home
    elif row.home == "empty":
        assert list(home.iterdir()) == []
    if row.unchanged:
        assert dump(home) == table.before[n]


def test_publish_says_why_in_plain_words(table: Table) -> None:
    n = next(i for i, row in enumerate(ROWS) if row.args[0] == "publish" and row.code == 1)
    message = table.answers[n]["stderr"]
    assert "Transient" not in message and "gangguan sementara" in message, message
    con = sqlite3.connect(table.homes[n] / "sosmed.db")
    post = table.ids["approved"]
    status = con.execute("SELECT status FROM post WHERE id = ?", (post,)).fetchone()
    con.close()
    assert status == ("scheduled",)  # retried later by the daemon, as the line says


def test_the_installed_command_agrees(tmp_path: Path) -> None:
    # The forked runner is the entry point; the installed script must say the same.
    missing = tmp_path / "salah" / "home"
    r = run_cli(missing, "posts")
    assert_one_line(r, 3, f"belum ada kantor di {missing}: jalankan `sosmed init --home")
    assert not missing.exists()


@contextmanager
def _holder(home: Path, daemon: bool) -> Iterator[subprocess.Popen[str]]:
    """A second process holding the database's write lock (and, as a daemon does, its lock
    file with its pid) until it is stopped."""
    code = (
        "import fcntl, os, sqlite3, sys, time\n"
        "db = sys.argv[1]\n"
        "if sys.argv[2] == '1':\n"
        "    fh = open(db + '.daemon.lock', 'a+')\n"
        "    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)\n"
        "    fh.write(f'pid {os.getpid()} on uji'); fh.flush()\n"
        "con = sqlite3.connect(db, isolation_level=None)\n"
        "con.execute('BEGIN IMMEDIATE')\n"
        "con.execute('UPDATE post SET text = text')\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"
    )
    p = subprocess.Popen(
        [sys.executable, "-c", code, str(home / "sosmed.db"), "1" if daemon else "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert p.stdout is not None and p.stdout.readline().strip() == "held"
        yield p
    finally:
        p.kill()
        p.wait()


def test_a_locked_database_is_one_line_within_five_seconds_and_reads_still_work(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    ids = seed(home)
    before = dump(home)
    with _holder(home, daemon=True) as holder:
        start = time.monotonic()
        read = run_cli(home, "posts", "--json")
        reading = time.monotonic() - start
        assert read.returncode == 0, read.stderr  # WAL: readers do not wait for the writer
        assert {p["id"] for p in json.loads(read.stdout)} == set(ids.values())
        start = time.monotonic()
        r = run_cli(home, "approve", str(ids["draft"]), "--by", "Siti")
        writing = time.monotonic() - start
        assert_one_line(r, 3, "database sedang dipakai proses lain")
        assert f"pid {holder.pid}" in r.stderr
    # The 4 s wait on top of a start like the reader's (the machine may be loaded).
    assert writing - reading < PERSON_LOCK_WAIT + 3.0, (writing, reading)
    assert dump(home) == before


def test_a_person_waits_less_for_a_lock_than_the_daemon(tmp_path: Path) -> None:
    settings = write_config(tmp_path, {})
    office = Office(settings)
    with office.store.engine.connect() as conn:
        waits = conn.exec_driver_sql("PRAGMA busy_timeout").scalar()
    office.close()
    assert waits == PERSON_LOCK_WAIT * 1000 <= 5000 < DAEMON_LOCK_WAIT * 1000


class HangingServer:
    """A platform that takes the request and never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.asked = threading.Event()
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            if conn.recv(65536):
                self.asked.set()

    def close(self) -> None:
        for c in self.conns:
            c.close()
        self.sock.close()


def test_ctrl_c_during_publish_says_where_the_post_is_and_exits_130(tmp_path: Path) -> None:
    server = HangingServer()
    try:
        home = tmp_path / "home"
        ids = seed(home, server.url)
        env = {**os.environ, "SOSMED_HOME": str(home), SECRET: "123:uji", "COLUMNS": "200"}
        p = subprocess.Popen(
            [SOSMED, "publish", str(ids["approved"])],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert server.asked.wait(30), "the request never reached the platform"
        p.send_signal(signal.SIGINT)
        _, err = p.communicate(timeout=10)
    finally:
        server.close()
    assert_one_line({"code": p.returncode, "stderr": err}, 130, "mungkin sudah terkirim")
    assert f"post {ids['approved']}" in err and "sosmed status" in err
    con = sqlite3.connect(home / "sosmed.db")
    status = con.execute("SELECT status FROM post WHERE id = ?", (ids["approved"],)).fetchone()
    con.close()
    assert status == ("publishing",)  # left for the daemon to read back, as the line says


def test_a_busy_sandbox_port_is_one_line_and_exit_3(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        r = run_cli(tmp_path / "sb", "sandbox", "--port", str(port))
    assert_one_line(r, 3, f"port {port}")


def _mount(where: Path, size: str) -> bool:
    where.mkdir(parents=True)
    if os.geteuid() != 0:
        return False
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
        capture_output=True,
    )
    return done.returncode == 0


def _umount(where: Path) -> None:
    subprocess.run(["umount", "-l", str(where)], capture_output=True)


@pytest.fixture
def read_only_home(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int]]]:
    """A seeded home that cannot be written: a read-only tmpfs as root (where a mode does
    not stop writes), a folder and database without write permission otherwise."""
    where = tmp_path / "fs"
    mounted = _mount(where, "4m")
    home = where / "home"
    ids = seed(home)
    if mounted:
        subprocess.run(["mount", "-o", "remount,ro", str(where)], check=True)
    else:
        for path in (home / "sosmed.db", home):
            path.chmod(0o555)
        with pytest.raises(PermissionError):  # a user for whom modes hold, not root
            (home / "probe").write_text("x")
    try:
        yield home, ids
    finally:
        if mounted:
            _umount(where)
        else:
            home.chmod(0o755)


def test_a_read_only_home_is_one_line_for_every_writer(
    read_only_home: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    home, ids = read_only_home
    before = dump(home)
    runs = [
        ("init",),
        ("add", str(home.parent / "berita.txt")),
        ("approve", str(ids["draft"]), "--by", "Siti"),
        ("compose", "1"),
        ("edit", str(ids["draft"]), "--text", "Teks baru", "--by", "Siti"),
        ("daemon", "--once"),
        ("accounts", "set-secret", "x_humas", "access_token"),
    ]
    env = {"SOSMED_HOME": str(home)}
    forked = _forked(
        [{"args": list(a), "cwd": str(tmp_path), "env": env, "stdin": "uji-1\n"} for a in runs],
        tmp_path,
    )
    for args, r in zip(runs, forked, strict=True):
        assert_one_line(r, 3, "tidak bisa")
        assert "Jembatan" not in r["stderr"], (args, r["stderr"])  # no article in the message
        assert "database ready" not in r["stdout"], args
    assert dump(home) == before


def test_a_full_disk_is_one_line_and_exit_3(tmp_path: Path) -> None:
    where = tmp_path / "fs"
    if not _mount(where, "1m"):
        pytest.skip("a full disk needs a small tmpfs, which only root may mount here")
    try:
        home = where / "home"
        seed(home)
        before = dump(home)
        with (where / "filler").open("wb") as f, pytest.raises(OSError):
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        r = run_cli(home, "add", str(where / "berita.txt"))
        assert_one_line(r, 3, "penuh")
        assert dump(home) == before
    finally:
        _umount(where)


def test_daemon_once_prints_one_readable_summary(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seed(home)
    r = run_cli(home, "daemon", "--once", env={SECRET: "123:uji"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "tidak ada yang jatuh tempo"
    assert "apscheduler" not in r.stderr and "alembic" not in r.stderr


def test_the_running_daemon_logs_no_line_per_poll(tmp_path: Path) -> None:
    home = tmp_path / "home"
    seed(home)
    config = _config(closed_port_url())
    write_config(home, {**config, "daemon": {"publish_every_seconds": 0.2}})
    log = tmp_path / "daemon.log"
    p = start_daemon(home, log)
    try:
        deadline = time.monotonic() + 30
        while " mulai" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.5)  # several polls
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=30)
    text = log.read_text()
    assert " mulai" in text and " berhenti" in text, text
    assert "Running job" not in text and "executed successfully" not in text, text
