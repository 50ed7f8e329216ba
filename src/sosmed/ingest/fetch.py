"""Safe fetching: the only way sosmed opens a URL given by a person or a feed.

http/https only; the host is resolved and refused when any of its addresses is not public
(loopback, private, link-local, shared, multicast, reserved, IPv4-mapped forms); the connection
goes to the address that was checked (no second DNS answer can swap it); every redirect is
checked the same way (at most ``max_redirects``); a time cap and a byte cap on the whole answer.
``allow_private_hosts`` lifts the address check only (for intranets and the sandbox).

Host names are answered by :func:`system_resolver` unless a block runs under
:func:`resolving_with` (a split-horizon DNS, or names a test controls); both live in
:mod:`sosmed.addresses` with the rule of what is public, and are named here too.
"""

from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

import certifi
import urllib3

from sosmed import i18n
from sosmed.addresses import (
    Resolver,
    current_resolver,
    is_public_address,
)
from sosmed.addresses import resolving_with as resolving_with  # named here for callers
from sosmed.addresses import system_resolver as system_resolver
from sosmed.errors import FetchError, FetchTimeout, FetchTooLarge, HTTPStatus, UnsafeURL
from sosmed.i18n import _
from sosmed.libwords import network_reason
from sosmed.settings import Settings

REDIRECTS = (301, 302, 303, 307, 308)
SAFE_PORTS = frozenset({80, 443, 8080, 8443})


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 10.0
    max_bytes: int = 5_000_000
    max_redirects: int = 3
    allow_private_hosts: bool = False
    user_agent: str = "sosmed"
    # Hosts whose (private) addresses are accepted while all others are still checked.
    trusted_hosts: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: Settings) -> FetchPolicy:
        f = settings.config.fetch
        return cls(
            timeout=f.timeout,
            max_bytes=f.max_bytes,
            max_redirects=f.max_redirects,
            allow_private_hosts=settings.config.allow_private_hosts,
            user_agent=f.user_agent,
            trusted_hosts=frozenset(h.lower() for h in settings.config.trusted_hosts),
        )


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str  # path + query, never empty
    address: str  # the checked address to connect to


@dataclass(frozen=True)
class Form:
    """What a URL says before any name is looked up."""

    scheme: str
    host: str
    port: int
    path: str  # path + query, never empty
    trusted: bool  # the address check is lifted for this host


