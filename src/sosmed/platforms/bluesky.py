"""Bluesky: posts with photos, alt text and clickable links and hashtags, over XRPC (``requests``).

Account: ``options.handle`` (``humas.bsky.social``); secret ``app_password``
(``SOSMED_<ACCOUNT>_APP_PASSWORD``), an app password, never the account's own password.

Session: ``createSession`` once, then the same session for every post of the process
(``createSession`` is limited to 30 per 5 minutes and 300 a day). It is made at the entryway
(``https://bsky.social``, or ``options.service`` for an account on its own PDS); the DID
document it answers names the account's PDS (service ``#atproto_pds``), and every later
request goes there: ``uploadBlob``, ``createRecord``, ``getRecord``, ``refreshSession``. A
PDS address must be https (http only for an account with ``api_base``, the sandbox); without a
DID document the login server is used. The access token is renewed
with ``refreshSession`` when its ``exp`` is less than five minutes away, or when a request
answers ``ExpiredToken`` / ``InvalidToken`` (the request is then sent once more; the server
checks the token before doing anything, so nothing was carried out). A refresh token that no
longer works falls back to ``createSession``.

Publishing: ``arm`` chooses the record key (a TID) that the caller saves before the send;
photos go through ``uploadBlob`` (raw bytes, at most 1,000,000 each); then ``createRecord``
with that key and the record ``{text, createdAt, langs: ["id"], facets, embed}``: link facets for
``http(s)://`` links and tag facets for ``#hashtags``, at UTF-8 byte offsets, and
``app.bsky.embed.images`` with each photo's alt text and aspect ratio. The saved key makes
reconciliation exact: ``find`` asks ``getRecord`` for it. A second ``createRecord`` with a key
that exists answers 500 today, so a re-send of an armed key can end in InDoubt but never in a
second post; ``find`` then settles it.

Errors (XRPC ``{"error": name, "message": ...}``):

======================================================  ========================
answer                                                  raised
======================================================  ========================
429 (``ratelimit-reset``, epoch seconds)                RateLimited(retry_after)
401, 403, AuthenticationRequired                        AuthError
ExpiredToken / InvalidToken again after one refresh     AuthError
400 InvalidRequest and other 4xx; over the limits       Rejected
5xx, read timeout, reset on createRecord                InDoubt
5xx, read timeout, reset on uploadBlob or sessions      Transient
connection refused, DNS failure, connect timeout        Transient
======================================================  ========================

``find``: the record → Published; ``RecordNotFound`` → None; anything else → CannotTell.

``metrics``: ``app.bsky.feed.getPosts?uris=`` (through the PDS, which asks the App View).
"""

from __future__ import annotations

import secrets
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from typing import Any, ClassVar

import requests

from sosmed.engagement.counters import COMMENTS, LIKES, SHARES, Counters, as_int
from sosmed.errors import AuthError, CannotTell, ConfigError, PlatformError, RateLimited, Rejected
from sosmed.i18n import _
from sosmed.platforms import _http
from sosmed.platforms.base import (
    AccountInfo,
    Online,
    Outgoing,
    OutgoingImage,
    Platform,
    Published,
)
from sosmed.platforms.bluesky_facets import facets
from sosmed.platforms.bluesky_session import Session, jwt_expiry, pds_endpoint
from sosmed.platforms.builtin import BlueskyRules
from sosmed.settings import Account, Settings

API = "https://bsky.social"
POST = "app.bsky.feed.post"
DEFAULT_RETRY_AFTER = 60.0
RENEWABLE = frozenset({"ExpiredToken", "InvalidToken"})
AUTH_ERRORS = RENEWABLE | {
    "AuthenticationRequired",
    "AccountTakedown",
    "AccountDeactivated",
    "AuthFactorTokenRequired",
}

_TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
_tid_clock = secrets.randbelow(1024)
_tid_last = 0
_tid_lock = threading.Lock()


