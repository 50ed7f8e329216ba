"""OAuth 1.0a HMAC-SHA1 signature checks (RFC 5849), as X's API does them.

The client signed the URL it meant (``https://api.twitter.com/...`` for tweepy, or
``https://api.x.com/...``); the sandbox received it on loopback, so the base string is rebuilt
with each public host in turn and the signature is good if it matches one of them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sosmed.sandbox.core import Request

PUBLIC_HOSTS = ("https://api.twitter.com", "https://api.x.com")
MAX_SKEW = 300  # seconds between the client's clock and ours
_PARAM = re.compile(r'\s*([A-Za-z0-9_]+)="([^"]*)"\s*')


def pct(value: str) -> str:
    """RFC 3986 percent-encoding as RFC 5849 §3.6 requires (unreserved characters kept)."""
    return urllib.parse.quote(value, safe="~")


def parse_header(header: str) -> dict[str, str]:
    """The ``oauth_*`` parameters of an ``Authorization: OAuth ...`` header (decoded)."""
    if not header.startswith("OAuth "):
        return {}
    params = {}
    for part in header[len("OAuth ") :].split(","):
        m = _PARAM.fullmatch(part)
        if m:
            params[urllib.parse.unquote(m.group(1))] = urllib.parse.unquote(m.group(2))
    return params


def base_string(method: str, base_uri: str, params: Iterable[tuple[str, str]]) -> str:
    pairs = sorted((pct(k), pct(v)) for k, v in params)
    normalized = "&".join(f"{k}={v}" for k, v in pairs)
    return "&".join((method.upper(), pct(base_uri), pct(normalized)))


def sign(base: str, consumer_secret: str, token_secret: str) -> str:
    key = f"{pct(consumer_secret)}&{pct(token_secret)}".encode()
    return base64.b64encode(hmac.new(key, base.encode(), hashlib.sha1).digest()).decode()


def request_params(req: Request, oauth: Mapping[str, str]) -> list[tuple[str, str]]:
    """Query, form body (only when form-encoded) and oauth parameters, minus the signature."""
    params = [(k, v) for k, values in req.query.items() for v in values]
    if req.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        body = req.body.decode("utf-8", "replace")
        params += urllib.parse.parse_qsl(body, keep_blank_values=True)
    params += [(k, v) for k, v in oauth.items() if k not in ("oauth_signature", "realm")]
    return params


@dataclass
class Verifier:
    """Checks signatures against known consumers and tokens; refuses replayed nonces."""

    consumers: dict[str, str]  # consumer key -> consumer secret
    tokens: dict[str, str]  # access token -> token secret
    _seen: set[str] = field(default_factory=set)
    _order: deque[tuple[float, str]] = field(default_factory=deque)  # oldest first
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def verify(self, req: Request, now: float | None = None) -> tuple[str | None, str]:
        """(access token, "") when the request is properly signed, else (None, reason)."""
        oauth = parse_header(req.headers.get("authorization", ""))
        consumer, token = oauth.get("oauth_consumer_key", ""), oauth.get("oauth_token", "")
        if consumer not in self.consumers or token not in self.tokens:
            return None, "unknown consumer key or access token"
        if oauth.get("oauth_signature_method") != "HMAC-SHA1":
            return None, "signature method must be HMAC-SHA1"
        now = time.time() if now is None else now
        if abs(now - float(oauth.get("oauth_timestamp") or 0)) > MAX_SKEW:
            return None, "timestamp out of bounds"
        if not self._good_signature(req, oauth, self.consumers[consumer], self.tokens[token]):
            return None, "bad signature"
        if not self._fresh(f"{consumer}:{oauth.get('oauth_nonce', '')}", now):
            return None, "nonce already used"
        return token, ""

    def _good_signature(
        self, req: Request, oauth: Mapping[str, str], consumer_secret: str, token_secret: str
    ) -> bool:
        params = request_params(req, oauth)
        given = oauth.get("oauth_signature", "")
        for host in PUBLIC_HOSTS:
            expected = sign(
                base_string(req.method, host + req.path, params), consumer_secret, token_secret
            )
            if hmac.compare_digest(expected, given):
                return True
        return False

    def _fresh(self, nonce: str, now: float) -> bool:
        """False for a nonce seen within the time a timestamp stays acceptable."""
        with self._lock:
            while self._order and now - self._order[0][0] > 2 * MAX_SKEW:
                self._seen.discard(self._order.popleft()[1])
            if nonce in self._seen:
                return False
            self._seen.add(nonce)
            self._order.append((now, nonce))
            return True
