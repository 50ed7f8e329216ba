"""What a new user mistypes, command by command: one line on stderr in the reader's language,
the documented exit code (README "Exit codes"), and the database as it was.

One seeded home (a draft, an approved, a published, a cancelled and a failed post, and some
bad files) is prepared per module and copied per row. The rows run through ``forkcli`` (the
installed entry point, forked per row after one import; tests/security/test_bad_input.py
holds it to the installed command), and a few rows again through ``run_cli``. The cases that
need a second process (a lock holder) or a file system of their own (read-only) run below the
table. Rows already in test_bad_input.py and tests/e2e/test_exit_codes.py are not repeated.
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.e2e.test_exit_codes import _holder, dump, read_only_home
from tests.security.test_bad_input import BERITA, CONFIG
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.forked import run_forked
from tests.support.net import closed_port_url
from tests.support.posts import add_post

from sosmed.compose.build import compose_article
from sosmed.ingest.sources import add_bytes
from sosmed.models import utcnow
from sosmed.store import Store

__all__ = ["read_only_home"]  # the fixture, shared with test_exit_codes

BIG = str(2**63)  # one past the largest id
LATER = "2030-01-02 08:00"
INTRANET = {"SOSMED_ALLOW_PRIVATE_HOSTS": "1"}
# Words that give away an English sentence or a Python name in a line meant for Indonesian
# readers (a row's own input never contains them).
ENGLISH = (
    "error:",
    "Error",
    "Traceback",
    " is ",
    " not ",
    " the ",
    "annot ",
    "Invalid",
    "No such",
    "denied",
    "exceeds",
    "directory",
    "out of range",
    "Expected",
    "Name or service",
    "Truncated",
    "Illegal",
    "overwrite",
    "Usage",
)
PYTHON = ("None", "True", "False", "Exception", "Errno", "Decode", "Overflow", "<class")
INDONESIAN = ("kesalahan", "tidak ", "bukan ", "sudah ")


@dataclass
class Row:
    args: tuple[str, ...]
    code: int
    says: str  # a piece of the one line
    home: str = "seeded"  # or "empty" (no sosmed.toml yet), "missing", "file"
    config: bytes | None = None  # replaces sosmed.toml
    files: dict[str, bytes] = field(default_factory=dict)  # written into the home first
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)

    @property
    def english(self) -> bool:
        return "--lang" in self.args and "en" in self.args

    @property
    def label(self) -> str:
        what = " ".join(a[:40] for a in self.args)
        if self.home != "seeded":
            what += f" [{self.home} home]"
        if self.config is not None:
            what += f" [sosmed.toml: {self.config[:30]!r}]"
        return what + "".join(f" [{name}: {data[:12]!r}]" for name, data in self.files.items())


def toml(text: str) -> bytes:
    return text.encode()


ROWS = [
    # ids the database cannot hold, or that name nothing
    Row(("edit", BIG, "--text", "Teks", "--by", "Siti"), 2, "bukan nomor"),
    Row(("retry", BIG, "--by", "Siti"), 2, "bukan nomor"),
    Row(("posts", "--history", BIG), 2, "bukan nomor"),
    Row(("cancel", "-3", "--by", "Siti"), 2, "-3"),
    Row(("restore", "999", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Row(("unschedule", "999"), 2, "tidak ada post dengan id 999"),
    Row(("posts", "--history", "999"), 2, "tidak ada post dengan id 999"),
    Row(("retract", "999", "--by", "Siti", "--reason", "salah"), 2, "tidak ada post dengan id 999"),
    Row(("schedule", "999", "--at", LATER), 2, "tidak ada post dengan id 999"),
    Row(("feeds", "remove", "999"), 2, "tidak ada feed dengan id 999"),
    Row(("article", "delete", "999"), 2, "tidak ada berita dengan id 999"),
    Row(("article", "photo", "remove", "1", "9", "--by", "Siti"), 2, "tidak punya foto 9"),
    Row(("log", "--limit", "9" * 23), 2, "terlalu besar"),
    Row(("queue", "--limit", BIG), 2, "terlalu besar"),
    # a post in the wrong state for the command
    Row(("approve", "3", "--by", "Siti"), 1, "hanya draf yang bisa disetujui"),
    Row(("approve", "4", "--by", "Siti"), 1, "hanya draf"),
    Row(("schedule", "1", "--at", LATER), 1, "setujui dulu"),
    Row(("retry", "3", "--by", "Siti"), 1, "gagal atau terlewat"),
    Row(("restore", "2", "--by", "Siti"), 1, "dibatalkan"),
    Row(("restore", "3", "--by", "Siti"), 1, "dibatalkan"),
    Row(("unschedule", "1"), 1, "terjadwal"),
    Row(("unschedule", "3"), 1, "terjadwal"),
    Row(("cancel", "3", "--by", "Siti"), 1, "published"),
    Row(("edit", "3", "--text", "Teks baru", "--by", "Siti"), 1, "tidak bisa diubah"),
    Row(("publish", "1"), 1, "disetujui atau terjadwal"),
    Row(("publish", "3"), 1, "disetujui atau terjadwal"),
    Row(("publish", "4"), 1, "disetujui atau terjadwal"),
    Row(("resolve", "1", "--published", "https://x.com/h/status/2", "--by", "Siti"), 1, "resolve"),
    Row(("retract", "1", "--by", "Siti", "--reason", "salah"), 2, "belum tayang"),
    # times and periods
    Row(("schedule", "2", "--at", "31 Februari"), 2, "tidak dipahami"),
    Row(("schedule", "2", "--at", "2026-02-31 08:00"), 2, "hanya punya 28 hari"),
    Row(("schedule", "2", "--at", "2030-01-02 24:00"), 2, "jam 24 tidak ada"),
    Row(("schedule", "2", "--at", "2030-13-02 08:00"), 2, "bulan 13 tidak ada"),
    Row(("schedule", "2", "--at", "2020-01-01 08:00"), 2, "sudah lewat"),
    Row(("schedule", "2", "--at", ""), 2, "tidak dipahami"),
    Row(("retry", "5", "--by", "Siti", "--at", "31 Februari"), 2, "tidak dipahami"),
    Row(("retry", "5", "--by", "Siti", "--at", "2020-01-01 08:00"), 2, "sudah lewat"),
    Row(("log", "--since", "-5d"), 2, "-5d"),
    Row(("log", "--since", "2026-02-30"), 2, "bukan tanggal yang ada"),
    Row(("report", "--since", "kemarin"), 2, "kemarin"),
    Row(("report", "--month", "9999-12"), 2, "9999-12"),
    Row(("report", "--month", "0000-01"), 2, "0000-01"),
    Row(("report", "--month", "2026-1x"), 2, "2026-1x"),
    # accounts
    Row(("log", "--spend", "--account", "nosuch"), 2, "akun 'nosuch' tidak dikenal"),
    Row(("posts", "--account", ""), 2, "akun '' tidak dikenal"),
    Row(("accounts", "set-secret", "nosuch", "access_token"), 2, "nosuch"),
    # photos and files
    Row(("article", "photo", "add", "1", "kosong.jpg"), 2, "bukan gambar JPEG"),
    Row(("article", "photo", "add", "1", "bukan.jpg"), 2, "bukan gambar JPEG"),
    Row(("article", "photo", "add", "1", "potong.jpg"), 2, "rusak atau terpotong"),
    Row(("article", "photo", "add", "1", "raksasa.png"), 2, "piksel"),
    Row(("article", "photo", "add", "1", "tidak-ada.jpg"), 2, "foto tidak ditemukan"),
    Row(("article", "photo", "add", "1", "media"), 2, "bukan berkas"),
    Row(("add", "berita.txt", "--photo", "raksasa.png"), 2, "piksel"),
    Row(("add", "halaman.html"), 2, "tidak ada teks berita"),
    Row(("summarize", "media"), 2, "itu folder, bukan berkas"),
    Row(("summarize", "foto.png"), 2, "bukan teks UTF-8"),
    # feeds and addresses
    Row(("feeds", "add", "http://192.168.1.1/feed"), 2, "non-publik"),
    Row(("feeds", "add", "http://localhost/feed"), 2, "non-publik"),
    Row(("feeds", "add", "bukan alamat"), 2, "bukan alamat web"),
    Row(("feeds", "add", "https://"), 2, "tidak ada nama host"),
    Row(("add", "https://humas.example.go.id:99999/"), 2, "nomor port"),
    Row(("add", "http://[::ffff:127.0.0.1]/"), 2, "non-publik"),
    Row(("add", "http://2130706433/"), 2, "non-publik"),
    Row(("add", "file:///etc/passwd"), 2, "hanya alamat http dan https"),
    Row(("add", "https://exa mple.com/"), 2, "tidak bisa dicari alamatnya"),
    # an intranet address the office allows, where nothing answers or something else does
    Row(("add", "{refused}/berita"), 2, "sambungan ditolak", env=INTRANET),
    Row(("add", "{garbage}/berita"), 2, "bukan HTTP yang sah", env=INTRANET),
    Row(("add", "{garbage_tls}/berita"), 2, "jabat tangan TLS gagal", env=INTRANET),
    Row(("--lang", "en", "add", "{refused}/berita"), 2, "Connection refused", env=INTRANET),
    # sosmed.toml and secrets.toml
    Row(("posts",), 3, "diisi dua kali (baris 2", config=toml('timezone = "A"\ntimezone = "B"\n')),
    Row(("posts",), 3, "(baris 1, kolom", config=toml('timezone = "Asia/Jakarta\n')),
    Row(("posts",), 3, "bukan teks UTF-8", config=b"\xff\xfe timezone"),
    Row(
        ("posts",),
        3,
        "ditulis dua kali",
        config=toml('[[accounts]]\nname = "x"\nplatform = "x"\n[accounts]\n'),
    ),
    Row(("posts",), 3, "nilai tidak sah", config=toml("timezone = \n")),
    Row(("posts",), 3, "harus daftar", config=toml('staff = "Siti"\n')),
    Row(("posts",), 3, "itu folder, bukan berkas", config=b"<dir>"),
    Row(
        ("compose", "1"),
        3,
        "tulisan template salah (baris 1)",
        config=toml('[[accounts]]\nname = "x_humas"\nplatform = "x"\ntemplate = "rusak.j2"\n'),
        files={"rusak.j2": b"{{ judul\n"},
    ),
    Row(
        ("posts",),
        3,
        "bukan regex yang sah: susunannya salah mulai posisi 10",
        config=toml('[[sites]]\nhost = "humas.example.go.id"\ntitle = "(?P<title>["\n'),
    ),
    Row(("publish", "2"), 3, "judul tabel harus ditutup", files={"secrets.toml": b"[x_humas\n"}),
    Row(("publish", "2"), 3, "bukan teks UTF-8", files={"secrets.toml": b"\xff"}),
    # the home
    Row(("approve", "1", "--by", "Siti"), 3, "belum ada kantor di", home="missing"),
    Row(("queue",), 3, "bukan folder", home="file"),
    Row(("schedule", "1", "--next-slot"), 3, "jalankan `sosmed init", home="empty"),
    Row(("feeds", "add", "https://humas.example.go.id/feed"), 3, "belum ada kantor", home="empty"),
    Row(("retract", "3", "--by", "Siti", "--reason", "x"), 3, "belum ada kantor", home="empty"),
    Row(("daemon", "--once"), 3, "belum ada kantor", home="empty"),
    Row(("demo", "--dir", "/proc/sosmed-uji/demo"), 3, "tidak ada berkas atau folder itu"),
    Row(("sandbox", "--port", "99999"), 2, "65535"),
    Row(("article", "photo", "add", "1", "foto.png"), 3, "belum ada kantor", home="empty"),
    # texts, names and reasons
    Row(("edit", "1", "--text", "", "--by", "Siti"), 2, "kosong"),
    Row(("edit", "1", "--text", "   ", "--by", "Siti"), 2, "kosong"),
    Row(("edit", "1", "--text", "kata " * 20000, "--by", "Siti"), 2, "tidak muat"),
    Row(("edit", "1", "--by", "Siti"), 2, "--text"),
    Row(("article", "edit", "1", "--body", "--by", "Siti"), 2, "$EDITOR"),
    Row(("approve", "1", "--by", "a" * 300), 2, "paling panjang 100"),
    Row(("retract", "3", "--by", "Siti", "--reason", "  "), 2, "--reason"),
    Row(("add", "-"), 2, "kosong", stdin=" \n\n"),
    # languages, options and their combinations
    Row(("--lang", "jv", "posts"), 2, "pilih salah satu dari id, en"),
    Row(("--lang=fr", "status"), 2, "fr"),
    Row(("posts", "--history", "1", "--status", "draft"), 2, "--history"),
    Row(("log", "--metrics", "--spend"), 2, "pilih salah satu"),
    Row(("log", "--spend", "--json"), 2, "--spend"),
    Row(("queue", "--today", "--tomorrow"), 2, "pilih satu"),
    Row(("publikasikan",), 2, "Tidak ada perintah"),
    Row(("posts", "--warna"), 2, "Tidak ada opsi --warna"),
    # the same mistakes under --lang en: the English line, with the library's own words
    Row(("--lang", "en", "approve", "3", "--by", "Siti"), 1, "only drafts"),
    Row(("--lang", "en", "summarize", "media"), 2, "Is a directory"),
    Row(("--lang", "en", "schedule", "2", "--at", "2026-02-31 08:00"), 2, "only 28 days"),
    Row(
        ("--lang", "en", "posts"),
        3,
        "Cannot overwrite a value (at line 2",
        config=toml('timezone = "A"\ntimezone = "B"\n'),
    ),
    Row(("--lang", "en", "article", "photo", "add", "1", "raksasa.png"), 2, "exceeds limit"),
]


def _seed(home: Path) -> None:
    settings = write_config(home, CONFIG)
    store = Store.open_url(settings.database_url)
    try:
        added = add_bytes(store, settings, BERITA.encode(), "berita.txt")
        posts = compose_article(store, settings, added.article_id)
        store.approve_post(posts[1].id or 0, "uji", now=utcnow())
        now = utcnow()
        add_post(store, status="published", remote_url="https://x.com/h/status/1", published_at=now)
        add_post(store, status="cancelled")
        add_post(store, status="failed")
    finally:
        store.close()
    (home / "berita.txt").write_text(BERITA)
    (home / "media").mkdir(exist_ok=True)
    (home / "halaman.html").write_text("<html><body><p>Selamat datang</p></body></html>")
    (home / "kosong.jpg").write_bytes(b"")
    (home / "bukan.jpg").write_bytes(b"ini bukan gambar\n" * 10)
    Image.new("RGB", (32, 32)).save(home / "foto.png")
    Image.new("RGB", (64, 64), "red").save(home / "penuh.jpg")
    whole = (home / "penuh.jpg").read_bytes()
    (home / "potong.jpg").write_bytes(whole[: len(whole) // 2])
    Image.new("1", (30000, 30000)).save(home / "raksasa.png")  # 900 million pixels, 100 KB


def _prepare(
    row: Row, seeded: Path, where: Path, addresses: dict[str, str]
) -> tuple[Path, dict[str, Any]]:
    where.mkdir()
    home = where / "home"
    if row.home == "seeded":
        shutil.copytree(seeded, home)
    elif row.home == "empty":
        home.mkdir()
    elif row.home == "file":
        home = where / "berita.txt"
        home.write_text(BERITA)
    if row.config == b"<dir>":
        (home / "sosmed.toml").unlink()
        (home / "sosmed.toml").mkdir()
    elif row.config is not None:
        (home / "sosmed.toml").write_bytes(row.config)
    for name, data in row.files.items():
        (home / name).write_bytes(data)
        (home / name).chmod(0o600)
    cwd = home if home.is_dir() else where  # a row's relative paths name the home's files
    args = [a.format(**addresses) for a in row.args]
    env = {"SOSMED_HOME": str(home), **row.env}
    return home, {"args": args, "cwd": str(cwd), "env": env, "stdin": row.stdin}


@dataclass
class Done:
    homes: list[Path]
    before: list[str]
    answers: list[dict[str, Any]]


@pytest.fixture(scope="module")
def done(tmp_path_factory: pytest.TempPathFactory) -> Done:
    root = tmp_path_factory.mktemp("badtable")
    seeded = root / "seeded"
    _seed(seeded)
    with _garbage_server() as garbage:
        addresses = {
            "refused": closed_port_url(),
            "garbage": garbage,
            "garbage_tls": garbage.replace("http:", "https:"),
        }
        prepared = [
            _prepare(row, seeded, root / f"row{n}", addresses) for n, row in enumerate(ROWS)
        ]
        homes = [home for home, _ in prepared]
        before = [_state(home) for home in homes]
        answers = _in_halves([run for _, run in prepared], root)
    return Done(homes, before, answers)


@contextmanager
def _garbage_server() -> Iterator[str]:
    """An address that answers every connection with a line that is not HTTP (nor TLS)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen()

    def serve() -> None:
        while True:
            try:
                conn, _ = sock.accept()
            except OSError:
                return
            with conn:
                conn.recv(4096)
                conn.sendall(b"bukan http\r\n\r\n")

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        sock.close()


