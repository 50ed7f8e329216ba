"""Telling an archive or category page (several stories) from one article.

A single story has one beginning. An archive shows several: a second dateline further down, a
"read more" link per story, a headline-and-date pair per story, page numbers at the foot. A
block of headlines *before* a story (a sidebar) does not make a listing: the story after it is
still one article.
"""

from __future__ import annotations

import re

from sosmed.ingest.dateline import opens_another_story, read_dateline
from sosmed.ingest.lines import Kind, Line
from sosmed.text.dates import WEEKDAY

LISTING_MESSAGE = (
    "this page lists several stories (an archive or category page); give the address of one article"
)

_READ_MORE = re.compile(
    r"(?:^|\s)(?:baca\s+selengkapnya|selengkapnya|read\s+more|continue\s+reading|"
    r"lanjut(?:kan)?\s+membaca|baca\s+lebih\s+lanjut)\b\s*[»›>.…]*\s*$|\[(?:…|\.\.\.)\]\s*$",
    re.IGNORECASE,
)
_PAGINATION = re.compile(
    r"^(?:[«‹<]\s*)?(?:\d+\s+){2,}(?:…|\.\.\.)?\s*\d*\s*(?:[»›>]|next|berikutnya)?\s*$"
    r"|^(?:halaman|page)\s+\d+\s+(?:dari|of)\s+\d+$"
    r"|^(?:older|newer)\s+(?:posts|entries)|^(?:muat|tampilkan)\s+lebih\s+banyak$",
    re.IGNORECASE,
)
_DATED_OPENER = re.compile(rf"^{WEEKDAY}\s*,?\s*\(?\s*\d{{1,2}}/\d{{1,2}}/\d{{2,4}}", re.I)
_MIN_HEADLINE_WORDS = 4
_TAIL = 80
_READ_MORE_CUES = ("selengkap", "read more", "continue", "membaca", "lebih lanjut", "[")
_TEASER_END = re.compile(r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])\s*$")
_META = frozenset({Kind.TIME, Kind.BULLET, Kind.CRUFT, Kind.CREDIT, Kind.CAPTION})


def looks_like_listing(lines: list[Line], body_start: int) -> bool:
    body = lines[body_start:]
    return (
        _second_story_opens(body)
        or _read_more_links(lines) >= 2
        or _headline_date_blocks(lines) >= 2
        or _teasers(lines) >= 2
        or (_has_pagination(lines) and _has_story_markers(lines))
    )


def is_headline_list(lines: list[Line]) -> bool:
    """Many headlines or dates and no running text: a listing that shows no excerpts."""
    headlines = [ln for ln in lines if _is_headline(ln)]
    dates = [ln for ln in lines if ln.kind is Kind.DATE]
    return len(headlines) >= 3 or len(dates) >= 2


def _second_story_opens(body: list[Line]) -> bool:
    paragraphs = [ln.text for ln in body if ln.kind is Kind.PROSE]
    dated = sum(1 for p in paragraphs if _DATED_OPENER.match(p))
    if dated >= 3:
        return True
    for i, text in enumerate(paragraphs[1:], start=1):
        if opens_another_story(text):
            return True
        if read_dateline(text, strict=True) and any(_opens_story(p) for p in paragraphs[:i]):
            return True
    return False


def _opens_story(paragraph: str) -> bool:
    return read_dateline(paragraph, strict=True) is not None or bool(_DATED_OPENER.match(paragraph))


def _read_more_links(lines: list[Line]) -> int:
    """Lines that end with a "read more" link (or an elided "[…]")."""
    count = 0
    for ln in lines:
        tail = ln.text[-_TAIL:]
        lowered = tail.lower()
        if any(cue in lowered for cue in _READ_MORE_CUES) and _READ_MORE.search(tail):
            count += 1
    return count


def _has_pagination(lines: list[Line]) -> bool:
    return any(len(ln.text) <= _TAIL and _PAGINATION.match(ln.text) for ln in lines)


def _headline_date_blocks(lines: list[Line]) -> int:
    """Headline, date line, running text: one story each."""
    if sum(1 for ln in lines if ln.kind is Kind.DATE) < 2:
        return 0
    return sum(
        1
        for i, line in enumerate(lines)
        if _is_headline(line) and _dated_story_follows(lines, i + 1)
    )


def _dated_story_follows(lines: list[Line], start: int) -> bool:
    kinds = [ln.kind for ln in lines[start : start + 8] if ln.kind not in _META]
    return kinds[:2] == [Kind.DATE, Kind.PROSE]


def _teasers(lines: list[Line]) -> int:
    """Excerpts cut short with an ellipsis, each under its own headline."""
    return sum(
        1
        for i, line in enumerate(lines)
        if line.kind is Kind.PROSE
        and line.text.endswith(("...", "…", "]"))
        and _TEASER_END.search(line.text[-_TAIL:])
        and any(_is_headline(ln) for ln in lines[max(0, i - 2) : i])
    )


def _is_headline(line: Line) -> bool:
    text = line.text
    return (
        line.kind in (Kind.SHORT, Kind.BULLET)
        and len(text.split()) >= _MIN_HEADLINE_WORDS
        and not text.endswith(":")
    )


def _has_story_markers(lines: list[Line]) -> bool:
    dates = sum(1 for ln in lines if ln.kind is Kind.DATE)
    return dates >= 2 or _read_more_links(lines) >= 1
