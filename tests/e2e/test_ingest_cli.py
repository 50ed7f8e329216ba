"""The installed `sosmed` command: init, add (file, stdin, URL), articles, article, feeds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.web import WebServer

from sosmed.sandbox.core import Request, Response
from sosmed.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
OPEN = {"SOSMED_ALLOW_PRIVATE_HOSTS": "1"}


def db_bytes(home: Path) -> bytes:
    db = home / "sosmed.db"
    return db.read_bytes() if db.exists() else b""


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An office made the way `sosmed init` makes one: sosmed.toml with no accounts."""
    h = tmp_path / "home"
    write_config(h, {})
    return h


def test_init_creates_home(home: Path) -> None:
    r = run_cli(home, "init")
    assert r.returncode == 0, r.stderr
    assert (home / "sosmed.toml").is_file() and (home / "sosmed.db").is_file()
    assert (home / "media").is_dir()
    again = run_cli(home, "init")
    assert again.returncode == 0 and "dibiarkan apa adanya" in again.stdout


def test_init_on_an_empty_folder_writes_a_config_every_command_reads(tmp_path: Path) -> None:
    # The example config is what an operator starts from: it must load as it is written.
    fresh = tmp_path / "kantor"
    r = run_cli(fresh, "init")
    assert r.returncode == 0, r.stderr
    settings = Settings.load(fresh)
    assert settings.config.require_named_approver is True
    status = run_cli(fresh, "status")
    assert status.returncode in (0, 1) and "TOML" not in status.stderr, status.stderr


def test_add_file_json_and_duplicate(home: Path) -> None:
    r = run_cli(home, "add", str(FIXTURES / "berita.txt"), "--json")
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["url"] is None and data["source"] == "file" and data["duplicate_of"] is None
    assert data["title"].startswith("Bupati Resmikan Jembatan")
    assert data["published_at"].startswith("2024-10-14T09:15") and data["published_at"].endswith(
        "+07:00"
    )
    assert data["place"] == "Sukamaju"
    assert data["credits"] == {
        "editor": "Rina Wulandari",
        "reporter": "Andi Pratama",
        "photographer": "Dedi Kurniawan",
    }
    assert data["photos"][0]["caption"].startswith("Bupati Sukamaju meresmikan")
    assert data["lead"].startswith("Bupati Sukamaju H. Ahmad Fauzi")
    assert not any("Berita Lainnya" in p or "Tulis Komentar" in p for p in data["paragraphs"])
    dup = run_cli(home, "add", str(FIXTURES / "berita.txt"), "--json")
    assert dup.returncode == 0
    assert json.loads(dup.stdout)["duplicate_of"] == data["id"]
    listed = json.loads(run_cli(home, "articles", "--json").stdout)
    assert [a["id"] for a in listed] == [data["id"]]
    one = json.loads(run_cli(home, "article", str(data["id"]), "--json").stdout)
    assert one["title"] == data["title"]


def test_same_content_with_other_spacing_is_a_duplicate(home: Path) -> None:
    text = (FIXTURES / "berita.txt").read_text()
    first = json.loads(run_cli(home, "add", "-", "--json", stdin=text.encode()).stdout)
    respaced = text.replace("  ", " ").replace("\n\n", "\n\n\n")
    second = json.loads(run_cli(home, "add", "-", "--json", stdin=respaced.encode()).stdout)
    assert second["duplicate_of"] == first["id"]


