"""X (Twitter): posts through tweepy's v2 ``Client``; images through X's v2 media upload.

tweepy 4.17 has no v2 media upload, so ``POST /2/media/upload`` (one-shot multipart,
``media_category=tweet_image``) and ``POST /2/media/metadata`` (alt text) are sent here, signed by
tweepy's own OAuth1 handler over the same session as the client's calls. That session replaces
tweepy's: every request has the account's timeout, nothing retries, rate limits never sleep.

Secrets: ``consumer_key``, ``consumer_secret``, ``access_token``, ``access_token_secret``
(``SOSMED_<ACCOUNT>_<FIELD>`` or the secrets file). Option ``access``: the account's X API
access level, ``pay-per-use`` (default), ``basic``, ``pro`` or ``free``. Free may not read
posts back: ``find`` then makes no request and an unknown outcome goes to a person at once,
told which text to look for and since when.

Errors, by HTTP status and X's problem type (never by message text alone):

==================================================  ====================  ====================
answer                                              POST /2/tweets        media, reads
==================================================  ====================  ====================
429 (``x-rate-limit-reset`` / 24-hour reset)        RateLimited           RateLimited
401; 403 of type ``oauth1-permissions``             AuthError             AuthError
403 "duplicate content" (or v1.1 code 187)          Rejected(duplicate)   Rejected(duplicate)
402 credits; 400 (text too long); other 4xx         Rejected              Rejected
5xx; read timeout; reset; unreadable answer         InDoubt               Transient
connection refused; connect timeout                 Transient             Transient
==================================================  ====================  ====================

``find`` reads ``GET /2/users/:id/tweets?start_time=`` and matches the text with its URLs taken
out (X returns them as t.co links) and HTML entities undone (X escapes ``& < >``).
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import UTC, datetime
from typing import Any, ClassVar

import requests
import tweepy

from sosmed.errors import (
    AuthError,
    CannotTell,
    ConfigError,
    PlatformError,
    RateLimited,
    Rejected,
)
from sosmed.i18n import _
from sosmed.platforms import _http
from sosmed.platforms.base import AccountInfo, Limits, Outgoing, OutgoingImage, Platform, Published
from sosmed.platforms.length import counting
from sosmed.settings import Account, Settings

UPLOAD_URL = "https://api.x.com/2/media/upload"
METADATA_URL = "https://api.x.com/2/media/metadata"
RATE_LIMIT_WAIT = 900.0  # X's window is 15 minutes
FIND_PAGES = 5
ACCESS_LEVELS = ("pay-per-use", "basic", "pro", "free")
ALT_MAX = 1000


class XPlatform(Platform):
    name: ClassVar[str] = "x"
    title = "X"
    limits = Limits(
        max_length=280,
        unit="weighted",
        max_images=4,
        image_max_bytes=5_000_000,
        alt_max_length=1000,
        hashtag_cap=2,
        url_length=counting.X_URL_LENGTH,
        refused="\ufffe\ufeff\uffff",
    )
    summary_sentences = 2
    hosts = ("https://api.twitter.com", "https://api.x.com")
    secret_fields = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")

    def __init__(
        self, account: Account, settings: Settings, session: requests.Session | None = None
    ) -> None:
        super().__init__(account, settings, session or _http.account_session(self.hosts, account))
        _http.require_config(self)
        self.access = account.options.get("access", "pay-per-use")
        if self.access not in ACCESS_LEVELS:
            raise ConfigError(
                _(
                    "{path}: akun {name}: options.access harus salah satu dari {levels}, "
                    "bukan {access}"
                ).format(
                    path=settings.config_path,
                    name=repr(account.name),
                    levels=", ".join(ACCESS_LEVELS),
                    access=repr(self.access),
                )
            )
        self.can_read_back = self.access != "free"
        self._client: tweepy.Client | None = None
        self._me: tuple[str, str] | None = None

    def publish(self, outgoing: Outgoing) -> Published:
        media_ids = [self._upload(image) for image in outgoing.images]
        _user_id, username = self._identity()
        self.before_create(outgoing)
        try:
            answer = self._tweepy().create_tweet(
                text=outgoing.text, media_ids=media_ids or None, user_auth=True
            )
        except tweepy.HTTPException as e:
            raise x_error(e.response, create=True) from None
        except (requests.RequestException, ValueError) as e:
            raise _http.network_error(self.name, e, create=True) from None
        tweet_id = str((answer.data or {}).get("id", ""))
        if not tweet_id:
            raise _http.server_error(self.name, 201, None, "answer without an id", create=True)
        return Published(tweet_id, permalink(username, tweet_id), _http.utc_now())

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        if not self.can_read_back:
            raise CannotTell(self._look_for(outgoing, since), code="no_read_access")
        try:
            user_id, username = self._identity()
            return self._scan(user_id, username, match_key(outgoing.text), since)
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None

    def check(self) -> AccountInfo:
        self._me = None
        user_id, username = self._identity()
        return AccountInfo(identity=f"@{username}", detail=f"user id {user_id}")

    # -- internals --------------------------------------------------------------------------

    def _look_for(self, outgoing: Outgoing, since: datetime) -> str:
        """What a person should look for on the account, since read-back is not allowed."""
        start = " ".join(outgoing.text.split())[:80]
        when = since.astimezone(self.settings.tz).strftime("%d-%m-%Y %H:%M %Z")
        return (
            f"x: akses X Free tidak boleh membaca kiriman; periksa di akun {self.account.name} "
            f"apakah ada kiriman berawalan \u201c{start}\u201d sejak {when}"
        )

    def _tweepy(self) -> tweepy.Client:
        if self._client is None:
            s = self.secret
            client = tweepy.Client(
                consumer_key=s("consumer_key"),
                consumer_secret=s("consumer_secret"),
                access_token=s("access_token"),
                access_token_secret=s("access_token_secret"),
                wait_on_rate_limit=False,
            )
            client.session = self.session  # timeouts, no retries, the sandbox rewrite
            self._client = client
        return self._client

    def _auth(self) -> Any:
        s = self.secret
        return tweepy.OAuth1UserHandler(
            s("consumer_key"), s("consumer_secret"), s("access_token"), s("access_token_secret")
        ).apply_auth()

    def _call(self, fn: Any, *args: Any, **kw: Any) -> Any:
        """A tweepy read (never a create), its errors mapped."""
        try:
            return fn(*args, **kw)
        except tweepy.HTTPException as e:
            raise x_error(e.response, create=False) from None
        except (requests.RequestException, ValueError) as e:
            raise _http.network_error(self.name, e, create=False) from None

    def _identity(self) -> tuple[str, str]:
        """(user id, username), asked once per instance."""
        if self._me is None:
            answer = self._call(self._tweepy().get_me, user_auth=True, user_fields=["username"])
            if answer.data is None:
                raise AuthError(_http.message(self.name, None, None, "no user for these tokens"))
            self._me = (str(answer.data.id), str(answer.data.username))
        return self._me

    def _scan(self, user_id: str, username: str, key: str, since: datetime) -> Published | None:
        token: str | None = None
        for _page in range(FIND_PAGES):
            answer = self._call(
                self._tweepy().get_users_tweets,
                user_id,
                start_time=since.astimezone(UTC),
                max_results=100,
                tweet_fields=["created_at"],
                pagination_token=token,
                user_auth=True,
            )
            for tweet in answer.data or []:
                if match_key(tweet.text) == key:
                    return Published(
                        str(tweet.id), permalink(username, str(tweet.id)), tweet.created_at
                    )
            token = (answer.meta or {}).get("next_token")
            if not token:
                return None
        raise CannotTell(_http.message(self.name, None, None, "too many posts to read back"))

    def _post(self, url: str, **kw: Any) -> dict[str, Any]:
        """A signed preparatory POST over the client's session; nothing is published by it."""
        try:
            response = self.session.post(url, auth=self._auth(), **kw)
        except requests.RequestException as e:
            raise _http.network_error(self.name, e, create=False) from None
        if response.status_code >= 300:
            raise x_error(response, create=False)
        return _http.json_body(response)

    def _upload(self, image: OutgoingImage) -> str:
        try:
            data = image.path.read_bytes()
        except OSError as e:
            raise Rejected(
                _("x: gambar {name} tidak bisa dibaca ({error})").format(
                    name=image.path.name, error=e.strerror
                )
            ) from None
        files = {"media": (image.path.name, data, image.mime)}
        body = self._post(UPLOAD_URL, files=files, data={"media_category": "tweet_image"})
        media_id = str((body.get("data") or {}).get("id") or "")
        if not media_id:
            raise _http.server_error(
                self.name, 200, None, "upload without a media id", create=False
            )
        if image.alt:
            alt = {"id": media_id, "metadata": {"alt_text": {"text": image.alt[:ALT_MAX]}}}
            self._post(METADATA_URL, json=alt)
        return media_id


