"""Which network addresses are public: the one rule the safe fetcher and the checks of
``media.public_base_url`` share.

A public address is a globally routable unicast one: not loopback, private, link-local,
shared (CGNAT), multicast, reserved, nor an IPv6 form that stands for such an IPv4 address.
Host names are answered by :func:`system_resolver` unless a block runs under
:func:`resolving_with` (a split-horizon DNS, or names a test controls).
"""

from __future__ import annotations

import ipaddress
import socket
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from sosmed.errors import FetchError, UnsafeURL
from sosmed.i18n import _
from sosmed.libwords import lookup_reason

Resolver = Callable[[str, int], list[str]]
# Ranges the standard library still calls global where no public web server lives.
_NOT_PUBLIC = tuple(
    ipaddress.ip_network(n)
    for n in (
        "192.0.0.0/24",  # IETF protocol assignments
        "192.88.99.0/24",  # the retired 6to4 relay anycast
        "fec0::/10",  # the retired site-local range
        "64:ff9b:1::/48",  # local-use NAT64
    )
)
# Well-known NAT64: the IPv4 address in its last 32 bits is the one reached.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def is_public_address(address: str) -> bool:
    """True only for a globally routable unicast address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return is_public_address(str(inner))
    if any(ip in net for net in _NOT_PUBLIC):
        return False
    return bool(
        ip.is_global
        and not (ip.is_multicast or ip.is_private or ip.is_loopback or ip.is_link_local)
        and not (ip.is_reserved or ip.is_unspecified)
    )


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for: mapped, 6to4, Teredo or NAT64."""
    if ip.ipv4_mapped or ip.sixtofour:
        return ip.ipv4_mapped or ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise FetchError(
            _("host {host} tidak bisa dicari alamatnya: {error}").format(
                host=repr(host), error=lookup_reason(e)
            )
        ) from None
    except UnicodeError:  # a label over 63 characters, or not IDNA at all
        raise UnsafeURL(_("{host} bukan nama host yang sah").format(host=repr(host))) from None
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


_resolver: ContextVar[Resolver] = ContextVar("sosmed_fetch_resolver", default=system_resolver)


def current_resolver() -> Resolver:
    """The resolver in force here: :func:`system_resolver` unless :func:`resolving_with` set one."""
    return _resolver.get()


@contextmanager
def resolving_with(resolve: Resolver) -> Iterator[None]:
    """Within the block, every fetch in this context answers host names with ``resolve``."""
    token = _resolver.set(resolve)
    try:
        yield
    finally:
        _resolver.reset(token)


def private_media_address(base_url: str, resolve: Resolver | None = None) -> str | None:
    """The first non-public address that ``base_url``'s host stands for, or None.

    None too when the host cannot be resolved from here: whether the platform can, this
    machine cannot tell.
    """
    try:
        host = (urllib.parse.urlsplit(base_url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return None
    if not host:
        return None
    try:
        addresses = (resolve or current_resolver())(host, 443)
    except (FetchError, UnsafeURL):
        return None
    return next((a for a in addresses if not is_public_address(a)), None)