def _in_halves(runs: list[dict[str, Any]], root: Path) -> list[dict[str, Any]]:
    """The rows in two forked runners side by side (one per core)."""
    half = (len(runs) + 1) // 2
    parts = [(runs[:half], root / "first"), (runs[half:], root / "second")]
    for _, where in parts:
        where.mkdir()
    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(lambda part: run_forked(*part), parts)
    return first + second


def _state(home: Path) -> str:
    if not home.exists():
        return "(no home)"
    if home.is_file():
        return "(a file)"
    return dump(home) + "\n" + " ".join(sorted(p.name for p in home.iterdir()))


def assert_one_line(r: dict[str, Any], code: int, says: str, english: bool = False) -> None:
    stderr = r["stderr"]
    assert "Traceback" not in stderr, stderr[-1500:]
    assert r["code"] == code, (r["code"], stderr, r["stdout"][-300:])
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    line = lines[0]
    assert says in line, line
    assert not [w for w in PYTHON if w in line], line
    if english:
        assert line.startswith("error: "), line
        assert not [w for w in INDONESIAN if w in line], line
    else:
        assert line.startswith("kesalahan: "), line
        assert not [w for w in ENGLISH if w in line], line


def test_the_table_is_wide_and_its_rows_distinct() -> None:
    assert len(ROWS) >= 60
    assert len({(r.args, r.home, r.config, tuple(r.files.items())) for r in ROWS}) == len(ROWS)
    commands = {next(a for a in r.args if not a.startswith("-") and a not in ("en",)) for r in ROWS}
    assert len(commands) >= 20, commands


