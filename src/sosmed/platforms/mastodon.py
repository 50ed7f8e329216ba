"""Mastodon: statuses with photos and alt text on the office's instance (plain ``requests``).

Account: ``options.instance`` is the instance's address (``https://mastodon.social``); it is the
public host that ``api_base`` redirects, and without it ``api_base`` is the instance itself.
Secret ``access_token`` (``SOSMED_<ACCOUNT>_ACCESS_TOKEN``), a user token with the scopes
``write:statuses write:media read:accounts read:statuses``.

The instance's own limits (``GET /api/v2/instance``: characters per status, characters per
link, photos per status, bytes per image, alt text length) are read once per process and
instance and checked before anything is uploaded. ``check`` reads them afresh and keeps them in
the home (``instance_limits``), and composing fits posts to them (``account_limits``): a
1000-character instance gets longer posts; before any check, Mastodon's defaults (500, 23, 4).

Photos go first through ``POST /api/v2/media`` with their ``description`` (a 202 is polled on
``GET /api/v1/media/:id`` until its ``url`` is set), then ``POST /api/v1/statuses`` with
``language=id``, ``visibility=public`` and ``Idempotency-Key: Outgoing.idempotency_key``. The
instance keeps that key for an hour: re-sending the same post with the same key within about 55
minutes of the first try returns the first status instead of a second one, so the publishing
layer may reconcile an in-doubt send that way. ``find`` reads instead of sending: it looks
for a status with the same text and photo count among the account's statuses since ``since``.

Errors:

==============================================  =========================================
answer                                          raised
==============================================  =========================================
429 (``X-RateLimit-Reset``, an ISO time)        RateLimited(retry_after)
401, 403                                        AuthError
422 and other 4xx; over the instance's limits   Rejected
5xx, read timeout, reset on POST statuses       InDoubt
5xx, read timeout, reset on media or reads      Transient
connection refused, DNS failure, connect t/o    Transient
==============================================  =========================================

``find`` raises CannotTell when the read fails or does not reach back to ``since``.

``metrics`` reads ``GET /api/v1/statuses/:id`` (favourites, reblogs, replies); a token
without ``read:statuses`` (403) is not allowed to.
"""

from __future__ import annotations

import html
import re
import threading
import time
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any, ClassVar

import requests

from sosmed.engagement.counters import COMMENTS, LIKES, SHARES, Counters, as_int
from sosmed.errors import AuthError, CannotTell, PlatformError, RateLimited, Rejected
from sosmed.i18n import _
from sosmed.platforms import _http, instance_limits
from sosmed.platforms._insights import refusals_as_not_allowed
from sosmed.platforms.base import (
    AccountInfo,
    Online,
    Outgoing,
    OutgoingImage,
    Platform,
    Published,
)
from sosmed.platforms.builtin import InstanceRules, MastodonRules, instance_url
from sosmed.platforms.length.counting import mastodon_length
from sosmed.settings import Account, Settings

DEFAULT_RETRY_AFTER = 300.0
MEDIA_POLL_FIRST, MEDIA_POLL_MAX = 0.1, 2.0  # seconds between polls, doubling
MEDIA_POLL_LIMIT = 30.0
FIND_PAGES = 5
CLOCK_SKEW = timedelta(minutes=5)
RULES_TTL = 3600.0


def parse_rules(instance: dict[str, Any]) -> InstanceRules:
    """The limits in a ``/api/v2/instance`` (or v1) answer; Mastodon's defaults where absent."""
    config = instance.get("configuration") or {}
    statuses, media = config.get("statuses") or {}, config.get("media_attachments") or {}
    d = InstanceRules()
    return InstanceRules(
        max_characters=int(statuses.get("max_characters") or d.max_characters),
        url_length=int(statuses.get("characters_reserved_per_url") or d.url_length),
        max_media=int(statuses.get("max_media_attachments") or d.max_media),
        image_size_limit=int(media.get("image_size_limit") or d.image_size_limit),
        description_limit=int(media.get("description_limit") or d.description_limit),
    )


