"""A post as the Draf page shows it: the card of its platform, its length in the platform's
own units against the limit, and where the platform would stop reading it. Pure functions over
a post (no request, no store): the count is the one composing, editing and publishing use
(:func:`sosmed.platforms.limits.check`), never a second one written for the browser.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import grapheme

from sosmed.i18n import N_, _
from sosmed.platforms.limits import Measure, check

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.platforms.rules import Limits

# How each status reads on the page; shown through the catalogue.
STATUS_WORDS = {
    "draft": N_("draf"),
    "approved": N_("disetujui"),
    "scheduled": N_("terjadwal"),
    "publishing": N_("sedang dikirim"),
    "published": N_("tayang"),
    "failed": N_("gagal"),
    "in_doubt": N_("mungkin tayang"),
    "needs_review": N_("perlu diperiksa"),
    "missed": N_("terlewat"),
    "cancelled": N_("dibatalkan"),
    "retracted": N_("ditarik"),
}
# The platforms whose look the page knows; any other is shown as a plain card.
KNOWN_LOOKS = ("x", "instagram", "facebook", "telegram", "mastodon", "bluesky", "threads")
# Instagram's feed shows a photo between 4:5 (portrait) and 1.91:1 (landscape); its profile
# grid crops every photo square. Nearer than these ratios, a photo is shown square.
PORTRAIT_BELOW = 0.9
LANDSCAPE_ABOVE = 1.2


@dataclass(frozen=True)
class Count:
    """A text against its platform: what the count endpoint answers and the card shows."""

    length: int
    limit: int
    unit: str
    over: bool
    problem: str | None
    kept: str  # the part the platform takes
    cut: str  # the part past the limit ("" when it fits)

    @property
    def label(self) -> str:
        return count_label(self)

    def as_json(self) -> dict[str, Any]:
        return {
            "length": self.length,
            "limit": self.limit,
            "unit": self.unit,
            "over": self.over,
            "problem": self.problem,
            "kept": self.kept,
            "cut": self.cut,
            "label": self.label,
        }


@dataclass(frozen=True)
class PhotoCard:
    number: int  # 1-based, as `sosmed` numbers a post's photos
    alt: str
    width: int | None
    height: int | None
    shape: str  # "portrait", "square" or "landscape": Instagram's frame for it


@dataclass(frozen=True)
class Card:
    id: int
    article_id: int
    account: str
    platform: str
    look: str  # the CSS class of the platform's card
    status: str
    status_word: str
    fence: int
    text: str
    count: Count
    hashtags: list[str]
    photos: list[PhotoCard]
    approved_by: str | None
    problem: str | None
    editable: bool
    approvable: bool


def length_of(
    platform: str, text: str, with_images: bool = False, limits: Limits | None = None
) -> int:
    return check(platform, text, with_images=with_images, limits=limits).length


def cut_index(
    platform: str, text: str, limit: int, with_images: bool = False, limits: Limits | None = None
) -> int:
    """How many code points of ``text`` the platform takes: the longest prefix, ended at a
    character boundary (a grapheme, so an emoji is never split), that measures at most
    ``limit``. The whole text when it fits.

    A prefix's length grows with the prefix except where a link becomes whole (X counts any
    link as 23), so a binary search over the boundaries finds the point, and a few steps
    forward settle it past such a link.
    """
    if length_of(platform, text, with_images, limits) <= limit:
        return len(text)
    inside = _inside_links(platform, text, limits)
    bounds = [0]
    for g in grapheme.graphemes(text):
        bounds.append(bounds[-1] + len(g))
    bounds = [b for b in bounds if b not in inside]
    lo, hi = 0, len(bounds) - 1  # bounds[lo] fits; bounds[hi] does not
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if length_of(platform, text[: bounds[mid]], with_images, limits) <= limit:
            lo = mid
        else:
            hi = mid
    return bounds[lo]


def _inside_links(platform: str, text: str, limits: Limits | None) -> set[int]:
    """Offsets inside a link, where a platform that counts every link as one length (X,
    Mastodon) cannot stop: half a link is not a shorter link."""
    from sosmed.platforms.length.urls import find_links
    from sosmed.platforms.limits import limits_for

    lim = limits or limits_for(platform)
    if lim.url_length is None:
        return set()
    links = find_links(text, without_protocol=lim.unit == "weighted")
    return {i for link in links for i in range(link.start + 1, link.end)}


def count_text(
    platform: str, text: str, with_images: bool = False, limits: Limits | None = None
) -> Count:
    """``text`` measured as its platform counts it, split where the limit falls."""
    m: Measure = check(platform, text, with_images=with_images, limits=limits)
    over = m.length > m.limit
    at = cut_index(platform, text, m.limit, with_images, limits) if over else len(text)
    return Count(m.length, m.limit, m.unit, over, m.problem, text[:at], text[at:])


def count_label(c: Count) -> str:
    return _("{length} / {limit} {unit}").format(
        length=c.length, limit=c.limit, unit=_(unit_word(c.unit))
    )


def unit_word(unit: str) -> str:
    """The unit in people's words (the Measure's unit names are English)."""
    words = {
        "weighted characters": N_("karakter berbobot"),
        "characters": N_("karakter"),
        "UTF-16 units": N_("unit UTF-16"),
    }
    return words.get(unit, unit)


def shape_of(width: int | None, height: int | None) -> str:
    if not width or not height:
        return "square"
    ratio = width / height
    if ratio < PORTRAIT_BELOW:
        return "portrait"
    if ratio > LANDSCAPE_ABOVE:
        return "landscape"
    return "square"


def photo_cards(photos: list[dict[str, Any]]) -> list[PhotoCard]:
    return [
        PhotoCard(
            n,
            str(p.get("alt") or ""),
            p.get("width"),
            p.get("height"),
            shape_of(p.get("width"), p.get("height")),
        )
        for n, p in enumerate(photos, 1)
    ]


def card(post: Post, limits: Limits | None = None) -> Card:
    """The card of ``post``; ``limits``: its account's own (a Mastodon instance's), if known."""
    from sosmed import states

    assert post.id is not None
    status = str(post.status)
    return Card(
        id=post.id,
        article_id=post.article_id,
        account=post.account,
        platform=post.platform,
        look=post.platform if post.platform in KNOWN_LOOKS else "plain",
        status=status,
        status_word=_(STATUS_WORDS[status]) if status in STATUS_WORDS else status,
        fence=post.fence,
        text=post.text,
        count=count_text(post.platform, post.text, bool(post.photos), limits),
        hashtags=list(post.hashtags or []),
        photos=photo_cards(list(post.photos or [])),
        approved_by=post.approved_by,
        problem=post.problem,
        editable=post.status in states.EDITABLE,
        approvable=status == "draft" and not post.problem,
    )
