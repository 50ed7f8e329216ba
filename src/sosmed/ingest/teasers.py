"""Teasers cut at a fixed length: many portals print each story of a list as its headline and
the first few hundred characters of its text, cut mid-word with no ellipsis."""

from __future__ import annotations

from sosmed.ingest.lines import Kind, Line

_MIN_HEADLINE_WORDS = 4
_MIN_TEASER_WORDS = 15
_HEADLINE_REACH = 2


def cut_teasers(lines: list[Line], start: int) -> int:
    """How many stories of a list the page shows as a headline and a cut teaser, the next
    story's headline straight after it. Counted only when the page opens with one: teasers
    under a story told in full are its related items, and a copy cut off at its end is not
    followed by another headline."""
    found = [i for i in range(1, len(lines) - 1) if _cut_teaser(lines, i)]
    return len(found) if start in found else 0


def _cut_teaser(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    return (
        lines[i].kind is Kind.PROSE
        and text[-1:].isalnum()
        and len(text.split()) >= _MIN_TEASER_WORDS
        and _headline(lines[i + 1])
        and any(_headline(ln) for ln in lines[max(0, i - _HEADLINE_REACH) : i])
    )


def _headline(line: Line) -> bool:
    return (
        line.kind in (Kind.SHORT, Kind.BULLET)
        and len(line.text.split()) >= _MIN_HEADLINE_WORDS
        and not line.text.endswith(":")
    )
