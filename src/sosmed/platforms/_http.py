"""Helpers shared by the HTTP publishers: sessions per account, network-error classes, waits.

What a failed request means depends on whether it was the irreversible one (the create):

======================================  ===================  ====================
failure                                 create request       preparatory request
======================================  ===================  ====================
connection refused, DNS, connect t/o    Transient            Transient
read timeout, reset, protocol error     InDoubt              Transient
HTTP 5xx                                InDoubt              Transient
======================================  ===================  ====================

Messages are built from the platform name, the status and the platform's own words, never from
the exception text of ``requests`` (it holds full URLs, and tokens travel in query strings and
paths); they pass through :func:`sosmed.redact.redact` all the same.
"""

from __future__ import annotations

import email.utils
import re
import threading
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError

from sosmed.errors import ConfigError, InDoubt, PlatformError, Transient
from sosmed.i18n import _
from sosmed.platforms.base import Platform, TimeoutSession, make_session
from sosmed.redact import redact
from sosmed.settings import Account

CONNECT_TIMEOUT = 5.0


def account_session(hosts: tuple[str, ...], account: Account) -> TimeoutSession:
    """A session pointed at ``account.api_base`` (if set) with the account's timeout."""
    timeout = (min(CONNECT_TIMEOUT, account.timeout), account.timeout)
    return make_session(hosts, account.api_base, timeout)


def require_config(platform: Platform) -> None:
    """Fail when the platform is made, with a fix-it message, if a secret or option is missing.

    Found then, the problem fails the post (a person must act) instead of surfacing mid-publish.
    """
    for name in platform.secret_fields:
        platform.secret(name)
    account = platform.account
    missing = [o for o in platform.option_fields if not account.options.get(o)]
    if missing:
        wanted = ", ".join(f'{o} = "..."' for o in missing)
        raise ConfigError(
            _("{path}: akun {name} perlu options = {{ {wanted} }}").format(
                path=platform.settings.config_path, name=repr(account.name), wanted=wanted
            )
        )


def message(platform: str, status: int | None, code: Any, text: str | None) -> str:
    """The one shape of an error message: platform, HTTP status, platform code, its words."""
    parts = [platform + ":"]
    if status is not None:
        parts.append(f"HTTP {status}")
    if code not in (None, ""):
        parts.append(f"code {code}")
    if text:
        parts.append(f"- {text[:300]}")
    return redact(" ".join(parts))


def never_connected(exc: BaseException) -> bool:
    """True when the request provably never reached the server (refused, DNS, connect t/o)."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    if isinstance(exc, requests.ConnectionError):
        inner = exc.args[0] if exc.args else None
        return isinstance(inner, MaxRetryError) and isinstance(inner.reason, ConnectTimeoutError)
    return False


def _describe(exc: BaseException) -> str:
    if never_connected(exc):
        return _("tidak tersambung")
    if isinstance(exc, requests.ReadTimeout):
        return _("tidak ada jawaban dalam batas waktu")
    if isinstance(exc, requests.ConnectionError | requests.exceptions.ChunkedEncodingError):
        return _("sambungan terputus")
    if isinstance(exc, ValueError):
        return _("jawaban tidak terbaca")
    return _("permintaan gagal")


def network_error(platform: str, exc: BaseException, *, create: bool) -> PlatformError:
    """Classify a failure that produced no usable HTTP answer."""
    text = message(platform, None, None, _describe(exc))
    if create and not never_connected(exc):
        return InDoubt(text)
    return Transient(text)


def server_error(
    platform: str, status: int, code: Any, text: str, *, create: bool
) -> PlatformError:
    """A 5xx (or an equivalent platform code): maybe done on a create, not done otherwise."""
    cls = InDoubt if create else Transient
    return cls(message(platform, status, code, text), http_status=status, code=_str(code))


def _str(code: Any) -> str | None:
    return None if code in (None, "") else str(code)


_DIGITS = re.compile(r"^\s*\d+(\.\d+)?\s*$")


def retry_after(headers: Mapping[str, str], default: float, now: float | None = None) -> float:
    """Seconds to wait, from the first rate-limit header present; ``default`` when none is.

    Understands ``Retry-After`` (seconds or HTTP date), epoch-second resets
    (``x-rate-limit-reset``, ``x-user-limit-24hour-reset``), ``ratelimit-reset`` (seconds, or an
    epoch when large) and ISO-8601 resets (``X-RateLimit-Reset`` on Mastodon).
    """
    now = time.time() if now is None else now
    lower = {k.lower(): v for k, v in headers.items()}
    for name in ("retry-after", "x-rate-limit-reset", "ratelimit-reset", "x-ratelimit-reset"):
        value = lower.get(name)
        if value and (at := _reset_at(value, now)) is not None:
            return max(1.0, at - now)
    return default


def _reset_at(value: str, now: float) -> float | None:
    if _DIGITS.match(value):
        n = float(value)
        return n if n > 1_000_000_000 else now + n
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).timestamp()
    except ValueError:
        pass
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC).timestamp()


class LastResponse:
    """Remembers, per thread, the last response a session received.

    For client libraries that drop the HTTP status and headers when they raise (facebook-sdk).
    """

    def __init__(self, session: requests.Session) -> None:
        self._local = threading.local()
        session.hooks.setdefault("response", []).append(self._hook)

    def _hook(self, response: requests.Response, *args: Any, **kw: Any) -> None:
        self._local.response = response

    def clear(self) -> None:
        self._local.response = None

    @property
    def response(self) -> requests.Response | None:
        return getattr(self._local, "response", None)


def json_body(response: requests.Response) -> dict[str, Any]:
    """The answer's JSON object, or an empty dict when it has none."""
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def utc_now() -> datetime:
    return datetime.now(UTC)
