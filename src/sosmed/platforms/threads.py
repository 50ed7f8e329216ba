"""Threads (Meta): the Threads API's two-step publishing with ``requests``.

``arm`` creates the media container (``POST /{threads-user-id}/threads`` with ``media_type``
``TEXT`` or ``IMAGE`` and ``text``, ``image_url``, ``alt_text``, ``topic_tag``; for 2-20 photos
one ``is_carousel_item`` container each, then a ``CAROUSEL`` container with ``children``) and
returns its id, which the store saves before ``publish``; a saved container that is not expired
or failed is returned again instead of a new one. ``publish`` waits (bounded) for the container
to be ``FINISHED``, reads ``threads_publishing_limit`` (250 posts per 24 hours), then calls
``threads_publish`` with ``creation_id``: the one irreversible request. A container that already
reads ``PUBLISHED`` is not published again. Threads fetches each ``image_url`` itself, as
Instagram does, so every photo needs a public address (``OutgoingImage.public_url``; see
``public_media.py``). The token travels in an ``Authorization`` header, never in a URL.

Text: at most 500 characters, each emoji counted as its UTF-8 bytes, links in full
(:meth:`ThreadsPlatform.measure`). One topic tag per post: the account option ``topic_tag``, or
else the first hashtag of the text, is sent as ``topic_tag`` (1-50 characters, no ``.`` or
``&``); the text keeps its hashtag.

Secrets: ``access_token`` (a long-lived Threads user token). Options: ``threads_user_id``;
optional ``topic_tag``, ``api_version`` (default ``v1.0``) and ``status_wait_seconds``
(default 60).

Errors, by Graph code / subcode:

=================================================  =====================  ====================
answer                                             threads_publish        containers, reads
=================================================  =====================  ====================
code 4, 17, 32, 613, 80001-80014                   RateLimited            RateLimited
quota used up in ``threads_publishing_limit``      RateLimited (not sent)
code 190, 102, 10, 200-299                         AuthError              AuthError
code 1, 2, -1; HTTP 5xx; read timeout; reset       InDoubt                Transient
connection refused; connect timeout; code -2       Transient              Transient
container ERROR; no public URL; other              Rejected               Rejected
container still IN_PROGRESS after the wait         Transient
container EXPIRED                                  Transient(container_expired)
=================================================  =====================  ====================

``find`` reads the saved container: ``PUBLISHED`` proves the post exists (its media is found in
``/{threads-user-id}/threads`` by text); any other status proves it absent.
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from typing import Any, ClassVar

import requests

from sosmed.errors import CannotTell, PlatformError, RateLimited, Rejected, Transient
from sosmed.platforms import _http
from sosmed.platforms.base import MIB, AccountInfo, Limits, Outgoing, Platform, Published
from sosmed.platforms.facebook import graph_error, match_key, parse_graph_time, token_expiry
from sosmed.platforms.length.counting import emoji_spans
from sosmed.platforms.public_media import require_public_media
from sosmed.settings import Account, Settings

API = "https://graph.threads.net"
API_VERSION = "v1.0"
QUOTA_WAIT = 3600.0
STATUS_WAIT = 60.0
FIRST_POLL, MAX_POLL = 0.05, 5.0
MAX_ITEMS = 20
REUSABLE = ("IN_PROGRESS", "FINISHED", "PUBLISHED")
TAG_MAX = 50
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")


class ThreadsPlatform(Platform):
    name: ClassVar[str] = "threads"
    title = "Threads"
    limits = Limits(
        max_length=500,
        unit="chars",
        max_images=MAX_ITEMS,
        image_max_bytes=8 * MIB,
        image_formats=("JPEG", "PNG"),
        aspect_min=1 / 10,
        aspect_max=10.0,
        aspect_fit="pad",
        alt_max_length=1000,
        hashtag_cap=1,
    )
    summary_sentences = 3
    hosts = (API, "https://graph.threads.com")
    secret_fields = ("access_token",)
    option_fields = ("threads_user_id",)
    fetches_media = True

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        _http.require_config(self)
        require_public_media(settings, account, self.title)

    @classmethod
    def measure(cls, text: str, with_images: bool = False) -> int:
        """Characters (code points), each emoji counted as its UTF-8 bytes, as Threads counts."""
        if text.isascii():
            return len(text)
        spans = emoji_spans(text)
        extra = sum(len(text[i : i + n].encode("utf-8")) - n for i, n in spans.items())
        return len(text) + extra

    @property
    def user_id(self) -> str:
        return self.account.options["threads_user_id"]

    def arm(self, outgoing: Outgoing) -> str:
        """The saved container while it can still be published (or already was), else a new one.

        Reusing it makes a repeated attempt publish (or find) the same post, never a second one.
        """
        urls = _public_urls(outgoing)
        if outgoing.armed_key and self._status(outgoing.armed_key)[0] in REUSABLE:
            return outgoing.armed_key
        post = {"text": outgoing.text, "topic_tag": self.topic_tag(outgoing.text)}
        alts = [image.alt for image in outgoing.images]
        if not urls:
            return self._container(media_type="TEXT", **post)
        if len(urls) == 1:
            return self._container(media_type="IMAGE", image_url=urls[0], alt_text=alts[0], **post)
        children = [
            self._container(
                media_type="IMAGE", image_url=url, alt_text=alt, is_carousel_item="true"
            )
            for url, alt in zip(urls, alts, strict=True)
        ]
        return self._container(media_type="CAROUSEL", children=",".join(children), **post)

    def topic_tag(self, text: str) -> str:
        """The post's one topic tag: the account's ``topic_tag``, else the text's first hashtag;
        "" when neither is one Threads accepts (1-50 characters, no ``.`` or ``&``)."""
        chosen = str(self.account.options.get("topic_tag") or "").lstrip("#").strip()
        if not chosen and (m := _HASHTAG.search(text)):
            chosen = m.group(1)
        if not 0 < len(chosen) <= TAG_MAX or any(c in chosen for c in ".&"):
            return ""
        return chosen

    def publish(self, outgoing: Outgoing) -> Published:
        container = outgoing.armed_key or self.arm(outgoing)
        if self._wait_ready(container) == "PUBLISHED":
            return self._thread_of(outgoing, None) or Published(container)
        self._check_quota()
        self.before_create(outgoing)
        answer = self._request(
            "POST", f"{self.user_id}/threads_publish", {"creation_id": container}, create=True
        )
        media_id = str(answer.get("id") or "")
        if not media_id:
            raise _http.server_error(self.name, 200, None, "answer without a media id", create=True)
        return Published(media_id, self._permalink(media_id), _http.utc_now())

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        container = outgoing.armed_key
        if not container:
            return None  # nothing was armed, so nothing can have been published
        try:
            status, _ = self._status(container)
            if status != "PUBLISHED":
                return None
            return self._thread_of(outgoing, since) or Published(container)
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None

    def check(self) -> AccountInfo:
        me = self._request("GET", "me", {"fields": "id,username,name"})
        if str(me.get("id") or "") != self.user_id:
            raise Rejected(
                _http.message(
                    self.name, None, None, "the token belongs to another Threads user id"
                ),
                code="wrong_user",
            )
        identity = f"@{me.get('username') or '?'}"
        try:
            debug = self._request(
                "GET", "debug_token", {"input_token": self.secret("access_token")}
            )
        except PlatformError:
            return AccountInfo(identity, None, "token expiry unknown (debug_token refused)")
        expires, detail = token_expiry(debug.get("data") or {})
        return AccountInfo(identity, expires, detail)

    # -- internals --------------------------------------------------------------------------

    def _request(
        self, method: str, path: str, params: dict[str, str] | None = None, *, create: bool = False
    ) -> dict[str, Any]:
        params = dict(params or {})
        token = self.secret("access_token")
        version = self.account.options.get("api_version", API_VERSION)
        post = method == "POST"
        try:
            response = self.session.request(
                method,
                f"{API}/{version}/{path}",
                headers={"Authorization": f"Bearer {token}"},
                params=None if post else params,
                data=params if post else None,
            )
        except requests.RequestException as e:
            raise _http.network_error(self.name, e, create=create) from None
        body = _http.json_body(response)
        if response.status_code >= 400 or "error" in body:
            error = body.get("error")
            raise graph_error(
                self.name,
                error if isinstance(error, dict) else None,
                response.status_code,
                response.headers,
                create=create,
                default_wait=QUOTA_WAIT,
            )
        return body

    def _container(self, **fields: str) -> str:
        fields = {k: v for k, v in fields.items() if v}
        answer = self._request("POST", f"{self.user_id}/threads", fields)
        container = str(answer.get("id") or "")
        if not container:
            raise Transient(_http.message(self.name, None, None, "container answer without an id"))
        return container

    def _status(self, container: str) -> tuple[str, str]:
        answer = self._request("GET", container, {"fields": "id,status,error_message"})
        return str(answer.get("status") or ""), str(answer.get("error_message") or "")

    def _wait_ready(self, container: str) -> str:
        """FINISHED or PUBLISHED; raises for ERROR, EXPIRED or a container that stays busy."""
        budget = float(self.account.options.get("status_wait_seconds", STATUS_WAIT))
        deadline, delay = time.monotonic() + budget, FIRST_POLL
        while True:
            status, detail = self._status(container)
            if status in ("FINISHED", "PUBLISHED"):
                return status
            if status == "ERROR":
                raise Rejected(
                    _http.message(self.name, None, "container", detail or "ERROR"),
                    code="container_error",
                )
            if status == "EXPIRED":
                text = _http.message(self.name, None, None, "container expired; arm it again")
                raise Transient(text, code="container_expired")
            if time.monotonic() + delay > deadline:
                text = _http.message(
                    self.name, None, None, f"container still {status or 'unknown'}"
                )
                raise Transient(text, code="container_in_progress")
            time.sleep(delay)
            delay = min(delay * 2, MAX_POLL)

    def _check_quota(self) -> None:
        answer = self._request(
            "GET", f"{self.user_id}/threads_publishing_limit", {"fields": "quota_usage,config"}
        )
        rows = answer.get("data") or [{}]
        usage = int(rows[0].get("quota_usage") or 0)
        config = rows[0].get("config") or {}
        total = int(config.get("quota_total") or 0)
        if total and usage >= total:
            wait = float(config.get("quota_duration") or QUOTA_WAIT)
            text = _http.message(self.name, None, None, f"publishing quota used ({usage}/{total})")
            raise RateLimited(text, retry_after=min(wait, QUOTA_WAIT), code="quota")

    def _thread_of(self, outgoing: Outgoing, since: datetime | None) -> Published | None:
        params = {"fields": "id,text,timestamp,permalink", "limit": "50"}
        if since is not None:
            params["since"] = str(int(since.timestamp()))
        answer = self._request("GET", f"{self.user_id}/threads", params)
        key = match_key(outgoing.text)
        for media in answer.get("data") or []:
            if match_key(str(media.get("text") or "")) == key:
                at = parse_graph_time(media.get("timestamp"))
                return Published(str(media["id"]), media.get("permalink"), at)
        return None

    def _permalink(self, media_id: str) -> str | None:
        try:  # the post exists: a failed permalink lookup must not turn it into an error
            answer = self._request("GET", media_id, {"fields": "id,text,permalink,timestamp"})
        except PlatformError:
            return None
        return str(answer.get("permalink") or "") or None


def _public_urls(outgoing: Outgoing) -> list[str]:
    if len(outgoing.images) > MAX_ITEMS:
        raise Rejected(f"threads: at most {MAX_ITEMS} photos per post", code="too_many_photos")
    urls = [image.public_url for image in outgoing.images]
    if any(not url for url in urls):
        raise Rejected(
            "Threads mengambil setiap foto dari alamat publik: isi media.public_base_url",
            code="no_public_url",
        )
    return [str(url) for url in urls]