def new_tid() -> str:
    """A record key: 53 bits of microseconds and 10 of clock id, base32-sortable, 13 chars."""
    global _tid_last
    with _tid_lock:
        _tid_last = max(time.time_ns() // 1000, _tid_last + 1)
        n = (_tid_last << 10) | _tid_clock
    return "".join(_TID_ALPHABET[(n >> (60 - 5 * i)) & 31] for i in range(13))


def post_record(
    text: str, images: list[OutgoingImage], blobs: list[dict[str, Any]], created_at: datetime
) -> dict[str, Any]:
    """The ``app.bsky.feed.post`` record. Pure."""
    stamp = created_at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    record: dict[str, Any] = {"$type": POST, "text": text, "createdAt": stamp, "langs": ["id"]}
    if found := facets(text):
        record["facets"] = found
    if images:
        record["embed"] = {
            "$type": "app.bsky.embed.images",
            "images": [
                {
                    "alt": image.alt,
                    "image": blob,
                    "aspectRatio": {"width": image.width, "height": image.height},
                }
                for image, blob in zip(images, blobs, strict=True)
            ],
        }
    return record


def problem(text: str, images: list[OutgoingImage], limit_bytes: int) -> str | None:
    """Why Bluesky would refuse this post, or None. Pure apart from reading file sizes."""
    limits = BlueskyPlatform.limits
    if not text.strip() and not images:
        return _("teksnya kosong")
    if (length := BlueskyPlatform.measure(text)) > limits.max_length:
        return _("{length} karakter; Bluesky mengizinkan {most}").format(
            length=length, most=limits.max_length
        )
    if limits.max_bytes is not None and len(text.encode("utf-8")) > limits.max_bytes:
        return _("teksnya lebih dari {cap} byte").format(cap=limits.max_bytes)
    if len(images) > limits.max_images:
        return _("{n} foto; Bluesky mengizinkan {most}").format(
            n=len(images), most=limits.max_images
        )
    for image in images:
        if image.path.stat().st_size > limit_bytes:
            return _("foto {name} lebih dari {cap} byte").format(
                name=image.path.name, cap=limit_bytes
            )
    return None


def classify(status: int, body: dict[str, Any], headers: Any, *, create: bool) -> PlatformError:
    """The error class of an XRPC answer, by status and error name. Pure."""
    name = str(body.get("error") or "") or None
    words = str(body.get("message") or "")
    text = _http.message("bluesky", status, name, words)
    if status == 429:
        wait = _http.retry_after(headers, DEFAULT_RETRY_AFTER)
        return RateLimited(text, retry_after=wait, http_status=status, code=name)
    if status in (401, 403) or (status < 500 and name in AUTH_ERRORS):
        return AuthError(text, http_status=status, code=name)
    if 400 <= status < 500:
        return Rejected(text, http_status=status, code=name)
    return _http.server_error("bluesky", status, name, words, create=create)


# Sessions outlive a platform object: the process keeps one per account and server.
_sessions: dict[tuple[str, str | None, str], Session] = {}
_session_locks: dict[tuple[str, str | None, str], threading.Lock] = {}
_sessions_guard = threading.Lock()


class BlueskyPlatform(BlueskyRules, Platform):
    summary_sentences = 2
    hosts = (API,)
    secret_fields = ("app_password",)
    option_fields = ("handle",)
    can_retract = True
    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        LIKES: "likeCount",
        SHARES: "repostCount",
        COMMENTS: "replyCount",
    }

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        handle = account.options.get("handle", "").lstrip("@")
        if not handle:
            raise ConfigError(
                _("akun {name} perlu options.handle (misalnya humas.bsky.social)").format(
                    name=repr(account.name)
                )
            )
        self.handle = handle
        self.service = (account.options.get("service") or API).rstrip("/")
        self._key = (account.name, account.api_base, f"{handle} {self.service}")
        with _sessions_guard:
            self._lock = _session_locks.setdefault(self._key, threading.Lock())

    def arm(self, outgoing: Outgoing) -> str | None:
        # Re-arming keeps the saved key, so a re-send can never make a second record.
        return outgoing.armed_key or new_tid()

    def publish(self, outgoing: Outgoing) -> Published:
        why = problem(outgoing.text, outgoing.images, self.limits.image_max_bytes)
        if why:
            raise Rejected(f"bluesky: {why}")
        rkey = outgoing.armed_key or new_tid()
        blobs = [self._upload(image) for image in outgoing.images]
        created_at = datetime.now(UTC)
        record = post_record(outgoing.text, outgoing.images, blobs, created_at)
        did = self.session_info().did
        body = {"repo": did, "collection": POST, "rkey": rkey, "record": record}
        self.before_create(outgoing)
        answer = self._xrpc("POST", "com.atproto.repo.createRecord", create=True, json=body)
        return Published(str(answer["uri"]), self.web_url(rkey), created_at)

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        if not outgoing.armed_key:
            raise CannotTell(_("bluesky: kunci record post ini tidak tersimpan"))
        try:
            params = {"repo": self.session_info().did, "collection": POST}
            params["rkey"] = outgoing.armed_key
            found = self._xrpc("GET", "com.atproto.repo.getRecord", params=params)
        except PlatformError as e:
            if e.code == "RecordNotFound":
                return None
            raise CannotTell(f"bluesky: getRecord failed: {e}", http_status=e.http_status) from None
        at = _parse_time(found.get("value", {}).get("createdAt"))
        return Published(str(found["uri"]), self.web_url(outgoing.armed_key), at)

    def retract(self, online: Online, now: datetime) -> bool:
        """``com.atproto.repo.deleteRecord`` at the PDS, by the record key at the end of the
        post's ``at://`` URI. A PDS answers a delete of a missing record as done."""
        rkey = online.remote_id.rstrip("/").rsplit("/", 1)[-1]
        body = {"repo": self.session_info().did, "collection": POST, "rkey": rkey}
        self._xrpc("POST", "com.atproto.repo.deleteRecord", json=body)
        return True

    def metrics(self, post: Published) -> Counters:
        answer = self._xrpc("GET", "app.bsky.feed.getPosts", params={"uris": post.remote_id})
        found = [p for p in answer.get("posts") or [] if p.get("uri") == post.remote_id]
        if not found:
            raise Rejected(f"bluesky: post {post.remote_id} not found", code="NotFound")
        view = found[0]
        return Counters(
            {
                LIKES: as_int(view.get("likeCount")),
                SHARES: as_int(view.get("repostCount")),
                COMMENTS: as_int(view.get("replyCount")),
                "quotes": as_int(view.get("quoteCount")),
            }
        )

    def check(self) -> AccountInfo:
        answer = self._xrpc("GET", "com.atproto.server.getSession")
        expiry = jwt_expiry(self.session_info().refresh)
        expires = datetime.fromtimestamp(expiry, UTC) if expiry else None
        return AccountInfo(f"@{answer.get('handle', self.handle)}", expires, str(answer.get("did")))

    def web_url(self, rkey: str) -> str:
        return f"https://bsky.app/profile/{self.handle}/post/{rkey}"

    def session_info(self) -> Session:
        """The account's session: created once, renewed when its access token nears expiry."""
        with self._lock:
            current = _sessions.get(self._key)
            if current is None:
                current = self._login()
            elif not current.fresh(time.time()):
                current = self._refresh(current)
            _sessions[self._key] = current
            return current

    def _renew(self, stale: Session) -> Session:
        with self._lock:
            current = _sessions.get(self._key)
            if current is None or current.access == stale.access:
                current = self._refresh(stale)
            _sessions[self._key] = current
            return current

    def _login(self) -> Session:
        body = {"identifier": self.handle, "password": self.secret("app_password")}
        nsid = "com.atproto.server.createSession"
        resp = self._send("POST", self.service, nsid, {}, False, json=body)
        answer = self._answer(resp, create=False)
        return Session.from_answer(answer, self._pds(answer, self.service))

    def _refresh(self, stale: Session) -> Session:
        headers = {"Authorization": f"Bearer {stale.refresh}"}
        resp = self._send("POST", stale.pds, "com.atproto.server.refreshSession", headers, False)
        if resp.status_code in (400, 401) and _http.json_body(resp).get("error") in (
            RENEWABLE | {"AuthenticationRequired"}
        ):
            return self._login()
        answer = self._answer(resp, create=False)
        return Session.from_answer(answer, self._pds(answer, stale.pds))

    def _pds(self, answer: dict[str, Any], default: str) -> str:
        """The PDS the session's DID document names; refused unless https (or the sandbox)."""
        found = pds_endpoint(answer)
        if found is None:
            return default
        parts = urllib.parse.urlsplit(found)
        plain_ok = parts.scheme == "http" and self.account.api_base is not None
        if not parts.hostname or not (parts.scheme == "https" or plain_ok):
            words = "the session names a PDS that is not an https address"
            raise Rejected(_http.message("bluesky", None, None, words), code="pds_endpoint")
        return found

    def _upload(self, image: OutgoingImage) -> dict[str, Any]:
        headers = {"Content-Type": image.mime}
        data = image.path.read_bytes()
        answer = self._xrpc("POST", "com.atproto.repo.uploadBlob", headers=headers, data=data)
        return dict(answer["blob"])

    def _xrpc(self, method: str, nsid: str, *, create: bool = False, **kw: Any) -> Any:
        """An authenticated call; renews the session once if the server says it expired."""
        extra = kw.pop("headers", {})
        session = self.session_info()
        for last in (False, True):
            headers = {"Authorization": f"Bearer {session.access}", **extra}
            resp = self._send(method, session.pds, nsid, headers, create, **kw)
            error = _http.json_body(resp).get("error")
            if last or resp.status_code not in (400, 401) or error not in RENEWABLE:
                break
            session = self._renew(session)
        return self._answer(resp, create=create)

    def _send(
        self, method: str, base: str, nsid: str, headers: dict[str, str], create: bool, **kw: Any
    ) -> requests.Response:
        try:
            return self.session.request(method, f"{base}/xrpc/{nsid}", headers=headers, **kw)
        except requests.RequestException as e:
            raise _http.network_error("bluesky", e, create=create) from None

    def _answer(self, resp: requests.Response, *, create: bool) -> Any:
        if resp.status_code < 300:
            try:
                return resp.json()
            except ValueError:
                words = "unreadable answer"
                error = _http.server_error("bluesky", resp.status_code, None, words, create=create)
                raise error from None
        raise classify(resp.status_code, _http.json_body(resp), resp.headers, create=create)


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
