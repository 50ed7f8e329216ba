"""Lengths counted by code other than sosmed's own, to check its counting against."""

from __future__ import annotations

import re
import warnings

import grapheme


def twitter_text_length(text: str) -> int | None:
    """X's count by the twitter-text-parser package, or None when it is not installed."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from twitter_text import parse_tweet
    except ImportError:
        return None
    return int(parse_tweet(text).weightedLength)


def independent_check(platform: str, text: str, with_images: bool) -> tuple[int, int] | None:
    """(length, limit) by counting code independent of sosmed's; None when not available."""
    if platform == "x":
        n = twitter_text_length(text)
        return None if n is None else (n, 280)
    if platform == "bluesky":
        assert len(text.encode("utf-8")) <= 3000
        return grapheme.length(text), 300
    if platform == "telegram":
        return len(text.encode("utf-16-le")) // 2, 1024 if with_images else 4096
    if platform == "instagram":
        return len(text), 2200
    if platform == "facebook":
        return len(text), 63206
    if platform == "mastodon":
        # Every http(s) link counts 23, whatever its length.
        return grapheme.length(re.sub(r"https?://\S+", "x" * 23, text)), 500
    if platform == "threads":
        # Characters, but an emoji counts as many as its UTF-8 bytes; links in full.
        return sum(_threads_weight(g) for g in grapheme.graphemes(text)), 500
    raise AssertionError(platform)


def _threads_weight(cluster: str) -> int:
    pictographic = any(ord(c) >= 0x1F000 or 0x2600 <= ord(c) <= 0x27BF for c in cluster)
    return len(cluster.encode("utf-8")) if pictographic else len(cluster)
