"""What a page prints twice: the same paragraph (one story copied again, a teaser and then its
full text) or the same newsroom tag opening two different paragraphs (two stories)."""

from __future__ import annotations

import re

from sosmed.text.sentences import word_set

# A newsroom tag in capitals closed by a comma or a dash: "MC-SINJAI,", "HUMAS PROKOPIM -".
_TAG = re.compile(r"^(?P<tag>[A-Z][A-Z.-]{2,}(?:\s[A-Z][A-Z.-]{2,}){0,2})\s*(?:,|\s[-–—])\s")
_DESK_WORDS = word_set("humas prokopim protokol diskominfo kominfo adpim mc")
# Paragraphs opening with this many characters alike are the same paragraph printed twice.
_SAME_OPENING = 60


def printed_again(earlier: list[str], text: str) -> bool:
    opening = text[:_SAME_OPENING]
    return len(text) >= _SAME_OPENING and any(p.startswith(opening) for p in earlier)


def repeated_tag(paragraphs: list[str]) -> bool:
    """Two paragraphs that open with the same newsroom tag in capitals (``MC-SINJAI,``,
    ``HUMAS –``): a story prints its dateline once, so each is another story's."""
    seen: dict[str, str] = {}
    for text in paragraphs:
        m = _TAG.match(text)
        if m is None or _common_words(m["tag"]):
            continue  # "NAMUN, ...", "SEMENTARA ITU, ...": a sentence opener set in capitals
        tag = m["tag"]
        if tag in seen and not text.startswith(seen[tag][:_SAME_OPENING]):
            return True
        seen.setdefault(tag, text)
    return False


def _common_words(tag: str) -> bool:
    from sosmed.text.stopwords import stopwords  # its word list loads slowly; few pages need it

    words = tag.lower().split()
    if any(w in _DESK_WORDS for w in words):
        return False
    common = stopwords()
    return all(w in common for w in words)
