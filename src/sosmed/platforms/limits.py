"""The one way to measure a text against its platform's limits.

The limits themselves are data on each platform's class (``Platform.limits``), and the count is
the class's ``measure``, so that composing, editing and publishing agree on one count and a new
platform brings its own rules with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sosmed import state_words
from sosmed.i18n import _
from sosmed.platforms.length import count, counting
from sosmed.platforms.rules import Limits, Rules, rules_class

if TYPE_CHECKING:
    from sosmed.settings import Account, Settings


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


PlatformRef = str | type[Rules]


def _class(platform: PlatformRef) -> type[Rules]:
    # The rules alone: measuring a post must not import its platform's client library.
    return platform if isinstance(platform, type) else rules_class(platform)


def limits_for(platform: PlatformRef) -> Limits:
    return _class(platform).limits


def account_limits(account: Account, settings: Settings) -> Limits:
    """The account's own limits (a Mastodon instance's, as last checked), else its platform's."""
    return _class(account.platform).account_limits(account, settings)


def measure(platform: PlatformRef, text: str, with_images: bool = False) -> int:
    """The text's length in the platform's own units (images do not change the count)."""
    return _class(platform).measure(text, with_images)


def limit(platform: PlatformRef, with_images: bool = False) -> int:
    """The most the text may measure: Telegram allows 1024 for a caption under a photo."""
    return _class(platform).text_limit(with_images)


def _refused(lim: Limits, name: str) -> str:
    codes = [f"U+{ord(c):04X}" for c in lim.refused]
    listed = ", ".join(codes[:-1]) + _(" atau ") + codes[-1] if len(codes) > 1 else codes[0]
    return _("ada karakter yang ditolak {platform} ({listed})").format(platform=name, listed=listed)


def check(
    platform: PlatformRef, text: str, with_images: bool = False, limits: Limits | None = None
) -> Measure:
    """Measure ``text`` and say whether the platform accepts it, and if not, why.

    ``limits``: one account's own (``account_limits``), counted with the platform's unit.
    """
    cls = _class(platform)
    lim = cls.limits if limits is None else limits
    if lim is cls.limits:
        length, most = cls.measure(text, with_images), cls.text_limit(with_images)
    else:
        length = count(text, lim.unit, lim.url_length)
        most = lim.caption_max_length if with_images and lim.caption_max_length else lim.max_length
    unit = state_words.UNIT_NAMES.get(lim.unit, lim.unit)
    problem = None
    if not text.strip():
        problem = _("teksnya kosong")
    elif length > most:
        words = state_words.unit_words(lim.unit)
        problem = _("{length} {unit}; {platform} mengizinkan {most}").format(
            length=length, unit=words, platform=cls.name, most=most
        )
    elif lim.max_bytes is not None and counting.utf8_bytes(text) > lim.max_bytes:
        problem = _("{length} byte; {platform} mengizinkan {most}").format(
            length=counting.utf8_bytes(text), platform=cls.name, most=lim.max_bytes
        )
    elif lim.refused and any(ch in lim.refused for ch in text):
        problem = _refused(lim, cls.title)
    return Measure(length, most, unit, problem)