def problem(outgoing: Outgoing, rules: InstanceRules) -> str | None:
    """Why the instance would refuse this status, or None. Pure apart from file sizes."""
    if not outgoing.text.strip() and not outgoing.images:
        return _("teksnya kosong")
    length = mastodon_length(outgoing.text, rules.url_length)
    if length > rules.max_characters:
        return _("{length} karakter; instance ini mengizinkan {most}").format(
            length=length, most=rules.max_characters
        )
    if len(outgoing.images) > rules.max_media:
        return _("{n} foto; instance ini mengizinkan {most}").format(
            n=len(outgoing.images), most=rules.max_media
        )
    for image in outgoing.images:
        if len(image.alt) > rules.description_limit:
            return _("teks alt {name} lebih dari {most} karakter").format(
                name=image.path.name, most=rules.description_limit
            )
        if image.path.stat().st_size > rules.image_size_limit:
            return _("foto {name} lebih dari {cap} byte").format(
                name=image.path.name, cap=rules.image_size_limit
            )
    return None


_BREAK = re.compile(r"<br\s*/?>|</p>\s*<p[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain(content: str) -> str:
    """A status's HTML ``content`` as the words a person typed, whitespace folded."""
    return " ".join(html.unescape(_TAG.sub("", _BREAK.sub("\n", content))).split())


def matches(status: dict[str, Any], outgoing: Outgoing) -> bool:
    same_text = plain(str(status.get("content") or "")) == " ".join(outgoing.text.split())
    return same_text and len(status.get("media_attachments") or []) == len(outgoing.images)


_rules_cache: dict[tuple[str, str | None], tuple[float, InstanceRules]] = {}
_rules_lock = threading.Lock()


class MastodonPlatform(MastodonRules, Platform):
    summary_sentences = 3
    hosts = ("https://mastodon.social",)  # the real one comes from options.instance
    secret_fields = ("access_token",)
    option_fields = ("instance",)
    can_retract = True
    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        LIKES: "favourites",
        SHARES: "reblogs",
        COMMENTS: "replies",
    }

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        self.instance = instance_url(account)
        own = session or _http.account_session((self.instance,), account)
        super().__init__(account, settings, own)
        self._account_id: str | None = None

    def publish(self, outgoing: Outgoing) -> Published:
        why = problem(outgoing, self.rules())
        if why:
            raise Rejected(f"mastodon: {why}")
        media_ids = [self._upload(image) for image in outgoing.images]
        body: dict[str, Any] = {"status": outgoing.text, "media_ids": media_ids}
        body.update(language="id", visibility="public")
        key = outgoing.idempotency_key
        headers = {"Idempotency-Key": key} if key else {}
        self.before_create(outgoing)
        status = self._call("POST", "/api/v1/statuses", create=True, json=body, headers=headers)
        return _published(status)

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        try:
            return self._find(outgoing, since - CLOCK_SKEW)
        except CannotTell:
            raise
        except (ValueError, KeyError, TypeError, PlatformError) as e:
            status = e.http_status if isinstance(e, PlatformError) else None
            words = f"mastodon: reading the statuses failed: {e}"
            raise CannotTell(words, http_status=status) from None

    def retract(self, online: Online, now: datetime) -> bool:
        """``DELETE /api/v1/statuses/:id``; a 404 means it was gone already."""
        try:
            self._call("DELETE", f"/api/v1/statuses/{online.remote_id}")
        except Rejected as e:
            if e.http_status == 404:
                return False
            raise
        return True

    def metrics(self, post: Published) -> Counters:
        path = f"/api/v1/statuses/{post.remote_id}"
        status = refusals_as_not_allowed(
            lambda: self._call("GET", path), lambda e: e.http_status == 403
        )
        return Counters(
            {
                LIKES: as_int(status.get("favourites_count")),
                SHARES: as_int(status.get("reblogs_count")),
                COMMENTS: as_int(status.get("replies_count")),
            }
        )

    def check(self) -> AccountInfo:
        """The account, and the instance's limits read afresh and kept for composing."""
        me = self._call("GET", "/api/v1/accounts/verify_credentials")
        rules = self.rules(fresh=True)
        instance_limits.save(self.settings, self.instance, asdict(rules))
        return AccountInfo(f"@{me.get('acct') or me.get('username')}", None, self.instance)

    def rules(self, fresh: bool = False) -> InstanceRules:
        """The instance's limits, read at most once an hour per process (``fresh``: now)."""
        key = (self.instance, self.account.api_base)
        with _rules_lock:
            cached = _rules_cache.get(key)
        if cached and not fresh and time.monotonic() - cached[0] < RULES_TTL:
            return cached[1]
        rules = parse_rules(self._call("GET", "/api/v2/instance"))
        with _rules_lock:
            _rules_cache[key] = (time.monotonic(), rules)
        return rules

    def _find(self, outgoing: Outgoing, cutoff: datetime) -> Published | None:
        if self._account_id is None:
            self._account_id = str(self._call("GET", "/api/v1/accounts/verify_credentials")["id"])
        path = f"/api/v1/accounts/{self._account_id}/statuses"
        params: dict[str, Any] = {"limit": 40, "exclude_replies": "true", "exclude_reblogs": "true"}
        for _page in range(FIND_PAGES):
            page = self._call("GET", path, params=params)
            for status in page:
                if matches(status, outgoing):
                    return _published(status)
            if not page or _created(page[-1]) < cutoff:
                return None
            params["max_id"] = page[-1]["id"]
        raise CannotTell(
            _("mastodon: lebih dari {n} status sejak percobaan itu").format(n=FIND_PAGES * 40)
        )

    def _upload(self, image: OutgoingImage) -> str:
        files = {"file": (image.path.name, image.path.read_bytes(), image.mime)}
        data = {"description": image.alt} if image.alt else {}
        media = self._call("POST", "/api/v2/media", files=files, data=data)
        deadline = time.monotonic() + max(MEDIA_POLL_LIMIT, self.account.timeout)
        wait = MEDIA_POLL_FIRST
        while not media.get("url"):
            if time.monotonic() > deadline:
                words = "media still processing"
                raise _http.server_error("mastodon", 202, None, words, create=False)
            time.sleep(wait)
            wait = min(wait * 2, MEDIA_POLL_MAX)
            media = self._call("GET", f"/api/v1/media/{media['id']}")
        return str(media["id"])

    def _call(self, method: str, path: str, *, create: bool = False, **kw: Any) -> Any:
        """One API call; the decoded JSON of a 2xx answer (206 counts: media still processing)."""
        headers = {
            "Authorization": f"Bearer {self.secret('access_token')}",
            **kw.pop("headers", {}),
        }
        try:
            resp = self.session.request(method, self.instance + path, headers=headers, **kw)
        except requests.RequestException as e:
            raise _http.network_error("mastodon", e, create=create) from None
        if resp.status_code < 300:
            try:
                return resp.json()
            except ValueError:
                words = "unreadable answer"
                error = _http.server_error("mastodon", resp.status_code, None, words, create=create)
                raise error from None
        raise classify(resp.status_code, _http.json_body(resp), resp.headers, create=create)


def classify(status: int, body: dict[str, Any], headers: Any, *, create: bool) -> PlatformError:
    """The error class of a Mastodon answer, by HTTP status. Pure."""
    words = str(body.get("error") or "")
    text = _http.message("mastodon", status, None, words)
    if status == 429:
        wait = _http.retry_after(headers, DEFAULT_RETRY_AFTER)
        return RateLimited(text, retry_after=wait, http_status=status)
    if status in (401, 403):
        return AuthError(text, http_status=status)
    if 400 <= status < 500:
        return Rejected(text, http_status=status)
    return _http.server_error("mastodon", status, None, words, create=create)


def _created(status: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(status["created_at"]).replace("Z", "+00:00"))


def _published(status: dict[str, Any]) -> Published:
    return Published(str(status["id"]), status.get("url") or status.get("uri"), _created(status))
