"""Fitting a post to its platform's limit. Pure: takes a renderer and a checker, returns text.

Order of sacrifices, each tried only when the one before is not enough:

1. drop summary sentences, the lowest-ranked first, keeping the best one;
2. drop hashtags from the end while the fixed parts (title, link, tags, the template's own
   words) leave no room for even one word of the best sentence;
3. cut the best sentence at a clause or word boundary and end it with "…";
4. drop the summary, then cut the title the same way.

A cut never splits a word, a link or a hashtag: text is only cut at white space. Hashtags and
links are counted because every attempt is measured on the fully rendered text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sosmed.platforms.limits import Measure

ELLIPSIS = "…"
_TRAILING = " \t\n,;:-–—(“‘\"'/"
_CLAUSE_END = (",", ";", ":", ")", "”")
# A clause-end cut is preferred when it keeps at least this share of the longest word cut.
CLAUSE_KEEPS = 0.6
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Sentence:
    index: int  # position in the article, to keep the summary in reading order
    text: str
    rank: int  # 0 is the best


@dataclass(frozen=True)
class Parts:
    title: str
    summary: tuple[str, ...]
    hashtags: tuple[str, ...]


@dataclass(frozen=True)
class Fitted:
    text: str
    parts: Parts
    measure: Measure
    cut: bool = False

    @property
    def fits(self) -> bool:
        return self.measure.fits


Render = Callable[[Parts], str]
Check = Callable[[str], Measure]


@dataclass(frozen=True)
class _Fitter:
    render: Render
    check: Check

    def attempt(self, parts: Parts, cut: bool = False) -> Fitted:
        text = self.render(parts)
        return Fitted(text, parts, self.check(text), cut)


def fit(
    render: Render,
    check: Check,
    title: str,
    sentences: Sequence[Sentence],
    hashtags: Sequence[str],
) -> Fitted:
    """The richest text that passes ``check``; ``fits`` is false only if nothing does."""
    f = _Fitter(render, check)
    kept = sorted(sentences, key=lambda s: s.rank)
    tags = tuple(hashtags)
    while True:
        result = f.attempt(Parts(title, _in_order(kept), tags))
        if result.fits or len(kept) <= 1:
            break
        kept = kept[:-1]
    if result.fits:
        return result
    best = kept[0].text if kept else None
    return _shorten(f, title, best, tags)


def _in_order(sentences: Sequence[Sentence]) -> tuple[str, ...]:
    return tuple(s.text for s in sorted(sentences, key=lambda s: s.index))


def _shorten(f: _Fitter, title: str, best: str | None, tags: tuple[str, ...]) -> Fitted:
    cuts = cut_candidates(best) if best else []
    smallest = (cuts[0].text,) if cuts else ()
    tags = _drop_tags(f, Parts(title, smallest, tags))
    if best is not None:
        whole = f.attempt(Parts(title, (best,), tags))
        if whole.fits:
            return whole
    found = _longest_fitting(f, cuts, lambda c: Parts(title, (c,), tags))
    if found is not None:
        return found
    tags = _drop_tags(f, Parts(title, (), tags))
    bare = f.attempt(Parts(title, (), tags))
    if bare.fits:
        return bare
    found = _longest_fitting(f, cut_candidates(title), lambda c: Parts(c, (), tags))
    return found or f.attempt(Parts("", (), tags), cut=True)


def _drop_tags(f: _Fitter, parts: Parts) -> tuple[str, ...]:
    """Hashtags from the end until ``parts`` fits (or none are left)."""
    tags = parts.hashtags
    while tags and not f.attempt(replace(parts, hashtags=tags)).fits:
        tags = tags[:-1]
    return tags


def _longest_fitting(
    f: _Fitter, cuts: list[Cut], parts_for: Callable[[str], Parts]
) -> Fitted | None:
    """The longest cut that fits, preferring a clause end when it keeps most of the text."""
    lo, hi, best = 0, len(cuts) - 1, -1
    while lo <= hi:  # a longer cut almost never measures less: the fitting ones lead
        mid = (lo + hi) // 2
        if f.attempt(parts_for(cuts[mid].text)).fits:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    for i in _preferred(cuts, best):
        result = f.attempt(parts_for(cuts[i].text), cut=True)
        if result.fits:
            return result
    return None


def _preferred(cuts: list[Cut], best: int) -> list[int]:
    """Indices to try: a clause end that keeps most of the longest fit, then longest first."""
    order = list(range(best, -1, -1))
    if best < 0:
        return order
    floor = len(cuts[best].text) * CLAUSE_KEEPS
    for i in order:
        if len(cuts[i].text) < floor:
            break
        if cuts[i].clause:
            return [i, *(j for j in order if j != i)]
    return order


@dataclass(frozen=True)
class Cut:
    text: str  # ends with "…"
    clause: bool  # the cut falls at a clause end (after , ; : or a closing bracket or quote)


_HASHTAG_START = re.compile(r"(?<![\w#])#\w")


def cut_candidates(text: str) -> list[Cut]:
    """Every way to cut ``text`` at a word boundary with "…", shortest first, all distinct."""
    words = _WS.split(text.strip())
    out: list[Cut] = []
    for n in range(1, len(words)):
        head = " ".join(words[:n])
        stripped = head.rstrip(_TRAILING)
        if not stripped:
            continue
        # After a link or hashtag a space keeps "…" from looking like part of it.
        cut = stripped + (" " + ELLIPSIS if _is_entity(words[n - 1]) else ELLIPSIS)
        if not out or out[-1].text != cut:
            out.append(Cut(cut, head.endswith(_CLAUSE_END)))
    return out


def _is_entity(word: str) -> bool:
    # A hashtag starts wherever "#" follows no letter or digit, not only at a word's start
    # ("(#Riau", or after a symbol the platforms do not count as a letter).
    return "://" in word or word.lower().startswith("www.") or bool(_HASHTAG_START.search(word))
