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

``metrics`` reads ``/{media}?fields=like_count,comments_count`` and
``/{media}/insights?metric=reach,views``; without ``instagram_manage_insights`` (#10) the
likes and comments are kept and reach and views told as not allowed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from sosmed.engagement.counters import COMMENTS, LIKES, PARTLY, VIEWS, Counters, as_int
from sosmed.errors import NotAllowed, Rejected
from sosmed.i18n import _
from sosmed.platforms.base import Outgoing, Published
from sosmed.platforms.builtin import InstagramRules
from sosmed.platforms.facebook import GRAPH_VERSION
from sosmed.platforms.meta_container import MetaContainerPlatform

GRAPH = "https://graph.facebook.com"
MAX_ITEMS = 10


class InstagramPlatform(InstagramRules, MetaContainerPlatform):
    summary_sentences = 4
    hosts = (GRAPH,)
    secret_fields = ("access_token",)
    option_fields = ("ig_user_id",)
    fetches_media = True

    api = GRAPH
    version_option = "graph_version"
    default_version = GRAPH_VERSION
    user_option = "ig_user_id"
    edge = "media"
    quota_edge = "content_publishing_limit"
    text_field = "caption"
    status_fields = "status_code,status"
    status_field = "status_code"
    detail_field = "status"
    permalink_fields = "permalink"
    sends_proof = True

    def _public_urls(self, outgoing: Outgoing) -> list[str]:
        return _public_urls(outgoing)

    def _new_container(self, outgoing: Outgoing, urls: list[str]) -> str:
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

    can_report_engagement = True
    engagement_counters: ClassVar[dict[str, str]] = {
        LIKES: "like_count",
        COMMENTS: "comments_count",
        VIEWS: "views",
    }

    def metrics(self, post: Published) -> Counters:
        node = self._read(post.remote_id, {"fields": "like_count,comments_count"})
        values = {
            LIKES: as_int(node.get("like_count")),
            COMMENTS: as_int(node.get("comments_count")),
        }
        try:
            insights = self._insights(post.remote_id, "reach,views")
        except NotAllowed as e:
            return Counters(values, PARTLY, str(e))
        values[VIEWS] = insights.get("views", 0)
        values["reach"] = insights.get("reach", 0)
        return Counters(values)

    def _me(self) -> dict[str, Any]:
        return self._request("GET", self.user_id, {"fields": "id,username"})


def _public_urls(outgoing: Outgoing) -> list[str]:
    if not outgoing.images:
        raise Rejected(_("instagram: satu post perlu sedikitnya satu foto"), code="no_photo")
    if len(outgoing.images) > MAX_ITEMS:
        raise Rejected(
            _("instagram: paling banyak {n} foto per post").format(n=MAX_ITEMS),
            code="too_many_photos",
        )
    urls = [image.public_url for image in outgoing.images]
    if any(not url for url in urls):
        raise Rejected(
            _("Instagram perlu alamat gambar yang publik: isi media.public_base_url"),
            code="no_public_url",
        )
    return [str(url) for url in urls]