def check_form(url: str, policy: FetchPolicy) -> Form:
    """Scheme, host, credentials and port of ``url``; UnsafeURL when refused. No lookup."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        port = parts.port
    except ValueError as e:
        said = str(e) if i18n.language() == "en" else _("nomor port atau susunannya salah")
        raise UnsafeURL(
            _("bukan URL yang sah: {url} ({error})").format(url=repr(url), error=said)
        ) from None
    scheme = parts.scheme.lower()
    if not scheme:
        raise UnsafeURL(
            _("{url} bukan alamat web; tulis lengkap seperti https://humas.example.go.id/").format(
                url=repr(url)
            )
        )
    if scheme not in ("http", "https"):
        raise UnsafeURL(
            _("hanya alamat http dan https yang diambil, bukan {scheme}:").format(scheme=scheme)
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise UnsafeURL(_("tidak ada nama host di {url}").format(url=repr(url)))
    if "%" in host:
        raise UnsafeURL(_("alamat ber-scope (link-local) ditolak: {host}").format(host=repr(host)))
    if parts.username or parts.password:
        raise UnsafeURL(_("alamat dengan nama pengguna atau kata sandi ditolak"))
    port = (443 if scheme == "https" else 80) if port is None else port
    trusted = policy.allow_private_hosts or host.lower() in policy.trusted_hosts
    if not trusted and port not in SAFE_PORTS:
        raise UnsafeURL(
            _("port {port} ditolak (yang boleh: {allowed})").format(
                port=port, allowed=sorted(SAFE_PORTS)
            )
        )
    path = urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Form(scheme, host, port, path, trusted)


def check_url(url: str, policy: FetchPolicy, resolve: Resolver | None = None) -> Target:
    """Validate ``url`` and pick the address to connect to; raise UnsafeURL when refused."""
    form = check_form(url, policy)
    addresses = (resolve or current_resolver())(form.host, form.port)
    if not addresses:
        raise FetchError(_("host {host} tidak punya alamat").format(host=repr(form.host)))
    if not form.trusted:
        bad = [a for a in addresses if not is_public_address(a)]
        if bad:
            raise UnsafeURL(
                _(
                    "host {host} mengarah ke alamat non-publik ({address}); ditolak. "
                    "Isi allow_private_hosts = true untuk intranet."
                ).format(host=repr(form.host), address=bad[0])
            )
    return Target(form.scheme, form.host, form.port, form.path, addresses[0])


def _pool(target: Target, policy: FetchPolicy) -> urllib3.HTTPConnectionPool:
    timeout = urllib3.Timeout(connect=policy.timeout, read=policy.timeout)
    if target.scheme == "https":
        return urllib3.HTTPSConnectionPool(
            target.address,
            target.port,
            timeout=timeout,
            retries=False,
            server_hostname=target.host,
            assert_hostname=target.host,
            cert_reqs="CERT_REQUIRED",
            ca_certs=certifi.where(),
        )
    return urllib3.HTTPConnectionPool(target.address, target.port, timeout=timeout, retries=False)


def _read_capped(resp: urllib3.BaseHTTPResponse, policy: FetchPolicy, deadline: float) -> bytes:
    declared = resp.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > policy.max_bytes:
        raise FetchTooLarge(
            _("jawabannya {size} byte; batasnya {cap}").format(
                size=f"{int(declared):,}", cap=f"{policy.max_bytes:,}"
            )
        )
    chunks, total = [], 0
    for chunk in resp.stream(65536, decode_content=True):
        total += len(chunk)
        if total > policy.max_bytes:
            raise FetchTooLarge(
                _("jawabannya melebihi batas {cap} byte").format(cap=f"{policy.max_bytes:,}")
            )
        if time.monotonic() > deadline:
            raise FetchTimeout(
                _("jawabannya lebih lama dari {seconds} detik").format(
                    seconds=f"{policy.timeout:g}"
                )
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _one(
    target: Target, policy: FetchPolicy, headers: dict[str, str], deadline: float
) -> tuple[urllib3.BaseHTTPResponse, bytes]:
    name = f"[{target.host}]" if ":" in target.host else target.host
    host_header = name if target.port in (80, 443) else f"{name}:{target.port}"
    hdrs = {
        "Host": host_header,
        "User-Agent": policy.user_agent,
        "Accept-Encoding": "gzip, deflate",
        **headers,
    }
    pool = _pool(target, policy)
    try:
        resp = pool.urlopen("GET", target.path, headers=hdrs, redirect=False, preload_content=False)
        body = b"" if resp.status in REDIRECTS else _read_capped(resp, policy, deadline)
        resp.release_conn()
        return resp, body
    except urllib3.exceptions.NewConnectionError as e:
        # A subclass of urllib3's time-out error, but refused or unreachable at once.
        raise FetchError(
            _("tidak bisa tersambung ke {host}: {error}").format(
                host=target.host, error=network_reason(e)
            )
        ) from None
    except (urllib3.exceptions.TimeoutError, TimeoutError):
        raise FetchTimeout(
            _("{host} tidak menjawab dalam {seconds} detik").format(
                host=target.host, seconds=f"{policy.timeout:g}"
            )
        ) from None
    except urllib3.exceptions.SSLError as e:
        raise FetchError(
            _("galat TLS dengan {host}: {error}").format(host=target.host, error=network_reason(e))
        ) from None
    except urllib3.exceptions.HTTPError as e:
        raise FetchError(
            _("tidak bisa mengambil dari {host}: {error}").format(
                host=target.host, error=network_reason(e)
            )
        ) from None
    finally:
        pool.close()


def fetch(
    url: str,
    policy: FetchPolicy,
    headers: dict[str, str] | None = None,
    resolve: Resolver | None = None,
    ok_statuses: tuple[int, ...] = (200,),
) -> Fetched:
    """GET ``url`` under the policy; redirects followed and re-checked."""
    deadline = time.monotonic() + policy.timeout
    current = url
    for _hop in range(policy.max_redirects + 1):
        target = check_url(current, policy, resolve)
        resp, body = _one(target, policy, headers or {}, deadline)
        if resp.status in REDIRECTS and resp.headers.get("Location"):
            current = urllib.parse.urljoin(current, resp.headers["Location"])
            continue
        if resp.status not in ok_statuses:
            raise HTTPStatus(
                _("{url} menjawab HTTP {status}").format(url=_short(current), status=resp.status),
                resp.status,
            )
        return Fetched(
            url=current,
            status=resp.status,
            content_type=resp.headers.get("Content-Type", ""),
            body=body,
            headers={k.lower(): v for k, v in resp.headers.items()},
        )
    raise FetchError(
        _("lebih dari {n} pengalihan dari {url}").format(n=policy.max_redirects, url=_short(url))
    )


def fetch_bytes(url: str, settings: Settings) -> bytes:
    """The body at ``url`` under the home's fetch policy (used for photos)."""
    return fetch(url, FetchPolicy.from_settings(settings)).body


def _short(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
