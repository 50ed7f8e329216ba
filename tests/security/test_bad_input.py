"""Every bad input: one clear line on stderr, a non-zero exit, and the database as it was.

Each row runs the ``sosmed`` command on its own copy of one seeded home (an article, a draft and
an approved post) and compares a full SQL dump of the database before and after. The rows run
through ``forkcli`` (the entry point, forked per row after one import: the whole table in a
few seconds); a check below holds it to the installed command. Usage errors caught by the
argument parser print its usage hint above their one ``Error:`` line.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from PIL import Image
from tests.support.cli import SOSMED
from tests.support.config import write_config
from tests.support.forked import run_forked

from sosmed.compose.build import compose_article
from sosmed.ingest.sources import add_bytes
from sosmed.models import utcnow
from sosmed.store import Store

BERITA = (
    "Senin, 14 Oktober 2024 - 09:15 WIB\n\n"
    "Bupati Resmikan Jembatan Penghubung Dua Desa di Kecamatan Sukamaju\n\n"
    "SUKAMAJU, HUMAS - Bupati Sukamaju meresmikan Jembatan Harapan yang menghubungkan Desa "
    "Sumberjaya dan Desa Mekarsari, Senin (14/10/2024). Jembatan sepanjang 45 meter itu dibangun "
    "dengan anggaran Rp 2,5 miliar dari APBD Kabupaten Sukamaju.\n\n"
    "Dalam sambutannya, Bupati mengatakan jembatan ini akan mempercepat arus barang dan jasa. "
    "Warga kini tidak perlu memutar sejauh 12 kilometer untuk menuju pasar kecamatan.\n"
)
ACCOUNTS = [
    {"name": "x_humas", "platform": "x"},
    {"name": "mastodon_humas", "platform": "mastodon", "options": {"instance": "https://m.id"}},
]
CONFIG: dict[str, Any] = {"accounts": ACCOUNTS}
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Case:
    args: tuple[str, ...]
    code: int  # the exit code, or 0 for "any non-zero"
    says: str  # a piece of the one line
    stdin: bytes | None = None
    config: dict[str, Any] | str | None = None  # replaces sosmed.toml
    env: dict[str, str] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # written into the home first
    lines: int = 1  # a command given several ids says one line per id, then a summary
    known: str | None = None  # a known gap (strict xfail): what is wrong and where

    @property
    def label(self) -> str:
        what = " ".join(self.args)
        if self.config is not None or self.env or self.files:
            what += " with " + str(self.config or self.env or list(self.files))
        return what[:100]


LONG = "kata " * 120
CASES = [
    # unknown ids
    Case(("article", "999"), 2, "tidak ada berita dengan id 999"),
    Case(("preview", "999"), 2, "tidak ada post dengan id 999"),
    Case(("edit", "999", "--text", "Teks baru", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Case(("approve", "999", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Case(("cancel", "999", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Case(("cancel", "999", "998", "--by", "Siti"), 2, "999", lines=3),
    Case(("schedule", "999", "--next-slot"), 2, "tidak ada post dengan id 999"),
    Case(("publish", "999"), 2, "tidak ada post dengan id 999"),
    Case(("resolve", "999", "--not-published", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Case(("compose", "999"), 2, "tidak ada berita dengan id 999"),
    Case(("article", "satu"), 2, "tidak sah"),
    Case(("preview", "-1"), 2, "-1"),
    # wrong state
    Case(("schedule", "1", "--next-slot"), 0, "draf"),
    Case(("resolve", "2", "--not-published", "--by", "Siti"), 0, "disetujui"),
    Case(("resolve", "2", "--published", "javascript:alert(1)"), 2, "http"),
    Case(("resolve", "2"), 2, "tepat satu"),
    # who: --by is required (require_named_approver), and one of the staff when they are listed
    Case(("approve", "1"), 2, "--by NAMA"),
    Case(("cancel", "1"), 2, "--by NAMA"),
    Case(("edit", "1", "--text", "Teks baru"), 2, "--by NAMA"),
    Case(("retry", "1"), 2, "--by NAMA"),
    Case(("restore", "1"), 2, "--by NAMA"),
    Case(("resolve", "2", "--not-published"), 2, "--by NAMA"),
    Case(
        ("approve", "1", "--by", "Ani"),
        2,
        "Siti, Budi",
        config={**CONFIG, "staff": ["Siti", "Budi"]},
    ),
    # the ways back, on posts they do not fit
    Case(("retry", "999", "--by", "Siti"), 2, "tidak ada post dengan id 999"),
    Case(("retry", "1", "--by", "Siti"), 1, "gagal atau terlewat"),
    Case(("retry", "2", "--at", "kemarin", "--by", "Siti"), 2, "tidak dipahami"),
    Case(("restore", "1", "--by", "Siti"), 1, "dibatalkan"),
    Case(("unschedule", "2"), 1, "terjadwal"),
    # bad times
    Case(("schedule", "2", "--at", "kemarin"), 2, "tidak dipahami"),
    Case(("schedule", "2", "--at", "2026-13-45 08:00"), 2, "2026-13-45"),
    Case(("schedule", "2", "--at", "25:00"), 2, "25:00"),
    Case(("log", "--since", "sepuluh hari"), 2, "sepuluh hari"),
    Case(("report", "--month", "2026-13"), 2, "2026-13"),
    Case(("report", "--month", "bulan lalu"), 2, "bulan lalu"),
    Case(("report", "--month", "2026-11", "--since", "7d"), 2, "pilih salah satu"),
    # bad URLs
    Case(("add", "http://10.0.0.1/berita/1"), 2, "non-publik"),
    Case(("add", "http://169.254.169.254/latest/meta-data/"), 2, "non-publik"),
    Case(("add", "http://[::1]:8080/x"), 2, "ditolak"),
    Case(("add", "https://localhost/berita"), 2, "non-publik"),
    Case(("add", "http://0x7f000001/"), 2, "non-publik"),
    Case(("add", "gopher://127.0.0.1:70/_x"), 2, "hanya alamat http"),
    Case(("add", "http://user:pw@humas.example.go.id/"), 2, "nama pengguna"),
    Case(("add", "http://humas.example.go.id:22/"), 2, "port 22"),
    Case(("feeds", "add", "javascript:alert(1)"), 2, "hanya alamat http"),
    Case(("feeds", "add", "file:///etc/passwd"), 2, "hanya alamat http"),
    Case(("feeds", "add", "http://humas.example.go.id:6379/feed"), 2, "port 6379"),
    Case(("feeds", "add", "https://humas.example.go.id/feed", "--accounts", "nobody"), 2, "nobody"),
    # bad files and bad text
    Case(("add", "tidak-ada.txt"), 2, "berkas tidak ada"),
    Case(("add", "media"), 2, "folder"),
    Case(("add", "foto.png"), 2, "bukan berita"),
    Case(("add", "kosong.txt"), 2, "kosong"),
    Case(("add", "-"), 2, "kosong", stdin=b""),
    Case(("add", "berita.txt", "--photo", "tidak-ada.jpg"), 2, "foto tidak ditemukan"),
    Case(("add", "berita.txt", "--photo", "berita.txt"), 2, "ditolak"),
    Case(("add", "berita.txt", "--photo", "foto.png"), 1, "sosmed article photo add 1"),
    Case(("add", "berita.txt", "kosong.txt"), 1, "kosong.txt", lines=2),
    Case(("add", "kosong.txt", "tidak-ada.txt"), 2, "kosong.txt", lines=3),
    Case(("article", "edit", "1", "--by", "siti", "--date", "kemarin"), 2, "kemarin"),
    Case(("article", "photo", "add", "1", "berita.txt"), 2, "ditolak"),
    Case(("article", "delete", "1"), 1, "sosmed cancel"),
    Case(("edit", "1", "--alt", "1", "Bupati", "--by", "Siti"), 2, "tidak punya foto 1"),
    Case(("summarize", "tidak-ada.txt"), 2, "berkas tidak ada"),
    Case(("edit", "1", "--text", LONG, "--by", "Siti"), 2, "tidak muat"),
    Case(("posts", "--status", "selesai"), 2, "tidak dikenal"),
    Case(("posts", "--status", "x[/red]"), 2, "x[/red]"),
    Case(("log", "--status", "bogus"), 2, "bogus"),
    Case(("log", "--json", "--csv"), 2, "pilih salah satu"),
    Case(("report", "--lang", "jv"), 2, "jv"),
    Case(("report", "--out", "/tidak/ada/laporan.html"), 2, "tidak bisa ditulis"),
    Case(("compose", "1", "--accounts", "nobody"), 2, "nobody"),
    Case(("accounts", "set-secret", "x_humas", "bot_token"), 2, "memakai rahasia", b"v-0001\n"),
    Case(("accounts", "set-secret", "x_humas", "access_token", "v-0001"), 2, "Argumen berlebih"),
    # bad configuration
    Case(("posts",), 3, "bukan TOML yang sah", config="timezone = [\n"),
    Case(("posts",), 3, "colour", config={"colour": "merah"}),
    Case(("posts",), 3, "Asia/Bekasi", config={"timezone": "Asia/Bekasi"}),
    Case(("posts",), 3, "Mars/Base", env={"SOSMED_TIMEZONE": "Mars/Base"}),
    Case(
        ("posts",),
        3,
        "accounts.0.platform",
        config={"accounts": [{"name": "a", "platform": "myspace"}]},
    ),
    Case(
        ("posts",),
        3,
        "25:00",
        config={"accounts": [{**ACCOUNTS[0], "slots": {"times": ["25:00"]}}]},
    ),
    Case(("posts",), 3, "dipakai dua kali", config={"accounts": [ACCOUNTS[0], ACCOUNTS[0]]}),
    Case(("posts",), 3, "max_redirects", config={"fetch": {"max_redirects": 99}}),
    Case(
        ("posts",),
        3,
        "access_token",
        config={"accounts": [{**ACCOUNTS[0], "access_token": "EAAtokenInTheConfig1234567890"}]},
    ),
    Case(("posts",), 3, "log_level", config={"daemon": {"log_level": "DEBUG"}}),
    Case(("posts",), 3, "database", config={"database_url": "mysql://nobody@127.0.0.1:1/x"}),
    Case(
        ("posts",),
        3,
        "127.0.0.1",
        config={**CONFIG, "database_url": "postgresql://nobody@127.0.0.1:1/x"},
    ),
    Case(
        ("publish", "2"),
        3,
        "chmod 600",
        files={"secrets.toml": b'[mastodon_humas]\naccess_token = "abcd1234efgh"\n'},
    ),
]


def _seed(home: Path) -> None:
    settings = write_config(home, CONFIG)
    store = Store.open_url(settings.database_url)
    added = add_bytes(store, settings, BERITA.encode(), "berita.txt")
    posts = compose_article(store, settings, added.article_id)
    store.approve_post(posts[1].id or 0, "uji", now=utcnow())
    store.close()
    (home / "berita.txt").write_text(BERITA)
    (home / "kosong.txt").write_text("  \n")
    (home / "media").mkdir(exist_ok=True)
    Image.new("RGB", (32, 32)).save(home / "foto.png")


def _dump(home: Path) -> str:
    db = home / "sosmed.db"
    if not db.exists():
        return "(no database)"
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def _prepare(case: Case, seeded: Path, home: Path) -> dict[str, Any]:
    shutil.copytree(seeded, home)
    if isinstance(case.config, str):
        (home / "sosmed.toml").write_text(case.config)
    elif case.config is not None:
        (home / "sosmed.toml").write_bytes(tomli_w.dumps(case.config).encode())
    for name, data in case.files.items():
        (home / name).write_bytes(data)
        (home / name).chmod(0o644)
    # Run in the home: a case's relative paths name the home's files.
    return {
        "args": list(case.args),
        "cwd": str(home),
        "env": {"SOSMED_HOME": str(home), **case.env},
        "stdin": case.stdin.decode() if case.stdin is not None else None,
    }


def _forked(runs: list[dict[str, Any]], where: Path) -> list[dict[str, Any]]:
    return run_forked(runs, where)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, dict[str, Any]]]:
    root = tmp_path_factory.mktemp("bad")
    seeded = root / "seeded"
    _seed(seeded)
    homes = [root / f"case{n}" for n in range(len(CASES))]
    runs = [_prepare(c, seeded, h) for c, h in zip(CASES, homes, strict=True)]
    before = [_dump(h) for h in homes]
    answers = _forked(runs, root)
    return [(b, _dump(h), a) for b, h, a in zip(before, homes, answers, strict=True)]


def test_the_forked_runner_is_the_command(tmp_path: Path) -> None:
    # The fast runner must agree with the installed command on a few rows.
    home = tmp_path / "home"
    _seed(home)
    env = {"SOSMED_HOME": str(home)}
    for args in (("article", "999"), ("posts", "--status", "x[/red]"), ("article", "satu")):
        real = subprocess.run(
            [SOSMED, *args],
            capture_output=True,
            text=True,
            cwd=home,
            env={**os.environ, **env, "COLUMNS": "200"},
            timeout=60,
        )
        forked = _forked([{"args": list(args), "cwd": str(home), "env": env}], tmp_path)[0]
        assert (forked["code"], forked["stderr"]) == (real.returncode, real.stderr)


def test_the_table_is_wide() -> None:
    assert len(CASES) >= 60 and len({c.label for c in CASES}) == len(CASES)


def _param(n: int, case: Case) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=case.known)] if case.known else []
    return pytest.param(n, case, id=case.label, marks=marks)


@pytest.mark.parametrize(("n", "case"), [_param(n, c) for n, c in enumerate(CASES)])
def test_bad_input_is_one_line_nonzero_and_changes_nothing(
    n: int, case: Case, results: list[tuple[str, str, dict[str, Any]]]
) -> None:
    before, after, r = results[n]
    stderr, stdout = r["stderr"], r["stdout"]
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert r["code"] != 0, f"exit 0 for {case.args}: {stdout[-300:]}"
    if case.code:
        assert r["code"] == case.code, stderr
    assert "Traceback" not in stderr, stderr[-1500:]
    usage = lines and lines[0].startswith("Usage:")
    message = [line for line in lines if line.startswith("Error:")] if usage else lines
    assert len(message) == case.lines, stderr
    assert case.says in message[0], message[0]
    assert "EAAtokenInTheConfig" not in stderr + stdout
    assert after == before, f"{case.args} changed the database"


MARKUP_TITLE = "Harga Cabai [/red] Naik di Pasar [bold]Kota[/bold] [link=https://jahat.example]x"
MARKUP_ARTICLE = BERITA.replace(
    "Bupati Resmikan Jembatan Penghubung Dua Desa di Kecamatan Sukamaju", MARKUP_TITLE
).replace("Jembatan Harapan", "Jembatan [/b]Harapan[i]")
# (command, what must show literally, known gap)
SHOWN: list[tuple[tuple[str, ...], str | None, str | None]] = [
    (("add", "cabai.txt"), "[/red]", None),
    (("articles",), "[/red]", None),
    (("article", "2"), "[/red]", None),
    (("posts",), "[/red]", None),
    (("preview", "3"), "[/b]Harapan[i]", None),
    (("queue",), None, None),
    (("log",), None, None),
]


@pytest.fixture(scope="module")
def shown(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    root = tmp_path_factory.mktemp("markup")
    home = root / "home"
    _seed(home)
    settings = write_config(home, CONFIG)
    store = Store.open_url(settings.database_url)
    added = add_bytes(store, settings, MARKUP_ARTICLE.encode(), "cabai.txt")
    for post in compose_article(store, settings, added.article_id):
        store.approve_post(post.id or 0, "uji", now=utcnow())
    store.close()
    (home / "cabai.txt").write_text(MARKUP_ARTICLE.replace("45 meter", "50 meter"))
    env = {"SOSMED_HOME": str(home)}
    return _forked([{"args": list(a), "cwd": str(home), "env": env} for a, _, _ in SHOWN], root)


def _shown_param(n: int) -> Any:
    args, _, known = SHOWN[n]
    marks = [pytest.mark.xfail(strict=True, reason=known)] if known else []
    return pytest.param(n, id=" ".join(args), marks=marks)


@pytest.mark.parametrize("n", [_shown_param(n) for n in range(len(SHOWN))])
def test_markup_in_article_text_is_shown_as_text(n: int, shown: list[dict[str, Any]]) -> None:
    r, visible = shown[n], SHOWN[n][1]
    assert "Traceback" not in r["stderr"], r["stderr"][-1500:]
    assert r["code"] == 0, r["stderr"]
    if visible:
        assert visible in r["stdout"], r["stdout"][-800:]