def test_add_stdin_with_url_photo_and_caption(home: Path, tmp_path: Path) -> None:
    from PIL import Image

    photo = tmp_path / "foto.jpg"
    Image.new("RGB", (64, 48), "navy").save(photo)
    body = (FIXTURES / "berita.html").read_bytes()
    r = run_cli(
        home,
        "add",
        "-",
        "--json",
        "--url",
        "https://humas.example.go.id/berita/1",
        "--photo",
        str(photo),
        "--caption",
        "Pasar murah di Sukamaju",
        stdin=body,
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["url"] == "https://humas.example.go.id/berita/1"
    assert data["photos"][0]["path"] == str(photo.resolve())
    assert data["photos"][0]["caption"] == "Pasar murah di Sukamaju"


def test_add_url_and_redirect(home: Path, web: WebServer) -> None:
    web.page("/berita/pasar-murah", (FIXTURES / "berita.html").read_bytes())
    web.page("/b/1", "", status=301, headers={"Location": "/berita/pasar-murah"})
    r = run_cli(home, "add", web.url + "/b/1", "--json", env=OPEN)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert (
        data["source"] == "url"
        and data["title"] == "Pemkab Sukamaju Gelar Pasar Murah Jelang Natal"
    )


@pytest.mark.parametrize(
    "content,message",
    [
        (b"", "kosong"),
        (b"   \n\n  ", "kosong"),
        (bytes(range(256)) * 20, "biner"),
        (b"<html><body><nav>Beranda</nav></body></html>", ""),
    ],
)
def test_bad_input_one_line_nonzero_nothing_written(
    home: Path, tmp_path: Path, content: bytes, message: str
) -> None:
    run_cli(home, "init")
    before = db_bytes(home)
    f = tmp_path / "input.txt"
    f.write_bytes(content)
    r = run_cli(home, "add", str(f))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert message in r.stderr
    assert json.loads(run_cli(home, "articles", "--json").stdout) == []
    assert before  # the home existed; nothing was added (checked through the listing above)


def test_huge_and_missing_files(home: Path, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"kata " * 1_200_000)
    r = run_cli(home, "add", str(huge))
    assert r.returncode == 2 and "batasnya" in r.stderr
    r = run_cli(home, "add", str(tmp_path / "nope.txt"))
    assert r.returncode == 2 and "berkas tidak ada" in r.stderr


@pytest.mark.parametrize("status", [404, 500])
def test_http_errors(home: Path, web: WebServer, status: int) -> None:
    web.page("/x", "gone", status=status)
    r = run_cli(home, "add", web.url + "/x", env=OPEN)
    assert r.returncode == 2 and f"HTTP {status}" in r.stderr and "Traceback" not in r.stderr


def test_private_address_refused_by_default(home: Path, web: WebServer) -> None:
    web.page("/x", (FIXTURES / "berita.html").read_bytes())
    r = run_cli(home, "add", web.url + "/x")
    assert r.returncode == 2 and "ditolak" in r.stderr
    assert web.hits == []


FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Berita</title>
<item><title>Pasar murah</title><link>{base}/berita/pasar-murah</link></item>
<item><title>Jembatan</title><link>{base}/berita/jembatan</link></item>
</channel></rss>"""


def test_feeds_add_poll_with_etag(home: Path, web: WebServer) -> None:
    web.page("/berita/pasar-murah", (FIXTURES / "berita.html").read_bytes())
    web.page("/berita/jembatan", (FIXTURES / "berita.txt").read_bytes(), ctype="text/plain")
    feed = FEED.format(base=web.url)

    def serve_feed(req: Request) -> Response:
        if req.headers.get("if-none-match") == '"v1"':
            return Response(304, b"", {"ETag": '"v1"'})
        return Response(200, feed.encode(), {"Content-Type": "application/rss+xml", "ETag": '"v1"'})

    url = web.handler("/feed", serve_feed)
    assert run_cli(home, "feeds", "add", url, env=OPEN).returncode == 0
    first = run_cli(home, "feeds", "poll", "--json", env=OPEN)
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)["feeds"][0]
    assert len(result["new"]) == 2 and result["errors"] == []
    second = json.loads(run_cli(home, "feeds", "poll", "--json", env=OPEN).stdout)["feeds"][0]
    assert second["not_modified"] is True and second["new"] == []
    articles = json.loads(run_cli(home, "articles", "--json").stdout)
    assert {a["source"] for a in articles} == {"feed"}
    listed = run_cli(home, "feeds", "list", "--json")
    assert json.loads(listed.stdout)[0]["etag"] == '"v1"'


def test_feed_that_is_not_a_feed(home: Path, web: WebServer) -> None:
    url = web.page("/notfeed", "<html><body><p>halo</p></body></html>")
    run_cli(home, "feeds", "add", url, env=OPEN)
    r = run_cli(home, "feeds", "poll", env=OPEN)
    assert r.returncode == 1 and "bukan feed RSS atau Atom" in r.stderr


def test_help_for_every_command(home: Path) -> None:
    for cmd in (["--help"], ["add", "--help"], ["feeds", "--help"], ["feeds", "poll", "--help"]):
        r = run_cli(home, *cmd)
        assert r.returncode == 0 and "Pemakaian" in r.stdout


def test_invalid_config_names_file_key_and_expectation(home: Path) -> None:
    (home / "sosmed.toml").write_text('timezone = "Mars/Olympus"\n[daemon]\nmax_attempts = 0\n')
    r = run_cli(home, "articles")
    assert r.returncode == 3
    assert str(home / "sosmed.toml") in r.stderr and "timezone" in r.stderr
    assert "Traceback" not in r.stderr


def test_feed_articles_are_composed_for_the_feeds_accounts_and_approved(
    home: Path, web: WebServer
) -> None:
    from tests.support.config import write_config

    write_config(
        home,
        {
            "accounts": [
                {
                    "name": "masto",
                    "platform": "mastodon",
                    "options": {"instance": "https://m.example"},
                },
                {"name": "bsky", "platform": "bluesky", "options": {"handle": "humas.bsky.social"}},
            ]
        },
    )
    web.page("/berita/pasar-murah", (FIXTURES / "berita.html").read_bytes())
    url = web.page(
        "/feed",
        FEED.format(base=web.url).replace(
            f"<item><title>Jembatan</title><link>{web.url}/berita/jembatan</link></item>", ""
        ),
        ctype="application/rss+xml",
    )
    assert (
        run_cli(
            home, "feeds", "add", url, "--accounts", "masto", "--auto-approve", env=OPEN
        ).returncode
        == 0
    )
    r = run_cli(home, "feeds", "poll", "--json", env=OPEN)
    assert r.returncode == 0, r.stderr
    assert len(json.loads(r.stdout)["feeds"][0]["new"]) == 1
    posts = json.loads(run_cli(home, "posts", "--json").stdout)
    assert [(p["account"], p["status"]) for p in posts] == [("masto", "approved")]
