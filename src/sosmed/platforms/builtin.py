"""The rules of sosmed's own platforms: limits and counts, without their client libraries.

Each platform module's class extends its rules here (``class XPlatform(XRules, Platform)``),
so the figures are written once; :data:`RULES` lets :func:`sosmed.platforms.rules.rules_class`
find them by the entry point's target without importing the platform's module.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.platforms.length import counting
from sosmed.platforms.length.counting import emoji_spans
from sosmed.platforms.rules import MIB, Limits, Rules

if TYPE_CHECKING:
    from sosmed.platforms.outgoing import Outgoing
    from sosmed.settings import Account, Settings

THREADS_MAX_ITEMS = 20


class XRules(Rules):
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

    # Billing is a rule too: `status` and `preview` ask it without loading tweepy.
    @classmethod
    def billed(cls, account: Account) -> bool:
        from sosmed.platforms.x_pricing import access_level

        return access_level(account) == "pay-per-use"

    @classmethod
    def price(cls, account: Account, outgoing: Outgoing) -> int | None:
        from sosmed.platforms.x_pricing import post_price

        if not cls.billed(account):
            return None
        alts = sum(1 for image in outgoing.images if image.alt)
        return post_price(account, outgoing.text, alts, bool(outgoing.posted_id))


class FacebookRules(Rules):
    name: ClassVar[str] = "facebook"
    title = "Facebook Page"
    limits = Limits(
        max_length=63_206,
        unit="chars",
        max_images=10,
        image_max_bytes=4_000_000,
        image_formats=("JPEG", "PNG", "GIF"),
        alt_max_length=1000,
        hashtag_cap=3,
    )


class InstagramRules(Rules):
    name: ClassVar[str] = "instagram"
    title = "Instagram"
    limits = Limits(
        max_length=2200,
        unit="chars",
        max_images=10,
        min_images=1,
        image_max_bytes=8 * MIB,
        image_formats=("JPEG",),
        aspect_min=4 / 5,
        aspect_max=1.91,
        image_width=(320, 1440),
        alt_max_length=1000,
        hashtag_cap=5,
    )


class TelegramRules(Rules):
    name = "telegram"
    title = "Telegram"
    limits = Limits(
        max_length=4096,
        unit="utf16",
        max_images=10,
        caption_max_length=1024,
        image_max_bytes=10_000_000,
        # Telegram refuses a longer strip than 1:20; such a photo is padded, never cropped.
        aspect_min=1 / 20,
        aspect_max=20,
        aspect_fit="pad",
        alt_max_length=0,  # Telegram has no alt text
        hashtag_cap=3,
    )


@dataclass(frozen=True)
class InstanceRules:
    max_characters: int = 500
    url_length: int = 23
    max_media: int = 4
    image_size_limit: int = 16 * 1024 * 1024
    description_limit: int = 1500


def instance_url(account: Account) -> str:
    value = account.options.get("instance") or account.api_base
    if not value:
        raise ConfigError(
            _(
                "akun {name} perlu options.instance (alamat instance Mastodon-nya, misalnya "
                "https://mastodon.social)"
            ).format(name=repr(account.name))
        )
    return (value if "://" in value else "https://" + value).rstrip("/")


class MastodonRules(Rules):
    name = "mastodon"
    title = "Mastodon"
    limits = Limits(
        max_length=500,
        unit="graphemes",
        max_images=4,
        image_max_bytes=16 * MIB,
        alt_max_length=1500,
        hashtag_cap=4,
        url_length=counting.MASTODON_URL_LENGTH,
    )

    @classmethod
    def account_limits(cls, account: Account, settings: Settings) -> Limits:
        """The class's limits with the instance's own figures, as the last check found them."""
        from sosmed.platforms import instance_limits

        try:
            saved = instance_limits.load(settings, instance_url(account))
        except ConfigError:
            saved = None
        if not saved:
            return cls.limits
        try:
            rules = InstanceRules(**{k: int(saved[k]) for k in asdict(InstanceRules())})
        except (KeyError, TypeError, ValueError):
            return cls.limits
        return replace(
            cls.limits,
            max_length=rules.max_characters,
            url_length=rules.url_length,
            max_images=rules.max_media,
            image_max_bytes=rules.image_size_limit,
            alt_max_length=rules.description_limit,
        )


class BlueskyRules(Rules):
    name = "bluesky"
    title = "Bluesky"
    limits = Limits(
        max_length=300,
        unit="graphemes",
        max_images=4,
        image_max_bytes=1_000_000,
        alt_max_length=2000,
        hashtag_cap=3,
        max_bytes=3000,  # a second cap beside the 300 graphemes
    )


class ThreadsRules(Rules):
    name: ClassVar[str] = "threads"
    title = "Threads"
    limits = Limits(
        max_length=500,
        unit="chars",
        max_images=THREADS_MAX_ITEMS,
        image_max_bytes=8 * MIB,
        image_formats=("JPEG", "PNG"),
        aspect_min=1 / 10,
        aspect_max=10.0,
        aspect_fit="pad",
        alt_max_length=1000,
        hashtag_cap=1,
    )

    @classmethod
    def measure(cls, text: str, with_images: bool = False) -> int:
        """Characters (code points), each emoji counted as its UTF-8 bytes, as Threads counts."""
        if text.isascii():
            return len(text)
        spans = emoji_spans(text)
        extra = sum(len(text[i : i + n].encode("utf-8")) - n for i, n in spans.items())
        return len(text) + extra


# By the ``sosmed.platforms`` entry point's target (pyproject.toml): an entry point that names
# another class (a replacement installed from outside) is loaded whole instead.
RULES: dict[str, type[Rules]] = {
    "sosmed.platforms.x:XPlatform": XRules,
    "sosmed.platforms.facebook:FacebookPlatform": FacebookRules,
    "sosmed.platforms.instagram:InstagramPlatform": InstagramRules,
    "sosmed.platforms.telegram:TelegramPlatform": TelegramRules,
    "sosmed.platforms.mastodon:MastodonPlatform": MastodonRules,
    "sosmed.platforms.bluesky:BlueskyPlatform": BlueskyRules,
    "sosmed.platforms.threads:ThreadsPlatform": ThreadsRules,
}
