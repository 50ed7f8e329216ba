"""Safe fetching: address checks (pure, with a given resolver) and real fetches on loopback."""

from __future__ import annotations

import pytest
from tests.support.web import WebServer

from sosmed.errors import FetchTimeout, FetchTooLarge, HTTPStatus, UnsafeURL
from sosmed.ingest.fetch import FetchPolicy, check_url, fetch, is_public_address
from sosmed.sandbox.core import Response

STRICT = FetchPolicy()
OPEN = FetchPolicy(allow_private_hosts=True, timeout=2.0, max_bytes=10_000)


def resolver_to(*addresses: str):  # type: ignore[no-untyped-def]
    return lambda host, port: list(addresses)


@pytest.mark.parametrize(
    "address,public",
    [
        ("8.8.8.8", True),
        ("103.10.20.30", True),
        ("2001:4860:4860::8888", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("100.64.0.1", False),
        ("169.254.169.254", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("::1", False),
        ("fd00::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 wrapping 127.0.0.1
        ("not-an-ip", False),
    ],
)
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public_address(address) is public


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://0x7f.1/",
        "http://2130706433/",
        "http://017700000001/",
        "http://127.1/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.5/",
        "http://[fd00::5]/",
    ],
)
def test_literal_internal_addresses_refused(url: str) -> None:
    with pytest.raises(UnsafeURL):
        check_url(url, STRICT)


@pytest.mark.parametrize(
    "url,message",
    [
        ("file:///etc/passwd", "only http and https"),
        ("gopher://example.go.id/", "only http and https"),
        ("ftp://example.go.id/x", "only http and https"),
        ("http://example.go.id:22/", "port 22"),
        ("http://user:pw@example.go.id/", "user name"),
        ("http:///nohost", "no host"),
    ],
)
@pytest.mark.usefixtures("english")
def test_bad_urls_refused(url: str, message: str) -> None:
    with pytest.raises(UnsafeURL, match=message):
        check_url(url, STRICT, resolver_to("8.8.8.8"))


@pytest.mark.usefixtures("english")
def test_name_resolving_to_private_address_refused() -> None:
    with pytest.raises(UnsafeURL, match="non-public"):
        check_url(
            "https://intranet.example.go.id/berita", STRICT, resolver_to("8.8.8.8", "10.0.0.1")
        )


def test_public_name_accepted_and_pinned_to_checked_address() -> None:
    t = check_url("https://example.go.id/a?b=1", STRICT, resolver_to("103.1.2.3"))
    assert (t.host, t.port, t.path, t.address) == ("example.go.id", 443, "/a?b=1", "103.1.2.3")


def test_fetch_follows_redirect_and_rechecks(web: WebServer) -> None:
    web.page("/final", "<p>ok</p>")
    web.page("/start", "", status=302, headers={"Location": "/final"})
    got = fetch(web.url + "/start", OPEN)
    assert got.body == b"<p>ok</p>" and got.url.endswith("/final")
    # The same redirect under the strict policy stops at the first (loopback) address.
    with pytest.raises(UnsafeURL):
        fetch(web.url + "/start", STRICT)


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://localhost/",
        "http://10.0.0.1/",
        "http://[::ffff:127.0.0.1]/",
        "file:///etc/passwd",
    ],
)
def test_redirect_to_internal_address_refused(web: WebServer, target: str) -> None:
    # Only the first host is trusted (as an intranet host would be); the redirect is not.
    web.page("/hop", "", status=302, headers={"Location": target})
    policy = FetchPolicy(trusted_hosts=frozenset({"127.0.0.1"}), timeout=2.0)
    with pytest.raises(UnsafeURL):
        fetch(web.url + "/hop", policy)
    assert web.hits == ["/hop"]


@pytest.mark.usefixtures("english")
def test_too_many_redirects(web: WebServer) -> None:
    web.page("/loop", "", status=302, headers={"Location": "/loop"})
    with pytest.raises(Exception, match="more than 3 redirects"):
        fetch(web.url + "/loop", OPEN)


def test_size_cap(web: WebServer) -> None:
    web.page("/big", b"x" * 20_000, ctype="text/plain")
    with pytest.raises(FetchTooLarge):
        fetch(web.url + "/big", OPEN)


def test_http_error_status(web: WebServer) -> None:
    with pytest.raises(HTTPStatus) as e:
        fetch(web.url + "/missing", OPEN)
    assert e.value.status == 404


def test_timeout(web: WebServer) -> None:
    import time

    def slow(_req: object) -> Response:
        time.sleep(3)
        return Response(200, b"late", {"Content-Type": "text/plain"})

    web.handler("/slow", slow)  # type: ignore[arg-type]
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        fetch(web.url + "/slow", FetchPolicy(allow_private_hosts=True, timeout=0.5))
    assert time.monotonic() - started < 2.5
