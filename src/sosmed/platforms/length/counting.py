"""How long a text is in each platform's own units. Pure functions.

- X: twitter-text v3 weighted length. NFC first; line breaks as one; code points in
  U+0000–10FF, U+2000–200D, U+2010–201F and U+2032–2037 weigh 1, others 2; an emoji (a whole
  ZWJ sequence, flag, keycap or skin-tone sequence) weighs 2; every link weighs 23.
- Bluesky: extended grapheme clusters (and, separately, UTF-8 bytes).
- Mastodon: grapheme clusters, with every ``http(s)://`` link as 23 and ``@user@domain`` as
  ``@user``.
- Telegram: UTF-16 code units.
- Instagram and Facebook: code points.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import grapheme

from sosmed.platforms.length.emoji_data import SINGLE_RANGES, sequences
from sosmed.platforms.length.urls import find_links

X_URL_LENGTH = 23
MASTODON_URL_LENGTH = 23
# Code points outside the weight-1 ranges weigh 2.
_HEAVY = re.compile("[^\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
# Code points that never join a neighbour into one grapheme (only CR LF does), so that a
# text made of them has as many graphemes as code points: Latin, general punctuation, currency.
_SIMPLE = re.compile("[\\x00-\u02ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]*")
_LINE_ENDS = re.compile(r"\r\n|\r|\n")
_MENTION = re.compile(r"(?<![\w@])(@[A-Za-z0-9_]+)@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def _plain_weight(text: str) -> int:
    return len(text) + len(_HEAVY.findall(text))


@cache
def _emoji_tables() -> tuple[dict[str, tuple[str, ...]], frozenset[str]]:
    """Emoji sequences by first code point (longest first), and the single-code-point emoji."""
    by_first: dict[str, list[str]] = {}
    for seq in sequences():
        by_first.setdefault(seq[0], []).append(seq)
    longest_first = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}
    singles = frozenset(chr(cp) for lo, hi in SINGLE_RANGES for cp in range(lo, hi + 1))
    return longest_first, singles


def emoji_spans(text: str) -> dict[int, int]:
    """Start → length of each emoji, scanning left to right, the longest listed one first."""
    by_first, singles = _emoji_tables()
    spans: dict[int, int] = {}
    done = 0
    for i, ch in enumerate(text):
        if i < done or (ch not in by_first and ch not in singles):
            continue
        size = next((len(s) for s in by_first.get(ch, ()) if text.startswith(s, i)), 0)
        size = size or (1 if ch in singles else 0)
        if size:
            spans[i] = size
            done = i + size
    return spans


def x_normalize(text: str) -> str:
    return _LINE_ENDS.sub("\n", unicodedata.normalize("NFC", text))


def x_length(text: str) -> int:
    """The weighted length X checks against 280."""
    text = x_normalize(text)
    links = {link.start: len(link.url) for link in find_links(text)}
    # Every emoji holds a non-ASCII code point, so ASCII text needs no scan.
    emoji = {} if text.isascii() else emoji_spans(text)
    total, i = 0, 0
    for start in sorted(links.keys() | emoji.keys()):
        if start < i:
            continue  # inside the link or emoji just counted
        total += _plain_weight(text[i:start])
        if start in links:
            total, i = total + X_URL_LENGTH, start + links[start]
        else:
            total, i = total + 2, start + emoji[start]
    return total + _plain_weight(text[i:])


def graphemes(text: str) -> int:
    """Extended grapheme clusters (what people see as characters)."""
    if _SIMPLE.fullmatch(text):
        return len(text) - text.count("\r\n")
    return int(grapheme.length(text))


def utf8_bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def utf16_units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def code_points(text: str) -> int:
    return len(text)


def mastodon_length(text: str, url_length: int = MASTODON_URL_LENGTH) -> int:
    """Mastodon's count: links with a protocol as ``url_length``, remote mentions short."""
    out, last = [], 0
    for link in find_links(text, without_protocol=False):
        out.append(text[last : link.start])
        out.append("x" * url_length)
        last = link.end
    out.append(text[last:])
    return graphemes(_MENTION.sub(r"\1", "".join(out)))
