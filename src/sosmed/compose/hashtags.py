"""Hashtags from an article (placeholder; to be replaced)."""

from __future__ import annotations


def hashtags_for(
    title: str | None,
    paragraphs: list[str],
    place: str | None,
    credited: list[str],
    fixed: list[str],
    cap: int,
) -> list[str]:
    """Up to ``cap`` hashtags ("#Word"): the account's fixed tags first, then the article's."""
    tags = list(fixed)
    if place:
        tags.append("#" + "".join(w.capitalize() for w in place.split()))
    seen: set[str] = set()
    out: list[str] = []
    for t in tags:
        if t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    return out[:cap]
