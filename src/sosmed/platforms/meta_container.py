"""Meta's two-step "container" publishing, shared by Instagram and Threads.

Both APIs take a post as a media container (``POST /{user}/{edge}``), report its status until it
is ``FINISHED``, then publish it with one irreversible ``{edge}_publish`` call. One copy of that
flow keeps the two publishers from drifting apart in how they wait, retry and fail; a subclass
names its endpoints and fields in class attributes and builds its own containers.
"""

from __future__ import annotations

import time
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

import requests

from sosmed.errors import CannotTell, PlatformError, RateLimited, Rejected, Transient
from sosmed.platforms import _http
from sosmed.platforms._insights import graph_refused, insight_values, refusals_as_not_allowed
from sosmed.platforms.base import AccountInfo, Outgoing, Platform, Published
from sosmed.platforms.facebook import (
    graph_error,
    match_key,
    parse_graph_time,
    proof,
    token_expiry,
)
from sosmed.platforms.public_media import require_public_media
from sosmed.settings import Account, Settings

if TYPE_CHECKING:
    from sosmed.platforms.bucket import Bucket

QUOTA_WAIT = 3600.0
STATUS_WAIT = 60.0
FIRST_POLL, MAX_POLL = 0.05, 5.0
REUSABLE = ("IN_PROGRESS", "FINISHED", "PUBLISHED")


class MetaContainerPlatform(Platform):
    api: ClassVar[str]
    version_option: ClassVar[str]
    default_version: ClassVar[str]
    user_option: ClassVar[str]
    edge: ClassVar[str]  # "media" or "threads": containers, publishing and the post list
    quota_edge: ClassVar[str]
    text_field: ClassVar[str]  # the field a listed post carries its text in
    status_fields: ClassVar[str]
    status_field: ClassVar[str]
    detail_field: ClassVar[str]
    error_detail: ClassVar[str] = ""  # stands in for an ERROR container's empty detail
    permalink_fields: ClassVar[str]
    sends_proof: ClassVar[bool] = False  # adds appsecret_proof when the account has app_secret

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        _http.require_config(self)
        require_public_media(settings, account, self.title)
        self._media_bucket: Bucket | None = None
        if settings.config.media.store == "s3":
            from sosmed.platforms.bucket import bucket_keys

            bucket_keys(settings)  # missing keys are told when the account is made, not at a send

    @property
    def user_id(self) -> str:
        return self.account.options[self.user_option]

    def arm(self, outgoing: Outgoing) -> str:
        """The saved container while it can still be published (or already was), else a new one.

        Reusing it makes a repeated attempt publish (or find) the same post, never a second one.
        With ``media.store = "s3"`` the photos are put in the bucket just before a new
        container asks the platform to fetch them from there.
        """
        bucket = self._bucket()
        urls = self._public_urls(outgoing) if bucket is None else []
        if outgoing.armed_key and self._status(outgoing.armed_key)[0] in REUSABLE:
            return outgoing.armed_key
        if bucket is not None:
            outgoing = bucket.addressed(outgoing)
            urls = self._public_urls(outgoing)
            bucket.put(outgoing.images)
        return self._new_container(outgoing, urls)

    def _bucket(self) -> Bucket | None:
        if self.settings.config.media.store != "s3":
            return None
        if self._media_bucket is None:
            from sosmed.platforms.bucket import Bucket

            self._media_bucket = Bucket(self.settings)
        return self._media_bucket

    def _public_urls(self, outgoing: Outgoing) -> list[str]:
        raise NotImplementedError

    def _new_container(self, outgoing: Outgoing, urls: list[str]) -> str:
        raise NotImplementedError

    def publish(self, outgoing: Outgoing) -> Published:
        container = outgoing.armed_key or self.arm(outgoing)
        if self._wait_ready(container) == "PUBLISHED":
            return self._post_of(outgoing, None) or Published(container)
        self._check_quota()
        self.before_create(outgoing)
        answer = self._request(
            "POST", f"{self.user_id}/{self.edge}_publish", {"creation_id": container}, create=True
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
            return self._post_of(outgoing, since) or Published(container)
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None

    def check(self) -> AccountInfo:
        identity = f"@{self._me().get('username') or '?'}"
        try:
            debug = self._request(
                "GET", "debug_token", {"input_token": self.secret("access_token")}
            )
        except PlatformError:
            return AccountInfo(identity, None, "token expiry unknown (debug_token refused)")
        expires, detail = token_expiry(debug.get("data") or {})
        return AccountInfo(identity, expires, detail)

    def _me(self) -> dict[str, Any]:
        raise NotImplementedError

    # -- internals --------------------------------------------------------------------------

    def _request(
        self, method: str, path: str, params: dict[str, str] | None = None, *, create: bool = False
    ) -> dict[str, Any]:
        params = dict(params or {})
        token = self.secret("access_token")
        if self.sends_proof:
            app_secret = self.settings.secret(self.account.name, "app_secret", required=False)
            if app_secret:
                params["appsecret_proof"] = proof(token, app_secret)
        version = self.account.options.get(self.version_option, self.default_version)
        post = method == "POST"
        try:
            response = self.session.request(
                method,
                f"{self.api}/{version}/{path}",
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
        answer = self._request("POST", f"{self.user_id}/{self.edge}", fields)
        container = str(answer.get("id") or "")
        if not container:
            raise Transient(_http.message(self.name, None, None, "container answer without an id"))
        return container

    def _status(self, container: str) -> tuple[str, str]:
        answer = self._request("GET", container, {"fields": self.status_fields})
        return str(answer.get(self.status_field) or ""), str(answer.get(self.detail_field) or "")

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
                    _http.message(self.name, None, "container", detail or self.error_detail),
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
            "GET", f"{self.user_id}/{self.quota_edge}", {"fields": "quota_usage,config"}
        )
        rows = answer.get("data") or [{}]
        usage = int(rows[0].get("quota_usage") or 0)
        config = rows[0].get("config") or {}
        total = int(config.get("quota_total") or 0)
        if total and usage >= total:
            text = _http.message(self.name, None, None, f"publishing quota used ({usage}/{total})")
            raise RateLimited(text, retry_after=self._quota_wait(config), code="quota")

    def _quota_wait(self, config: dict[str, Any]) -> float:
        return QUOTA_WAIT

    def _post_of(self, outgoing: Outgoing, since: datetime | None) -> Published | None:
        params = {"fields": f"id,{self.text_field},timestamp,permalink", "limit": "50"}
        if since is not None:
            params["since"] = str(int(since.timestamp()))
        answer = self._request("GET", f"{self.user_id}/{self.edge}", params)
        key = match_key(outgoing.text)
        for media in answer.get("data") or []:
            if match_key(str(media.get(self.text_field) or "")) == key:
                at = parse_graph_time(media.get("timestamp"))
                return Published(str(media["id"]), media.get("permalink"), at)
        return None

    def _read(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        """A read of counters: a refusal of the token's permission is NotAllowed."""
        return refusals_as_not_allowed(lambda: self._request("GET", path, params), graph_refused)

    def _insights(self, media_id: str, metrics: str) -> dict[str, int]:
        """``/{media}/insights?metric=...`` by name; NotAllowed without the insights scope."""
        return insight_values(self._read(f"{media_id}/insights", {"metric": metrics}))

    def _permalink(self, media_id: str) -> str | None:
        try:  # the post exists: a failed permalink lookup must not turn it into an error
            answer = self._request("GET", media_id, {"fields": self.permalink_fields})
        except PlatformError:
            return None
        return str(answer.get("permalink") or "") or None
