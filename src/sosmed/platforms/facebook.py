"""Facebook Page: posts through facebook-sdk's ``GraphAPI`` on a current Graph version.

facebook-sdk 3.1.0 refuses every version newer than 3.1 at construction, so the client is built
with an old one and ``graph.version`` is set afterwards (``GRAPH_VERSION``, or the account option
``graph_version``). It receives our session: every request has the account's timeout and never
retries. Text and link posts go to ``/{page}/feed``; one photo to ``/{page}/photos`` (uploaded,
with ``alt_text_custom``); several photos are uploaded unpublished and joined by
``attached_media`` on ``/{page}/feed``.

Secrets: ``page_token`` (a Page access token); ``app_secret`` optional, and when set every call
carries ``appsecret_proof``. Options: ``page_id``; ``graph_version`` optional.

Errors, by Graph's ``error.code`` / ``error_subcode`` (facebook-sdk ignores the HTTP status; it is
read from the last response):

===============================================  =====================  ====================
answer                                           POST /feed, /photos    uploads, reads
===============================================  =====================  ====================
code 4, 17, 32, 613, 80001-80014; 9/2207042      RateLimited            RateLimited
code 190 (token), 102 (session), 10, 200-299     AuthError              AuthError
code 506, 368 (duplicate / already posted)       Rejected(duplicate)    Rejected(duplicate)
code 1, 2, -1; HTTP 5xx; no readable answer      InDoubt                Transient
read timeout, reset, protocol error              InDoubt                Transient
connection refused; connect timeout; code -2     Transient              Transient
any other error                                  Rejected               Rejected
===============================================  =====================  ====================

``find`` reads ``/{page}/published_posts?since=`` and matches the message.

``metrics`` reads ``/{post}?fields=reactions.summary(true),comments.summary(true),shares`` and
the post's views from ``/{post}/insights?metric=post_media_view`` (``options.views_metric``),
which needs a token with the Page's insights permission; without it (#10 / #200) the other
counters are kept and the views told as not allowed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import unicodedata
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, BinaryIO, ClassVar

import requests

from sosmed.engagement.counters import COMMENTS, LIKES, PARTLY, SHARES, VIEWS, Counters, as_int
from sosmed.errors import AuthError, CannotTell, PlatformError, RateLimited, Rejected, Transient
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.platforms import _http
from sosmed.platforms._insights import graph_refused, insight_values, refusals_as_not_allowed
from sosmed.platforms.base import (
    AccountInfo,
    Online,
    Outgoing,
    OutgoingImage,
    Platform,
    Published,
)
from sosmed.platforms.builtin import FacebookRules
from sosmed.settings import Account, Settings

with warnings.catch_warnings():
    # facebook-sdk 3.1.0 has a non-raw regex string that warns when first compiled
    warnings.simplefilter("ignore")
    import facebook

GRAPH_VERSION = "v23.0"
# Post impressions were retired by Meta in 2025; views ("media views") stand in for them.
VIEWS_METRIC = "post_media_view"
COUNTER_FIELDS = "reactions.summary(true),comments.summary(true),shares"
RATE_CODES = frozenset({4, 17, 32, 613, *range(80001, 80015)})
QUOTA = (9, 2207042)
RATE_LIMIT_WAIT = 600.0


def graph_error(
    platform: str,
    error: Mapping[str, Any] | None,
    status: int | None,
    headers: Mapping[str, str],
    *,
    create: bool,
    default_wait: float = RATE_LIMIT_WAIT,
) -> PlatformError:
    """Map a Graph API error (Facebook or Instagram) to the error tree, by code and subcode."""
    err = error or {}
    code, sub = err.get("code"), err.get("error_subcode")
    shown = f"{code}/{sub}" if sub else code
    words = str(err.get("message") or "")
    if title := err.get("error_user_title"):  # Meta's words for people say more (9004/2207052)
        words = f"{words} ({title})"
    text = _http.message(platform, status, shown, words)
    tag = None if code is None else str(shown)
    if code in RATE_CODES or (code, sub) == QUOTA:
        wait = graph_wait(headers, default_wait)
        return RateLimited(text, retry_after=wait, http_status=status, code=tag)
    if code in (190, 102, 10) or (isinstance(code, int) and 200 <= code <= 299):
        return AuthError(text, http_status=status, code=tag)
    if code in (506, 368):
        return Rejected(text, http_status=status, code="duplicate")
    if code == -2:
        return Transient(text, http_status=status, code=tag)
    if code in (1, 2, -1) or (status or 500) >= 500 or code is None:
        return _http.server_error(
            platform, status or 0, shown, str(err.get("message") or ""), create=create
        )
    return Rejected(text, http_status=status, code=tag)


def graph_gone(error: PlatformError) -> bool:
    """Graph's answer to a delete of an object that is not there: code 100, subcode 33
    ("Object with ID ... does not exist"), or a plain 404."""
    return error.code == "100/33" or error.http_status == 404


def graph_wait(headers: Mapping[str, str], default: float) -> float:
    """Seconds until Graph lets us post again: Retry-After, else the Business Use Case header."""
    lower = {k.lower(): v for k, v in headers.items()}
    if "retry-after" in lower:
        return _http.retry_after(lower, default)
    try:
        usage = json.loads(lower.get("x-business-use-case-usage") or "{}")
        minutes = [
            float(item.get("estimated_time_to_regain_access") or 0)
            for items in usage.values()
            for item in items
        ]
    except (ValueError, TypeError, AttributeError):
        return default
    longest = max(minutes, default=0.0)
    return longest * 60 if longest > 0 else default


def proof(token: str, app_secret: str) -> str:
    """``appsecret_proof``: HMAC-SHA256 of the access token under the app secret."""
    return hmac.new(app_secret.encode(), token.encode(), hashlib.sha256).hexdigest()


def match_key(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


def parse_graph_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", value))
    except ValueError:
        return None


class FacebookPlatform(FacebookRules, Platform):
    hosts = ("https://graph.facebook.com",)
    secret_fields = ("page_token",)
    optional_secret_fields = ("app_secret",)  # signs every call with appsecret_proof
    option_fields = ("page_id",)
    can_retract = True
    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        LIKES: "reactions",
        COMMENTS: "comments",
        SHARES: "shares",
    } | {VIEWS: "views (Page insights)"}

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        _http.require_config(self)
        self._last = _http.LastResponse(self.session)
        self._graph: Any = None

    @property
    def page_id(self) -> str:
        return self.account.options["page_id"]

    def publish(self, outgoing: Outgoing) -> Published:
        page = self.page_id
        if len(outgoing.images) == 1:
            return self._photo_post(page, outgoing, outgoing.images[0])
        photo_ids = [self._unpublished(page, image) for image in outgoing.images]
        data: dict[str, str] = {"message": outgoing.text}
        if outgoing.link and not photo_ids:
            data["link"] = outgoing.link
        for i, photo_id in enumerate(photo_ids):
            data[f"attached_media[{i}]"] = json.dumps({"media_fbid": photo_id})
        self.before_create(outgoing)
        answer = self._call(self._api().put_object, page, "feed", create=True, **data)
        return self._published(str(answer.get("id") or ""))

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        fields = "id,message,created_time,permalink_url"
        try:
            answer = self._call(
                self._api().get_connections,
                self.page_id,
                "published_posts",
                create=False,
                fields=fields,
                since=int(since.timestamp()),
                limit=100,
            )
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None
        key = match_key(outgoing.text)
        posts = answer.get("data") or []
        for post in posts:
            if match_key(str(post.get("message") or "")) == key:
                at = parse_graph_time(post.get("created_time"))
                return Published(str(post["id"]), post.get("permalink_url"), at)
        if len(posts) >= 100 or (answer.get("paging") or {}).get("next"):
            # Absence is proven only when every post since then was read.
            raise CannotTell(_http.message(self.name, None, None, "too many posts to read back"))
        return None

    def retract(self, online: Online, now: datetime) -> bool:
        """``DELETE /{post-id}``; Graph's "does not exist" means it was gone already."""
        try:
            api = self._api()
            path = f"{api.version}/{online.remote_id}"
            # GraphAPI.delete_object takes no arguments: appsecret_proof goes in by request()
            self._call(lambda **extra: api.request(path, extra, method="DELETE"), create=False)
        except Rejected as e:
            if graph_gone(e):
                return False
            raise
        return True

    def metrics(self, post: Published) -> Counters:
        api = self._api()
        node = refusals_as_not_allowed(
            lambda: self._call(api.get_object, post.remote_id, create=False, fields=COUNTER_FIELDS),
            graph_refused,
        )
        values = {
            LIKES: as_int(((node.get("reactions") or {}).get("summary") or {}).get("total_count")),
            COMMENTS: as_int(
                ((node.get("comments") or {}).get("summary") or {}).get("total_count")
            ),
            SHARES: as_int((node.get("shares") or {}).get("count")),  # absent when none
        }
        metric = self.account.options.get("views_metric", VIEWS_METRIC)
        try:
            insights = self._call(
                api.get_connections, post.remote_id, "insights", create=False, metric=metric
            )
        except PlatformError as e:
            if not graph_refused(e):
                raise
            return Counters(values, PARTLY, str(e))
        values[VIEWS] = insight_values(insights).get(metric, 0)
        return Counters(values)

    def check(self) -> AccountInfo:
        me = self._call(self._api().get_object, "me", create=False, fields="id,name")
        identity = f"{me.get('name') or '?'} (page {me.get('id')})"
        expires, detail = self._expiry()
        return AccountInfo(identity=identity, expires_at=expires, detail=detail)

    # -- internals --------------------------------------------------------------------------

    def _api(self) -> Any:
        if self._graph is None:
            graph = facebook.GraphAPI(
                access_token=self.secret("page_token"),
                timeout=getattr(self.session, "default_timeout", None),
                version="3.1",
                session=self.session,
            )
            graph.version = self.account.options.get("graph_version", GRAPH_VERSION)
            self._graph = graph
        return self._graph

    def _extra(self) -> dict[str, str]:
        app_secret = self.settings.secret(self.account.name, "app_secret", required=False)
        if not app_secret:
            return {}
        return {"appsecret_proof": proof(self.secret("page_token"), app_secret)}

    def _call(self, fn: Any, *args: Any, create: bool, **kw: Any) -> dict[str, Any]:
        self._last.clear()
        try:
            answer = fn(*args, **kw, **self._extra())
        except facebook.GraphAPIError as e:
            raise self._error(e.result if isinstance(e.result, dict) else None, create) from None
        except (requests.RequestException, ValueError) as e:
            raise _http.network_error(self.name, e, create=create) from None
        except KeyError:  # an answer without a content type
            raise self._error(None, create) from None
        return answer if isinstance(answer, dict) else {}

    def _error(self, result: dict[str, Any] | None, create: bool) -> PlatformError:
        response = self._last.response
        error = (result or {}).get("error")
        return graph_error(
            self.name,
            error if isinstance(error, dict) else None,
            response.status_code if response is not None else None,
            response.headers if response is not None else {},
            create=create,
        )

    def _photo_post(self, page: str, outgoing: Outgoing, image: OutgoingImage) -> Published:
        self.before_create(outgoing)
        answer = self._upload(page, image, create=True, caption=outgoing.text)
        return self._published(str(answer.get("post_id") or answer.get("id") or ""))

    def _unpublished(self, page: str, image: OutgoingImage) -> str:
        photo_id = str(self._upload(page, image, create=False, published="false").get("id") or "")
        if not photo_id:
            raise Transient(_http.message(self.name, None, None, "photo upload gave no id"))
        return photo_id

    def _upload(self, page: str, image: OutgoingImage, *, create: bool, **fields: str) -> Any:
        if image.alt:
            fields["alt_text_custom"] = image.alt
        with _opened(image) as f:
            put = self._api().put_photo
            return self._call(put, f, album_path=f"{page}/photos", create=create, **fields)

    def _published(self, post_id: str) -> Published:
        if not post_id:
            raise _http.server_error(self.name, 200, None, "answer without an id", create=True)
        url = f"https://www.facebook.com/{post_id}"
        try:  # the post exists: a failed permalink lookup must not turn it into an error
            answer = self._call(
                self._api().get_object, post_id, create=False, fields="permalink_url"
            )
            url = str(answer.get("permalink_url") or url)
        except PlatformError:
            pass
        return Published(post_id, url, _http.utc_now())

    def _expiry(self) -> tuple[datetime | None, str]:
        token = self.secret("page_token")
        try:
            api = self._api()
            path = f"{api.version}/debug_token"
            answer = self._call(
                lambda **extra: api.request(path, {"input_token": token, **extra}), create=False
            )
        except PlatformError:
            return None, "token expiry unknown (debug_token refused)"
        return token_expiry(answer.get("data") or {})


def _total(node: Mapping[str, Any], edge: str) -> int:
    """An edge's ``summary.total_count`` (reactions, comments)."""
    return as_int(((node.get(edge) or {}).get("summary") or {}).get("total_count"))


def token_expiry(data: Mapping[str, Any]) -> tuple[datetime | None, str]:
    """(expiry, note) from a ``debug_token`` answer: ``expires_at`` 0 means no timed expiry."""
    expires = int(data.get("expires_at") or 0)
    access = int(data.get("data_access_expires_at") or 0)
    if expires > 0:
        return _from_epoch(expires), "token expires"
    if access > 0:
        return _from_epoch(access), "token does not expire; data access expires"
    return None, "token does not expire"


def _from_epoch(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


@contextmanager
def _opened(image: OutgoingImage) -> Iterator[BinaryIO]:
    """An image file opened for upload; a missing file is a refusal, not a crash."""
    try:
        f = image.path.open("rb")
    except OSError as e:
        raise Rejected(
            _("facebook: gambar {name} tidak bisa dibaca ({error})").format(
                name=image.path.name, error=os_reason(e)
            )
        ) from None
    with f:
        yield f
