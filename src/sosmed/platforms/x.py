"""X (Twitter): posts through tweepy's v2 ``Client``; images through X's v2 media upload.

tweepy 4.17 has no v2 media upload, so ``POST /2/media/upload`` (one-shot multipart,
``media_category=tweet_image``) and ``POST /2/media/metadata`` (alt text) are sent here, signed by
tweepy's own OAuth1 handler over the same session as the client's calls. That session replaces
tweepy's: every request has the account's timeout, nothing retries, rate limits never sleep.

Secrets: ``consumer_key``, ``consumer_secret``, ``access_token``, ``access_token_secret``
(``SOSMED_<ACCOUNT>_<FIELD>`` or the secrets file). Option ``access``: the account's X API
access level, ``pay-per-use`` (default), ``basic``, ``pro`` or ``free``. Free may not read
posts back: ``find`` then makes no request and an unknown outcome goes to a person at once,
told which text to look for and since when. Option ``link``: ``post`` (default) puts the
article's link in the post ($0.20 on pay-per-use), ``reply`` posts the text without it and
the link in a reply under the post ($0.015 + $0.20), ``none`` leaves it out ($0.015). A reply
is a second creating request: :mod:`sosmed.publish.reply` keeps the post's id in between, and
``find`` looks for the reply under the post (``referenced_tweets``) before it is sent again.

Costs: on pay-per-use every billable request that went through is reported as a Charge at the
prices of :data:`PRICES` (X's table of February 2026); basic and pro are flat subscriptions and
free costs nothing, so they report none. The create is charged when X answers with the post,
or when a read-back finds a post whose answer was lost (the create went through then too).

What X's answers mean (errors, texts as X gives them back): :mod:`sosmed.platforms.x_answers`.

``find`` reads ``GET /2/users/:id/tweets?start_time=`` and matches the text with its URLs taken
out (X returns them as t.co links) and HTML entities undone (X escapes ``& < >``).

``metrics`` reads ``GET /2/tweets/:id?tweet.fields=public_metrics``. On pay-per-use each read
costs ``read_price``: an X account reads its counters only with ``collect = true``. On Free
it may not read at all (no request is made).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, ClassVar

import requests
import tweepy

from sosmed.costs import Charge
from sosmed.engagement.counters import COMMENTS, LIKES, SHARES, VIEWS, Counters, as_int
from sosmed.errors import (
    AuthError,
    CannotTell,
    ConfigError,
    NotAllowed,
    PlatformError,
    Rejected,
)
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.platforms import _http
from sosmed.platforms._insights import refusals_as_not_allowed
from sosmed.platforms.base import (
    AccountInfo,
    Online,
    Outgoing,
    OutgoingImage,
    Platform,
    Published,
)
from sosmed.platforms.builtin import XRules
from sosmed.platforms.x_answers import match_key, permalink, replied_to, x_error
from sosmed.platforms.x_pricing import (
    LINK_MODES,
    PRICE_DATE,
    PRICES,
    create_kind,
    link_mode,
)
from sosmed.settings import Account, Settings

UPLOAD_URL = "https://api.x.com/2/media/upload"
METADATA_URL = "https://api.x.com/2/media/metadata"
FIND_PAGES = 5
ACCESS_LEVELS = ("pay-per-use", "basic", "pro", "free")
ALT_MAX = 1000


class XPlatform(XRules, Platform):
    summary_sentences = 2
    hosts = ("https://api.twitter.com", "https://api.x.com")
    secret_fields = ("consumer_key", "consumer_secret", "access_token", "access_token_secret")
    can_retract = True
    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        LIKES: "like_count",
        COMMENTS: "reply_count",
    } | {
        SHARES: "retweet_count",
        VIEWS: "impression_count",
    }
    collects_by_default = False
    read_price = 0.005  # US dollars per post read on pay-per-use

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
        if link_mode(account) not in LINK_MODES:
            raise ConfigError(
                _(
                    "{path}: akun {account}: options.link harus salah satu dari {modes}, "
                    "bukan {value!r}"
                ).format(
                    path=settings.config_path,
                    account=account.name,
                    modes=", ".join(LINK_MODES),
                    value=link_mode(account),
                )
            )
        self.can_read_back = self.access != "free"
        self.billable = self.billed(account)
        self.link_reply = link_mode(account) == "reply"
        self._client: tweepy.Client | None = None
        self._me: tuple[str, str] | None = None

    @classmethod
    def link_in_text(cls, account: Account) -> bool:
        return account.link and link_mode(account) == "post"

    def _charge(self, kind: str, post_id: int | None, units: int = 1) -> None:
        if self.billable and units > 0:
            self.charged(Charge(kind, PRICES[kind] * units, PRICE_DATE, units, post_id or None))

    def publish(self, outgoing: Outgoing) -> Published:
        replies = self._replies(outgoing)
        if replies and outgoing.posted_id:  # online already: only its reply is still to go
            post = Published(outgoing.posted_id, permalink(self._username(), outgoing.posted_id))
        else:
            media_ids = [self._upload(image, outgoing.post_id) for image in outgoing.images]
            self.before_create(outgoing)
            post = self._create(outgoing.text, outgoing.post_id, media_ids=media_ids or None)
            if not replies:
                return post
            if outgoing.on_created is not None:
                outgoing.on_created(post)  # its id is kept before the reply is asked for
        self.before_create(outgoing)
        self._create(str(outgoing.link), outgoing.post_id, in_reply_to_tweet_id=post.remote_id)
        return post

    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        if not self.can_read_back:
            raise CannotTell(self._look_for(outgoing, since), code="no_read_access")
        pid, replies = outgoing.post_id, self._replies(outgoing)
        # Found here, a post whose create answer was lost was billed then: charged once the
        # read-back is complete (a read that fails halfway is asked again, not charged twice).
        lost_create = not (replies and outgoing.posted_id)
        try:
            user_id, username = self._identity(pid)
            if lost_create:
                key = match_key(outgoing.text)
                post = self._scan(user_id, username, lambda t: match_key(t.text) == key, since, pid)
            else:
                posted = str(outgoing.posted_id)
                post = Published(posted, permalink(username, posted))
            reply = None
            if post is not None and replies:
                under = post.remote_id
                reply = self._scan(user_id, username, lambda t: replied_to(t, under), since, pid)
        except PlatformError as e:
            raise CannotTell(str(e), http_status=e.http_status, code=e.code) from None
        if post is None:
            return None
        if lost_create:
            self._charge(create_kind(outgoing.text), pid)
        if not replies:
            return post
        if reply is None:
            return replace(post, pending_reply=True)
        self._charge("create_url", pid)
        return post

    def retract(self, online: Online, now: datetime) -> bool:
        """``DELETE /2/tweets/:id``; a 404 (or ``deleted: false``) means it was gone already."""
        try:
            answer = self._call(self._tweepy().delete_tweet, online.remote_id, user_auth=True)
        except Rejected as e:
            if e.http_status == 404:
                return False
            raise
        return bool((answer.data or {}).get("deleted", True))

    def metrics(self, post: Published) -> Counters:
        if not self.can_read_back:
            from sosmed.i18n import _

            words = _("akses X Free tidak boleh membaca kiriman")
            raise NotAllowed(f"x: {words}", code="no_read_access")
        answer = refusals_as_not_allowed(
            lambda: self._call(
                self._tweepy().get_tweet,
                post.remote_id,
                tweet_fields=["public_metrics"],
                user_auth=True,
            ),
            lambda e: e.http_status == 403,
        )
        if answer.data is None:
            raise Rejected(f"x: post {post.remote_id} not found", code="not_found")
        self._charge("post_read", None)  # in the account's ledger and its monthly budget
        m = answer.data.public_metrics or {}
        return Counters(
            {
                LIKES: as_int(m.get("like_count")),
                COMMENTS: as_int(m.get("reply_count")),
                SHARES: as_int(m.get("retweet_count")),
                "quotes": as_int(m.get("quote_count")),
                VIEWS: as_int(m.get("impression_count")),
            }
        )

    def check(self) -> AccountInfo:
        self._me = None
        user_id, username = self._identity()
        return AccountInfo(identity=f"@{username}", detail=f"user id {user_id}")

    # -- internals --------------------------------------------------------------------------

    def _replies(self, outgoing: Outgoing) -> bool:
        return self.link_reply and bool(outgoing.link)

    def _username(self) -> str | None:
        # Only makes the address prettier: no paid read of the account for it.
        return self._me[1] if self._me else None

    def _create(self, text: str, post_id: int, **kw: Any) -> Published:
        """One creating request (a post, or a reply with ``in_reply_to_tweet_id``)."""
        try:
            answer = self._tweepy().create_tweet(text=text, user_auth=True, **kw)
        except tweepy.HTTPException as e:
            raise x_error(e.response, create=True) from None
        except (requests.RequestException, ValueError) as e:
            raise _http.network_error(self.name, e, create=True) from None
        tweet_id = str((answer.data or {}).get("id", ""))
        if not tweet_id:
            raise _http.server_error(self.name, 201, None, "answer without an id", create=True)
        self._charge(create_kind(text), post_id)
        return Published(tweet_id, permalink(self._username(), tweet_id), _http.utc_now())

    def _look_for(self, outgoing: Outgoing, since: datetime) -> str:
        """What a person should look for on the account, since read-back is not allowed."""
        start = " ".join(outgoing.text.split())[:80]
        when = since.astimezone(self.settings.tz).strftime("%d-%m-%Y %H:%M %Z")
        if self._replies(outgoing) and outgoing.posted_id:
            under = permalink(None, outgoing.posted_id)
            return (
                f"x: akses X Free tidak boleh membaca kiriman; periksa apakah di bawah {under} "
                f"ada balasan berisi “{outgoing.link}” sejak {when}"
            )
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

    def _identity(self, post_id: int = 0) -> tuple[str, str]:
        """(user id, username), asked once per instance (a paid read, for ``post_id``)."""
        if self._me is None:
            answer = self._call(self._tweepy().get_me, user_auth=True, user_fields=["username"])
            if answer.data is None:
                raise AuthError(_http.message(self.name, None, None, "no user for these tokens"))
            self._me = (str(answer.data.id), str(answer.data.username))
            self._charge("user_read", post_id)
        return self._me

    def _scan(
        self,
        user_id: str,
        username: str,
        match: Callable[[Any], bool],
        since: datetime,
        post_id: int,
    ) -> Published | None:
        """The account's newest post since ``since`` that ``match`` takes, page by page."""
        token: str | None = None
        for _page in range(FIND_PAGES):
            answer = self._call(
                self._tweepy().get_users_tweets,
                user_id,
                start_time=since.astimezone(UTC),
                max_results=100,
                tweet_fields=["created_at", "referenced_tweets"],
                pagination_token=token,
                user_auth=True,
            )
            self._charge("post_read", post_id, len(answer.data or []))
            for tweet in answer.data or []:
                if match(tweet):
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

    def _upload(self, image: OutgoingImage, post_id: int) -> str:
        try:
            data = image.path.read_bytes()
        except OSError as e:
            raise Rejected(
                _("x: gambar {name} tidak bisa dibaca ({error})").format(
                    name=image.path.name, error=os_reason(e)
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
            self._charge("media_metadata", post_id)
        return media_id
