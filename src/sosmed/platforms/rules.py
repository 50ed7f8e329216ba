"""A platform's rules (limits, how it counts a text) apart from its client.

Listing posts, previewing one or composing needs each platform's limits and count, not its
client libraries (requests, tweepy, the Facebook SDK: a tenth of a second or more to import).
So the rules live on a small class of their own, :class:`Rules`, which every
:class:`~sosmed.platforms.base.Platform` extends; sosmed's own platforms keep theirs in
:mod:`sosmed.platforms.builtin`, and :func:`rules_class` finds a platform's rules without
importing its module. A platform installed from outside sosmed is loaded whole, as before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from sosmed.platforms.length import count

if TYPE_CHECKING:
    from sosmed.platforms.outgoing import Outgoing
    from sosmed.settings import Account, Settings

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """A platform's rules that a post must pass before it is queued."""

    max_length: int
    unit: str  # how ``measure`` counts: "weighted", "graphemes", "chars", "utf16"
    max_images: int
    min_images: int = 0  # a post with fewer photos is held back (Instagram: 1)
    caption_max_length: int | None = None  # when the text rides on images (Telegram: 1024)
    image_max_bytes: int = 5_000_000
    image_formats: tuple[str, ...] = ("JPEG", "PNG", "GIF", "WEBP")
    aspect_min: float | None = None  # width / height
    aspect_max: float | None = None
    # How a photo outside the aspect range is brought inside: "pad" or "crop"; None leaves it
    # to the office (``media.instagram_fit``).
    aspect_fit: str | None = None
    # The width a photo must have (Instagram: 320 to 1440); None: only a sane long side.
    image_width: tuple[int, int] | None = None
    alt_max_length: int = 1000
    hashtag_cap: int = 30
    url_length: int | None = None  # a URL counts as this many units (X 23, Mastodon 23)
    max_bytes: int | None = None  # a second cap in UTF-8 bytes (Bluesky: 3000)
    refused: str = ""  # characters the platform refuses outright (X: U+FFFE, U+FEFF, U+FFFF)


class Rules:
    """What sosmed checks a text against before it goes to a platform."""

    name: ClassVar[str]
    title: ClassVar[str]  # as people know it, in logs and reports: "Facebook Page"
    limits: ClassVar[Limits]

    @classmethod
    def measure(cls, text: str, with_images: bool = False) -> int:
        """The text's length in the platform's own units (images do not change the count)."""
        return count(text, cls.limits.unit, cls.limits.url_length)

    @classmethod
    def text_limit(cls, with_images: bool = False) -> int:
        """The most the text may measure: Telegram allows 1024 for a caption under a photo."""
        if with_images and cls.limits.caption_max_length is not None:
            return cls.limits.caption_max_length
        return cls.limits.max_length

    @classmethod
    def account_limits(cls, account: Account, settings: Settings) -> Limits:
        """The limits of one account, where its server sets its own (a Mastodon instance).

        Default: the class's. Read without a request (composing must not wait on a network).
        """
        return cls.limits

    @classmethod
    def billed(cls, account: Account) -> bool:
        """Whether this account's requests are billed one by one (X on pay-per-use)."""
        return False

    @classmethod
    def price(cls, account: Account, outgoing: Outgoing) -> int | None:
        """What publishing ``outgoing`` costs the account, in micro-dollars; None where the
        platform does not bill per request (every platform but X on pay-per-use)."""
        return None


def rules_class(name: str) -> type[Rules]:
    """The rules of the platform installed as ``name``: sosmed's own without importing the
    platform's module; any other platform's class (ConfigError for an unknown name)."""
    from sosmed.platforms import builtin, names

    ep = names.platform_entry_points().get(name)
    own = builtin.RULES.get(ep.value) if ep is not None else None
    if own is not None:
        return own
    from sosmed.platforms.registry import platform_class

    return platform_class(name)
