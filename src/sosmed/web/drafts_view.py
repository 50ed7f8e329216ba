"""A post as the Draf page shows it: the card of its platform, with its count against the
limit and where the platform stops reading (measured by the office:
:func:`sosmed.office.preview.count_post`), its photos in the platform's frames, its status in
people's words. Pure functions over a post and its count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sosmed.i18n import N_, _
from sosmed.office.preview import Count, takes_alt_text
from sosmed.office.review import problem_words

if TYPE_CHECKING:
    from sosmed.models import Post

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
    alt_text: bool  # the platform shows alt text (Telegram does not)


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


def card(post: Post, count: Count) -> Card:
    """The card of ``post`` with its ``count`` (:func:`sosmed.office.preview.count_post`)."""
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
        count=count,
        hashtags=list(post.hashtags or []),
        photos=photo_cards(list(post.photos or [])),
        approved_by=post.approved_by,
        problem=problem_words(post.problem),
        editable=post.status in states.EDITABLE,
        approvable=status == "draft" and not post.problem,
        alt_text=takes_alt_text(post.platform),
    )
