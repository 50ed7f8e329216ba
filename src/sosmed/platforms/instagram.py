"""Instagram (professional account): Graph content publishing with ``requests``.

``arm`` creates the media container (``POST /{ig-user}/media`` with ``image_url``, ``caption``,
``alt_text``; for 2-10 photos one item container each, then a ``CAROUSEL`` container) and returns
its id, which the store saves before ``publish``; a saved container that is not expired or
failed is returned again instead of a new one. ``publish`` waits (bounded) for the container to
be ``FINISHED``, reads ``content_publishing_limit``, then calls ``media_publish``: the one
irreversible request. A container that already reads ``PUBLISHED`` is not published again.
Instagram fetches each ``image_url`` itself, so every photo needs a public address
(``OutgoingImage.public_url``: the article's own photo, or the variant under
``media.public_base_url``, which must not resolve to a private, loopback or other non-public
address: the account is refused when it is made, see ``public_media.py``). The token travels
in an ``Authorization`` header, never in a URL.

Secrets: ``access_token``; ``app_secret`` optional (adds ``appsecret_proof``). Options:
``ig_user_id``; optional ``graph_version`` and ``status_wait_seconds`` (default 60).

Errors, by Graph code / subcode:

=================================================  =====================  ====================
answer                                             media_publish          containers, reads
=================================================  =====================  ====================
code 9 / 2207042; 4, 17, 32, 613, 80001-80014      RateLimited            RateLimited
quota used up in ``content_publishing_limit``      RateLimited (not sent)
code 190, 102, 10, 200-299                         AuthError              AuthError
code 1, 2, -1; HTTP 5xx; read timeout; reset       InDoubt                Transient
connection refused; connect timeout; code -2       Transient              Transient
container ERROR; no photo; no public URL; other    Rejected               Rejected
container still IN_PROGRESS after the wait         Transient
container EXPIRED                                  Transient(container_expired)
=================================================  =====================  ====================

``find`` reads the saved container: ``PUBLISHED`` proves the post exists (its media is found in
``/{ig-user}/media`` by caption); any other status proves it absent.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import Any, ClassVar

import requests

from sosmed.errors import CannotTell, PlatformError, RateLimited, Rejected, Transient
from sosmed.platforms import _http
from sosmed.platforms.base import MIB, AccountInfo, Limits, Outgoing, Platform, Published
from sosmed.platforms.facebook import (
    GRAPH_VERSION,
    graph_error,
    match_key,
    parse_graph_time,
    proof,
    token_expiry,
)
from sosmed.platforms.public_media import require_public_media
from sosmed.settings import Account, Settings

GRAPH = "https://graph.facebook.com"
QUOTA_WAIT = 3600.0
STATUS_WAIT = 60.0
FIRST_POLL, MAX_POLL = 0.05, 5.0
MAX_ITEMS = 10
REUSABLE = ("IN_PROGRESS", "FINISHED", "PUBLISHED")


class InstagramPlatform(Platform):
    name: ClassVar[str] = "instagram"
    title = "Instagram"
    limits = Limits(
        max_length=2200,
        unit="chars",
        max_images=10,
        min_images=1,
        image_max_bytes=8 * MIB,
        image_formats=("JPEG",),
        aspect_min=4 / 5,
        aspect_max=1.91,
        image_width=(320, 1440),
        alt_max_length=1000,
        hashtag_cap=5,
    )
    summary_sentences = 4
    hosts = (GRAPH,)
    secret_fields = ("access_token",)
    option_fields = ("ig_user_id",)
    fetches_media = True

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        _http.require_config(self)
        require_public_media(settings, account, self.title)

    @property
    def user_id(self) -> str:
        return self.account.options["ig_user_id"]

    def arm(self, outgoing: Outgoing) -> str:
        """The saved container while it can still be published (or already was), else a new one.

        Reusing it makes a repeated attempt publish (or find) the same post, never a second one.
        """
        urls = _public_urls(outgoing)
        if outgoing.armed_key and self._status(outgoing.armed_key)[0] in REUSABLE:
            return outgoing.armed_key
        alts = [image.alt for image in outgoing.images]
        if len(urls) == 1:
            return self._container(image_url=urls[0], caption=outgoing.text, alt_text=alts[0])
        children = [
            self._container(image_url=url, is_carousel_item="true", alt_text=alt)
            for url, alt in zip(urls, alts, strict=True)
        ]
        return self._container(
            media_type="CAROUSEL", children=",".join(children), caption=outgoing.text
        )

    def publish(self, outgoing: Outgoing) -> Published:
        container = outgoing.armed_key or self.arm(outgoing)
        if self._wait_ready(container) == "PUBLISHED":
            return self._media_of(outgoing, None) or Published(container)
        self._check_quota()
        self.before_create(outgoing)
        answer = self._request(
            "POST", f"{self.user_id}/media_publish", {"creation_id": container}, create=True
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
            return self._media_of(outgoing, since) or Published(container)
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None

    def check(self) -> AccountInfo:
        me = self._request("GET", self.user_id, {"fields": "id,username"})
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
        app_secret = self.settings.secret(self.account.name, "app_secret", required=False)
        if app_secret:
            params["appsecret_proof"] = proof(token, app_secret)
        version = self.account.options.get("graph_version", GRAPH_VERSION)
        post = method == "POST"
        try:
            response = self.session.request(
                method,
                f"{GRAPH}/{version}/{path}",
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
        answer = self._request("POST", f"{self.user_id}/media", fields)
        container = str(answer.get("id") or "")
        if not container:
            raise Transient(_http.message(self.name, None, None, "container answer without an id"))
        return container

    def _status(self, container: str) -> tuple[str, str]:
        answer = self._request("GET", container, {"fields": "status_code,status"})
        return str(answer.get("status_code") or ""), str(answer.get("status") or "")

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
                    _http.message(self.name, None, "container", detail), code="container_error"
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
            "GET", f"{self.user_id}/content_publishing_limit", {"fields": "quota_usage,config"}
        )
        rows = answer.get("data") or [{}]
        usage = int(rows[0].get("quota_usage") or 0)
        total = int((rows[0].get("config") or {}).get("quota_total") or 0)
        if total and usage >= total:
            text = _http.message(self.name, None, None, f"publishing quota used ({usage}/{total})")
            raise RateLimited(text, retry_after=QUOTA_WAIT, code="quota")

    def _media_of(self, outgoing: Outgoing, since: datetime | None) -> Published | None:
        params = {"fields": "id,caption,timestamp,permalink", "limit": "50"}
        if since is not None:
            params["since"] = str(int(since.timestamp()))
        answer = self._request("GET", f"{self.user_id}/media", params)
        key = match_key(outgoing.text)
        for media in answer.get("data") or []:
            if match_key(str(media.get("caption") or "")) == key:
                at = parse_graph_time(media.get("timestamp"))
                return Published(str(media["id"]), media.get("permalink"), at)
        return None

    def _permalink(self, media_id: str) -> str | None:
        try:  # the post exists: a failed permalink lookup must not turn it into an error
            return (
                str(self._request("GET", media_id, {"fields": "permalink"}).get("permalink") or "")
                or None
            )
        except PlatformError:
            return None


def _public_urls(outgoing: Outgoing) -> list[str]:
    if not outgoing.images:
        raise Rejected("instagram: a post needs at least one photo", code="no_photo")
    if len(outgoing.images) > MAX_ITEMS:
        raise Rejected(f"instagram: at most {MAX_ITEMS} photos per post", code="too_many_photos")
    urls = [image.public_url for image in outgoing.images]
    if any(not url for url in urls):
        raise Rejected(
            "Instagram needs a public image URL: set media.public_base_url", code="no_public_url"
        )
    return [str(url) for url in urls]
