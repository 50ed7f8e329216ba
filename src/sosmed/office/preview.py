"""A text measured as its platform will count it, and where the platform stops reading it: what
the Draf page's live count asks for and its cards show. The count is the one composing, editing
and publishing use (:func:`sosmed.platforms.limits.check`), never a second one written for a
browser; the cut point is found with that same count.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import grapheme

from sosmed.i18n import N_, _
from sosmed.platforms.limits import Measure, check

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office
    from sosmed.platforms.rules import Limits


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


def count_post(office: Office, post: Post, text: str | None = None) -> Count:
    """``text`` (the post's own when None) measured for the post's platform, with its
    account's own limits (a Mastodon instance's) when known, and its photos."""
    limits = office.account_limits(post.account)
    return count_text(post.platform, post.text if text is None else text, bool(post.photos), limits)


def field_origin(sources: dict[str, Any], field: str) -> str | None:
    """Where an article's field was read, as `sosmed add` says it: "dari kepala halaman"."""
    from sosmed.ingest.provenance import origin_note

    return origin_note(sources, field)


def takes_alt_text(platform: str) -> bool:
    """Whether the platform shows a photo's alt text (Telegram has none)."""
    from sosmed.platforms.limits import limits_for

    return limits_for(platform).alt_max_length > 0
