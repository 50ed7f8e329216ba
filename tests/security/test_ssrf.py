"""SSRF: hostile article, feed and photo URLs are refused with no connection to a non-public host.

Each URL goes through the real entry point (``add_url``, ``poll_feed``, the photo download of
``compose.media``) with the real fetcher; a socket spy records every connect() the process
makes. Host names under ``.test`` are answered by a resolver the test controls (through
``resolving_with``, the fetcher's own seam); literals and ``localhost`` go to the system's.
The one server a test may reach is the loopback web server behind the trusted name
``humas.test``, used to serve redirects and feeds that point somewhere hostile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from tests.support.config import write_config
from tests.support.connect_spy import ConnectSpy, spying
from tests.support.web import WebServer

from sosmed.compose.media import source_bytes, variants_for
from sosmed.errors import FetchError, UnsafeURL
from sosmed.ingest.feeds import entry_links, poll_feed
from sosmed.ingest.fetch import fetch, resolving_with, system_resolver
from sosmed.ingest.sources import add_url
from sosmed.models import Photo
from sosmed.settings import Settings
from sosmed.store import Store

# Names the test controls: what each resolves to.
NAMES: dict[str, list[str]] = {
    "humas.test": ["127.0.0.1"],  # trusted: the test's own web server
    "intranet.humas.test": ["10.20.30.40"],
    "metadata.humas.test": ["169.254.169.254"],
    "mixed.humas.test": ["8.8.8.8", "192.168.1.20"],
    "v6.humas.test": ["fd00::beef"],
    "mapped.humas.test": ["::ffff:127.0.0.1"],
    "nat64.humas.test": ["64:ff9b::a9fe:a9fe"],
    "cgnat.humas.test": ["100.100.1.1"],
    "zero.humas.test": ["0.0.0.0"],
    "sixtofour.humas.test": ["2002:a00:1::1"],
    "linklocal.humas.test": ["fe80::1%1"],
    "public.humas.test": ["93.184.216.34"],  # only ever used with a refused port
}

LOOPBACK = [
    "http://127.0.0.1/",
    "http://127.0.0.1:80/admin",
    "https://127.0.0.1/",
    "HTTP://127.0.0.1/",
    "http://127.1/",
    "http://127.0.1/",
    "http://127.255.255.254/",
    "http://0x7f000001/",
    "http://0x7f.0x0.0x0.0x1/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://0177.1/",
    "http://017700000001/",
    "http://2130706433/",
    "http://127.000.000.001/",
    "http://\uff11\uff12\uff17.\uff10.\uff10.\uff11/",  # full-width digits
    "http://localhost/",
    "http://LOCALHOST./",
    "http://localhost:8080/",
    "http://0/",
    "http://0.0.0.0/",
    "http://[::]/",
    "http://[::1]/",
    "http://[0:0:0:0:0:0:0:1]/",
    "http://[::1%25lo]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:7f00:1]/",
    "http://[0:0:0:0:0:ffff:127.0.0.1]/",
    "http://[::127.0.0.1]/",
    "http://[2002:7f00:1::]/",
    "http://[64:ff9b::7f00:1]/",
]
PRIVATE = [
    "http://10.0.0.1/",
    "http://10.255.255.254:8080/",
    "http://012.0.0.1/",
    "http://167772161/",
    "http://0xa000001/",
    "http://172.16.0.1/",
    "http://172.31.255.254/",
    "http://0xac100001/",
    "http://192.168.0.1/",
    "http://192.168.1.1:8443/",
    "http://3232235777/",
    "http://0xc0.0xa8.0x1.0x1/",
    "http://100.64.0.1/",
    "http://100.127.255.254/",
    "http://[fd00::1]/",
    "http://[fd12:3456:789a::1]/",
    "http://[fc00::1]/",
    "http://[fe80::1]/",
    "http://[fec0::1]/",
]
METADATA = [
    "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
    "http://169.254.169.254/computeMetadata/v1/",
    "http://2852039166/",
    "http://0xa9fea9fe/",
    "http://0251.0376.0251.0376/",
    "http://[::ffff:169.254.169.254]/",
    "http://[::ffff:a9fe:a9fe]/",
    "http://[fd00:ec2::254]/",
]
OTHER_RANGES = [
    "http://224.0.0.1/",
    "http://[ff02::1]/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://192.0.0.8/",
    "http://198.18.0.1/",
    "http://192.0.2.10/",
    "http://[2001:db8::1]/",
]
CONTROLLED_NAMES = [
    f"http://{n}/" for n in NAMES if n not in ("humas.test", "public.humas.test")
] + [
    "https://intranet.humas.test/berita/1",
    "http://INTRANET.Humas.Test./",
    "http://metadata.humas.test/latest/meta-data/",
]
SCHEMES = [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "FILE:///etc/shadow",
    "gopher://127.0.0.1:70/_GET%20/",
    "gopher://humas.test/1",
    "ftp://ftp.humas.test/berita.txt",
    "ftps://humas.test/",
    "dict://127.0.0.1:11211/stat",
    "ldap://127.0.0.1/",
    "sftp://humas.test/",
    "tftp://humas.test/x",
    "jar:http://humas.test/x.jar!/",
    "data:text/html,<script>alert(1)</script>",
    "javascript:alert(1)",
    "netdoc:///etc/passwd",
    "//127.0.0.1/berita",
    "humas.test/berita",
]
PORTS = [
    "http://public.humas.test:22/",
    "http://public.humas.test:25/",
    "http://public.humas.test:6379/",
    "http://public.humas.test:11211/",
    "https://public.humas.test:9200/",
    "http://public.humas.test:0/",
    "http://public.humas.test:65535/",
    "http://public.humas.test:99999/",
]
TRICKS = [
    "http://public.humas.test@127.0.0.1/",
    "http://user:pass@public.humas.test/",
    "http://public.humas.test%2F@127.0.0.1/",
    "http://127.0.0.1#@public.humas.test/",
    "http://127.0.0.1\\@public.humas.test/",
    "http://" + "a" * 64 + ".example/",
]
HOSTILE = LOOPBACK + PRIVATE + METADATA + OTHER_RANGES + CONTROLLED_NAMES + SCHEMES + PORTS + TRICKS

# Where the trusted server redirects to; {port} is its own port.
REDIRECTS = [
    "http://127.0.0.1:{port}/ok",
    "http://localhost:{port}/ok",
    "http://[::1]:{port}/ok",
    "http://[::ffff:127.0.0.1]:{port}/ok",
    "http://0x7f000001:{port}/ok",
    "http://2130706433:{port}/ok",
    "//127.0.0.1:{port}/ok",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1/",
    "http://192.168.1.1/",
    "http://intranet.humas.test/",
    "http://metadata.humas.test/",
    "http://mixed.humas.test/",
    "http://public.humas.test:6379/",
    "file:///etc/passwd",
    "gopher://127.0.0.1:70/_x",
    "ftp://humas.test/x",
    "/r/chain",  # one more trusted hop, then an internal address
]


def resolve(host: str, port: int) -> list[str]:
    name = host.lower().rstrip(".")
    if name in NAMES:
        return NAMES[name]
    if name.endswith(".test"):
        raise FetchError(f"cannot resolve host {host!r}")
    return system_resolver(host, port)


class World:
    """A home that trusts ``humas.test`` (the loopback server) and nothing else."""

    def __init__(self, home: Path) -> None:
        self.web = WebServer()
        self.settings: Settings = write_config(
            home,
            {
                "trusted_hosts": ["humas.test"],
                "fetch": {"timeout": 3.0},
                "accounts": [{"name": "x_humas", "platform": "x"}],
            },
        )
        self.store = Store.open_url(self.settings.database_url)
        self.base = f"http://humas.test:{self.web.sb.port}"
        self.allowed = {("127.0.0.1", self.web.sb.port)}
        self.web.page("/ok", "<html><body><p>internal</p></body></html>")
        for i, target in enumerate(REDIRECTS):
            location = target.format(port=self.web.sb.port)
            self.web.page(f"/r/{i}", "", status=302, headers={"Location": location})
        self.web.page("/r/chain", "", status=301, headers={"Location": "/r/chain2"})
        self.web.page("/r/chain2", "", status=302, headers={"Location": "http://10.1.2.3/"})

    def article(self, url: str) -> None:
        add_url(self.store, self.settings, url)

    def feed(self, url: str) -> None:
        feed, _ = self.store.add_feed(url, [], False)
        poll_feed(self.store, self.settings, feed)

    def photo(self, url: str) -> None:
        source_bytes(Photo(article_id=1, url=url), self.settings)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    w = World(tmp_path_factory.mktemp("ssrf") / "home")
    yield w
    w.store.close()
    w.web.sb.stop()


@pytest.fixture
def spy() -> Iterator[ConnectSpy]:
    with resolving_with(resolve), spying() as s:
        yield s


ENTRY_POINTS = ["article", "feed", "photo"]


def test_the_list_is_long_enough() -> None:
    assert len(set(HOSTILE)) == len(HOSTILE) >= 100
    assert len(REDIRECTS) >= 15


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_url_refused_without_connecting(
    world: World, spy: ConnectSpy, entry: str, url: str
) -> None:
    go: Callable[[str], None] = getattr(world, entry)
    with pytest.raises(UnsafeURL):
        go(url)
    assert spy.calls == [], f"{url} led to connect() {spy.calls}"


@pytest.mark.parametrize("entry", ENTRY_POINTS)
@pytest.mark.parametrize("n", range(len(REDIRECTS)), ids=REDIRECTS)
def test_redirect_to_internal_address_refused(
    world: World, spy: ConnectSpy, entry: str, n: int
) -> None:
    world.web.hits.clear()
    with pytest.raises(UnsafeURL):
        getattr(world, entry)(f"{world.base}/r/{n}")
    assert spy.calls and set(spy.calls) <= world.allowed, spy.calls  # the trusted hop only
    assert spy.non_public(world.allowed) == []
    assert "/ok" not in world.web.hits and all(h.startswith("/r/") for h in world.web.hits)


def test_feed_entries_pointing_inside_are_each_refused(world: World, spy: ConnectSpy) -> None:
    links = HOSTILE[:40] + [f"{world.base}/r/{n}" for n in range(len(REDIRECTS))]
    items = "".join(
        f"<item><title>t{i}</title><link>{_xml(u)}</link></item>" for i, u in enumerate(links)
    )
    rss = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Humas</title>'
        f"{items}</channel></rss>"
    )
    url = world.web.page("/feed-hostile.xml", rss, ctype="application/rss+xml")
    feed, _ = world.store.add_feed(url.replace("127.0.0.1", "humas.test"), [], False)
    result = poll_feed(world.store, world.settings, feed)
    entries = entry_links(rss.encode(), url)
    assert len(entries) >= 50 and result.new == [], result.new
    assert len(result.errors) == len(entries), result.errors[:3]
    assert spy.non_public(world.allowed) == []
    assert "/ok" not in world.web.hits


def test_article_photos_pointing_inside_are_skipped(world: World, spy: ConnectSpy) -> None:
    from sosmed.compose.build import compose_article

    images = "".join(
        f'<figure><img src="{_xml(u)}" alt="foto {i}"></figure>'
        for i, u in enumerate(
            [
                "http://169.254.169.254/foto.jpg",
                "http://10.0.0.7/foto.jpg",
                "http://[::1]/a.jpg",
                f"{world.base}/r/0",
                "file:///etc/passwd",
            ]
        )
    )
    body = "".join(
        f"<p>Bupati meresmikan jembatan desa nomor {i} yang menghubungkan dua kecamatan di "
        "wilayah kabupaten, disaksikan warga dan perangkat desa setempat.</p>"
        for i in range(6)
    )
    page = (
        "<html><head><title>Bupati Resmikan Jembatan</title></head><body><article>"
        f"<h1>Bupati Resmikan Jembatan</h1>{images}{body}</article></body></html>"
    )
    url = world.web.page("/berita/jembatan", page).replace("127.0.0.1", "humas.test")
    added = add_url(world.store, world.settings, url)
    photos = world.store.article_photos(added.article_id)
    assert len(photos) >= 3, photos
    variants, skipped = variants_for(photos, "x", world.settings)
    assert variants == [] and len(skipped) == len(photos)
    assert all("ditolak" in s or "hanya alamat http" in s for s in skipped), skipped
    compose_article(world.store, world.settings, added.article_id)
    assert spy.non_public(world.allowed) == []
    assert "/ok" not in world.web.hits


def test_connection_goes_to_the_checked_address(world: World, spy: ConnectSpy) -> None:
    # humas.test exists for no DNS server: the page can only be had through the address the
    # check resolved, and the resolver is asked once, not again when connecting.
    asked: list[str] = []

    def counting(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"] if host == "humas.test" else resolve(host, port)

    world.web.page("/pinned", "<p>ok</p>")
    with resolving_with(counting):
        got = fetch(f"{world.base}/pinned", _policy(world))
    assert got.body == b"<p>ok</p>" and asked == ["humas.test"]
    assert spy.calls == [("127.0.0.1", world.web.sb.port)]


def _policy(world: World):  # type: ignore[no-untyped-def]
    from sosmed.ingest.fetch import FetchPolicy

    return FetchPolicy.from_settings(world.settings)


def _xml(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )
