"""The head of a copied page: which line is the headline, which date lines are the story's.

A page prints its own date right by its headline (under it, or just above it). Dates anywhere
else (a sidebar above, related items and comments below) belong to other stories, so they are
never taken: no date is better than another story's date.
"""

from __future__ import annotations

import re

from sosmed.ingest.lines import Kind, Line, is_title_like

_MIN_TITLE_WORDS = 4
# How far above the headline (or, with none, above the story) a date line may stand.
_ABOVE_REACH = 3
# Lines between a headline and its date line that do not break the pair.
_PAIR_GAP = frozenset({Kind.TIME, Kind.CRUFT, Kind.CREDIT})
# A menu: short lines in a run. Its items are this short; a headline among them, this long.
_MENU_KINDS = frozenset({Kind.SHORT, Kind.CRUFT, Kind.BULLET})
_MENU_ITEM_WORDS = 3
_MENU_WORDS = 4
# A line naming who reported or edited ("... Reporter: Dessy Editor: Erik") is never a headline.
_CREDIT_LABEL = re.compile(
    r"\b(?:reporter|editor|penulis|pewarta|redaktur|fotografer|wartawan)\s*:", re.IGNORECASE
)


def title_index(head: list[Line]) -> int | None:
    """The headline: a headline-like line paired with a date line, else the last headline-like
    line above the story (labels, kickers, captions and login boxes are not headlines)."""
    return choose_title(head)[0]


def choose_title(head: list[Line]) -> tuple[int | None, bool]:
    """The headline's index, and whether nothing else could have been it: it stands by the
    page's date line, or it is the only headline-like line of some length."""
    candidates = [i for i, ln in enumerate(head) if is_title_like(ln) and not _credits(ln.text)]
    longer = [i for i in candidates if len(head[i].text.split()) >= _MIN_TITLE_WORDS]
    pool = longer or candidates
    dated = [i for i in pool if _next_to_date(head, i) and not _menu_after(head, i)]
    if dated:
        return dated[-1], True
    pool = [i for i in pool if not _in_menu(head, i)]
    if not pool:
        return None, False
    # A line printed twice above the story (the page's title bar and its heading) is the
    # headline, not a caption or a kicker printed once below it.
    printed_twice = [i for i in pool if sum(ln.text == head[i].text for ln in head) >= 2]
    if printed_twice:
        return printed_twice[-1], True
    return pool[-1], len({head[i].text for i in longer}) == 1


def _credits(text: str) -> bool:
    return bool(_CREDIT_LABEL.search(text))


def _in_menu(lines: list[Line], i: int) -> bool:
    """A short line among other short lines (Beranda, Profil Daerah, Layanan Informasi Publik):
    a site's menu or its name, not a headline, which stands alone above its story."""
    if len(lines[i].text.split()) > _MENU_WORDS:
        return False
    near = [*lines[max(0, i - 2) : i], *lines[i + 1 : i + 3]]
    return sum(1 for ln in near if _menu_item(ln)) >= 2


def _menu_after(lines: list[Line], i: int) -> bool:
    """A site's name over the date bar of its top, menu items under it: a headline is followed
    by its own date, credits and story, never by a menu."""
    if len(lines[i].text.split()) > _MENU_WORDS:
        return False
    after = [ln for ln in lines[i + 1 : i + 4] if ln.kind is not Kind.DATE][:2]
    return len(after) == 2 and all(_menu_item(ln) for ln in after)


def _menu_item(line: Line) -> bool:
    return line.kind in _MENU_KINDS and len(line.text.split()) <= _MENU_ITEM_WORDS


def _next_to_date(lines: list[Line], i: int) -> bool:
    for step in (1, -1):
        j = i + step
        while 0 <= j < len(lines) and lines[j].kind in _PAIR_GAP:
            j += step
        if 0 <= j < len(lines) and lines[j].kind is Kind.DATE and abs(j - i) <= 2:
            return True
    return False


def date_lines_in_order(lines: list[Line], start: int, top: int | None) -> list[int]:
    """The date lines that can be the story's: between headline and story (nearest the headline
    first), then just above the headline (nearest first). None below the story's start."""
    dated = [i for i, ln in enumerate(lines[:start]) if ln.kind is Kind.DATE]
    head = top if top is not None else start
    below_title = [i for i in dated if head < i]
    listed = _listed_dates(lines, head)
    above = sorted(
        (i for i in dated if head - _ABOVE_REACH <= i <= head and i not in listed), reverse=True
    )
    return below_title + above


def _listed_dates(lines: list[Line], head: int) -> set[int]:
    """Date lines above the headline that belong to a list of other stories: each under its
    own headline, in a run of two or more such pairs (a sidebar's latest news)."""
    pairs = {
        i for i in range(1, head) if lines[i].kind is Kind.DATE and is_title_like(lines[i - 1])
    }
    return {i for i in pairs if i - 2 in pairs or i + 2 in pairs}