@pytest.mark.parametrize("n", range(len(ROWS)), ids=[r.label for r in ROWS])
def test_a_bad_input_is_one_line_its_code_and_changes_nothing(n: int, done: Done) -> None:
    row = ROWS[n]
    assert_one_line(done.answers[n], row.code, row.says, row.english)
    assert _state(done.homes[n]) == done.before[n], "the home or its database changed"


# Rows run again as the installed script (no relative paths in them: run_cli runs here).
AGAIN = (
    ("publish", "1"),
    ("schedule", "2", "--at", "2026-02-31 08:00"),
    ("log", "--limit", "9" * 23),
    ("report", "--month", "9999-12"),
    ("--lang", "en", "schedule", "2", "--at", "2026-02-31 08:00"),
)


def test_the_installed_command_says_the_same(tmp_path: Path, done: Done) -> None:
    for args in AGAIN:
        n = next(i for i, row in enumerate(ROWS) if row.args == args)
        home = tmp_path / f"row{n}"
        shutil.copytree(done.homes[n], home)
        r = run_cli(home, *args)
        assert (r.returncode, r.stderr) == (done.answers[n]["code"], done.answers[n]["stderr"])


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def test_an_html_page_as_a_feed_is_one_line_at_the_poll(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "beranda.html").write_text("<html><body><p>Selamat datang</p></body></html>")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        home = tmp_path / "home"
        write_config(home, {**CONFIG, "allow_private_hosts": True})
        url = f"http://127.0.0.1:{server.server_address[1]}/beranda.html"
        assert run_cli(home, "feeds", "add", url).returncode == 0
        before = dump(home)
        r = run_cli(home, "feeds", "poll")
    finally:
        server.shutdown()
    assert r.returncode == 1, r.stderr
    assert [line for line in r.stderr.splitlines() if line.strip()] == [
        f"feed gagal: {url}: {url} bukan feed RSS atau Atom"
    ]
    # The poll records its failure on the feed; no article, post or event is added.
    after = dump(home)
    for table in ("article", "post", "event"):
        rows = [line for line in after.splitlines() if line.startswith(f'INSERT INTO "{table}"')]
        assert rows == [ln for ln in before.splitlines() if ln.startswith(f'INSERT INTO "{table}"')]


