"""Bluesky's rich text: link and tag facets at UTF-8 byte offsets. Pure."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import grapheme

from sosmed.platforms.length.urls import find_links

TAG_MAX_GRAPHEMES = 64


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _strip_punctuation(tag: str) -> str:
    while tag and unicodedata.category(tag[-1]).startswith("P"):
        tag = tag[:-1]
    return tag


_HASHTAG = re.compile(r"(?<!\S)[#＃](\S+)")


def _tags(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    found = []
    for m in _HASHTAG.finditer(text):
        tag = _strip_punctuation(m.group(1))
        meaningful = any(not (c.isdigit() or unicodedata.category(c).startswith("P")) for c in tag)
        end = m.start(1) + len(tag)
        inside_link = any(s <= m.start() < e for s, e in taken)
        if meaningful and grapheme.length(tag) <= TAG_MAX_GRAPHEMES and not inside_link:
            found.append((m.start(), end, tag))
    return found


def facets(text: str) -> list[dict[str, Any]]:
    """Link and tag facets at UTF-8 byte offsets, in text order. Pure."""
    spans: list[tuple[int, int, dict[str, str]]] = []
    links = find_links(text, without_protocol=False)
    for link in links:
        spans.append(
            (link.start, link.end, {"$type": "app.bsky.richtext.facet#link", "uri": link.url})
        )
    for start, end, tag in _tags(text, [(link.start, link.end) for link in links]):
        spans.append((start, end, {"$type": "app.bsky.richtext.facet#tag", "tag": tag}))
    return [
        {
            "index": {"byteStart": _byte_offset(text, s), "byteEnd": _byte_offset(text, e)},
            "features": [feature],
        }
        for s, e, feature in sorted(spans, key=lambda span: span[0])
    ]