def permalink(username: str, tweet_id: str) -> str:
    return f"https://x.com/{username}/status/{tweet_id}"


_URL = re.compile(r"https?://\S+")


def match_key(text: str) -> str:
    """The text as X would give it back, reduced to what survives: no URLs, entities undone."""
    plain = unicodedata.normalize("NFC", html.unescape(text))
    return " ".join(_URL.sub(" ", plain).split()).casefold()


def _problem(body: dict[str, Any]) -> tuple[str, str, Any]:
    """(detail, type, code) from a v2 problem or a v1.1-style ``errors`` list."""
    detail = str(body.get("detail") or body.get("title") or "")
    errors = body.get("errors")
    code = None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        code = first.get("code")
        # X's own words on the field it refused ("Your Tweet text is too long...") say more
        # than the problem's generic detail.
        detail = str(first.get("message") or first.get("detail") or "") or detail
    return detail, str(body.get("type") or ""), code


def x_error(response: requests.Response, *, create: bool) -> PlatformError:
    """Map an X error answer to the error tree (see the module docstring)."""
    status = response.status_code
    detail, kind, code = _problem(_http.json_body(response))
    text = _http.message("x", status, code, detail or response.reason)
    if status == 429 or code == 88:
        return RateLimited(text, retry_after=_wait(response), http_status=status, code="429")
    if status == 401 or code in (32, 89) or kind.endswith("oauth1-permissions"):
        return AuthError(text, http_status=status, code=str(code or status))
    if (status == 403 and "duplicate" in detail.lower()) or code == 187:
        return Rejected(text, http_status=status, code="duplicate")
    if status >= 500:
        return _http.server_error("x", status, code, detail, create=create)
    return Rejected(text, http_status=status, code=str(code or status))


def _wait(response: requests.Response) -> float:
    headers = dict(response.headers)
    lower = {k.lower(): v for k, v in headers.items()}
    if lower.get("x-user-limit-24hour-remaining") == "0" and "x-user-limit-24hour-reset" in lower:
        headers = {"x-rate-limit-reset": lower["x-user-limit-24hour-reset"]}
    return _http.retry_after(headers, RATE_LIMIT_WAIT)