LOCKED = [
    ("cancel", "1", "--by", "Siti"),
    ("schedule", "2", "--next-slot"),
    ("article", "edit", "1", "--title", "Judul baru", "--by", "Siti"),
    ("feeds", "add", "https://humas.example.go.id/feed"),
]


@pytest.mark.slow
def test_every_writer_under_another_process_lock_is_one_line_and_exit_3(tmp_path: Path) -> None:
    home = tmp_path / "home"
    _seed(home)
    before = dump(home)
    answers: list[Any] = [None] * len(LOCKED)

    def one(n: int) -> None:
        answers[n] = run_cli(home, *LOCKED[n])

    with _holder(home, daemon=False):
        # Side by side: each waits its 4 s for the lock, together rather than in turn.
        threads = [threading.Thread(target=one, args=(n,)) for n in range(len(LOCKED))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    for args, r in zip(LOCKED, answers, strict=True):
        r = {"code": r.returncode, "stderr": r.stderr, "stdout": r.stdout}
        assert_one_line(r, 3, "database sedang dipakai proses lain")
        assert "coba lagi" in r["stderr"], args
    assert dump(home) == before


def test_more_writers_in_a_read_only_home_are_one_line_and_exit_3(
    read_only_home: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    home, ids = read_only_home
    before = dump(home)
    runs = [
        ("cancel", str(ids["draft"]), "--by", "Siti"),
        ("schedule", str(ids["approved"]), "--next-slot"),
        ("feeds", "add", "https://humas.example.go.id/feed"),
        ("unschedule", str(ids["approved"])),
        ("resolve", str(ids["review"]), "--not-published", "--by", "Siti"),
    ]
    env = {"SOSMED_HOME": str(home)}
    answers = run_forked(
        [{"args": list(a), "cwd": str(tmp_path), "env": env} for a in runs], tmp_path
    )
    for r in answers:
        assert_one_line(r, 3, "tidak bisa")
    assert dump(home) == before
