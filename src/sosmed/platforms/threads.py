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

``metrics`` reads ``/{media}/insights?metric=views,likes,replies,reposts,quotes``, which needs
``threads_manage_insights``: without it (#10) the counters are not allowed.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, ClassVar

from sosmed.engagement.counters import COMMENTS, LIKES, SHARES, VIEWS, Counters
from sosmed.errors import Rejected
from sosmed.i18n import _
from sosmed.platforms import _http
from sosmed.platforms.base import Online, Outgoing, Published
from sosmed.platforms.builtin import ThreadsRules
from sosmed.platforms.facebook import graph_gone
from sosmed.platforms.meta_container import QUOTA_WAIT, MetaContainerPlatform

API = "https://graph.threads.net"
API_VERSION = "v1.0"
MAX_ITEMS = ThreadsRules.limits.max_images
TAG_MAX = 50
_HASHTAG = re.compile(r"(?<![\w#])#(\w+)")


class ThreadsPlatform(ThreadsRules, MetaContainerPlatform):
    summary_sentences = 3
    hosts = (API, "https://graph.threads.com")
    secret_fields = ("access_token",)
    option_fields = ("threads_user_id",)
    fetches_media = True
    can_retract = True  # DELETE /{threads-media-id}, with the threads_delete permission

    api = API
    version_option = "api_version"
    default_version = API_VERSION
    user_option = "threads_user_id"
    edge = "threads"
    quota_edge = "threads_publishing_limit"
    text_field = "text"
    status_fields = "id,status,error_message"
    status_field = "status"
    detail_field = "error_message"
    error_detail = "ERROR"
    permalink_fields = "id,text,permalink,timestamp"
    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        VIEWS: "views",
        LIKES: "likes",
        COMMENTS: "replies",
        SHARES: "reposts",
    }

    def metrics(self, post: Published) -> Counters:
        got = self._insights(post.remote_id, "views,likes,replies,reposts,quotes")
        values = {VIEWS: "views", LIKES: "likes", COMMENTS: "replies", SHARES: "reposts"}
        out = {ours: got.get(theirs, 0) for ours, theirs in values.items()}
        return Counters(out | {"quotes": got.get("quotes", 0)})

    def _public_urls(self, outgoing: Outgoing) -> list[str]:
        return _public_urls(outgoing)

    def retract(self, online: Online, now: datetime) -> bool:
        """``DELETE /{threads-media-id}``; Graph's "does not exist" means gone already."""
        try:
            self._request("DELETE", online.remote_id)
        except Rejected as e:
            if graph_gone(e):
                return False
            raise
        return True

    def _new_container(self, outgoing: Outgoing, urls: list[str]) -> str:
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

    def _me(self) -> dict[str, Any]:
        me = self._request("GET", "me", {"fields": "id,username,name"})
        if str(me.get("id") or "") != self.user_id:
            raise Rejected(
                _http.message(
                    self.name, None, None, "the token belongs to another Threads user id"
                ),
                code="wrong_user",
            )
        return me

    def _quota_wait(self, config: dict[str, Any]) -> float:
        # Threads tells how long its quota window lasts; the hour cap keeps a retry in sight
        return min(float(config.get("quota_duration") or QUOTA_WAIT), QUOTA_WAIT)


def _public_urls(outgoing: Outgoing) -> list[str]:
    if len(outgoing.images) > MAX_ITEMS:
        raise Rejected(
            _("threads: paling banyak {n} foto per post").format(n=MAX_ITEMS),
            code="too_many_photos",
        )
    urls = [image.public_url for image in outgoing.images]
    if any(not url for url in urls):
        raise Rejected(
            _("Threads mengambil setiap foto dari alamat publik: isi media.public_base_url"),
            code="no_public_url",
        )
    return [str(url) for url in urls]
