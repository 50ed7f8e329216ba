"""Every platform's limits as data, and the one way to measure a text against them.

The platform modules take their ``limits`` from :data:`LIMITS` and their ``measure`` from
:func:`measure`, so that composing, editing and publishing agree on one count.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sosmed.platforms.base import Limits
from sosmed.platforms.length import counting

MIB = 1024 * 1024

LIMITS: dict[str, Limits] = {
    "x": Limits(
        max_length=280,
        unit="weighted",
        max_images=4,
        image_max_bytes=5_000_000,
        alt_max_length=1000,
        hashtag_cap=2,
        url_length=counting.X_URL_LENGTH,
    ),
    "facebook": Limits(
        max_length=63_206,
        unit="chars",
        max_images=10,
        image_max_bytes=4_000_000,
        image_formats=("JPEG", "PNG", "GIF"),
        alt_max_length=1000,
        hashtag_cap=3,
    ),
    "instagram": Limits(
        max_length=2200,
        unit="chars",
        max_images=10,
        min_images=1,
        image_max_bytes=8 * MIB,
        image_formats=("JPEG",),
        aspect_min=4 / 5,
        aspect_max=1.91,
        alt_max_length=1000,
        hashtag_cap=5,
    ),
    "telegram": Limits(
        max_length=4096,
        unit="utf16",
        max_images=10,
        caption_max_length=1024,
        image_max_bytes=10_000_000,
        alt_max_length=0,  # Telegram has no alt text
        hashtag_cap=3,
    ),
    "mastodon": Limits(
        max_length=500,
        unit="graphemes",
        max_images=4,
        image_max_bytes=16 * MIB,
        alt_max_length=1500,
        hashtag_cap=4,
        url_length=counting.MASTODON_URL_LENGTH,
    ),
    "bluesky": Limits(
        max_length=300,
        unit="graphemes",
        max_images=4,
        image_max_bytes=1_000_000,
        alt_max_length=2000,
        hashtag_cap=3,
    ),
}

# A second cap that Bluesky checks beside its 300 graphemes.
BLUESKY_MAX_BYTES = 3000

UNIT_NAMES = {
    "weighted": "weighted characters",
    "graphemes": "characters",
    "chars": "characters",
    "utf16": "UTF-16 units",
}

_MEASURES: dict[str, Callable[[str], int]] = {
    "x": counting.x_length,
    "facebook": counting.code_points,
    "instagram": counting.code_points,
    "telegram": counting.utf16_units,
    "mastodon": counting.mastodon_length,
    "bluesky": counting.graphemes,
}


@dataclass(frozen=True)
class Measure:
    """A text against its platform: ``length`` in ``unit``, ``limit``, and why it fails."""

    length: int
    limit: int
    unit: str
    problem: str | None = None

    @property
    def fits(self) -> bool:
        return self.problem is None


def limits_for(platform: str) -> Limits:
    try:
        return LIMITS[platform]
    except KeyError:
        raise ValueError(f"unknown platform {platform!r}") from None


def measure(platform: str, text: str, with_images: bool = False) -> int:
    """The text's length in the platform's own units (images do not change the count)."""
    limits_for(platform)
    return _MEASURES[platform](text)


def limit(platform: str, with_images: bool = False) -> int:
    """The most the text may measure: Telegram allows 1024 for a caption under a photo."""
    lim = limits_for(platform)
    if with_images and lim.caption_max_length is not None:
        return lim.caption_max_length
    return lim.max_length


def check(platform: str, text: str, with_images: bool = False) -> Measure:
    """Measure ``text`` and say whether the platform accepts it, and if not, why."""
    length, most = measure(platform, text, with_images), limit(platform, with_images)
    unit = UNIT_NAMES[limits_for(platform).unit]
    problem = None
    if not text.strip():
        problem = "the text is empty"
    elif length > most:
        problem = f"{length} {unit}; {platform} allows {most}"
    elif platform == "bluesky" and counting.utf8_bytes(text) > BLUESKY_MAX_BYTES:
        problem = f"{counting.utf8_bytes(text)} bytes; bluesky allows {BLUESKY_MAX_BYTES}"
    elif platform == "x" and counting.x_has_invalid(text):
        problem = "it holds a character X refuses (U+FFFE, U+FEFF or U+FFFF)"
    return Measure(length, most, unit, problem)
