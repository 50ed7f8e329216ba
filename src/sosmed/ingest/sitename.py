"""A dateline whose "place" is the site's own name ("MALANGVOICE –" on malangvoice.com) names
the newsroom, not where the story happened: the place is left unknown rather than wrong, and a
place printed after the site's name ("Memontum Malang –") is kept without it.

Government hosts are left alone: they are named after their region, and their datelines print
that region ("PEKANBARU –" on pekanbaru.go.id).
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from sosmed.ingest.parsed import ParsedArticle

_GOVERNMENT = (".go.id", ".desa.id", ".mil.id", ".sch.id", ".ac.id", ".gov")
# Labels that name no site: the web's own and Indonesia's second-level domains.
_GENERIC = frozenset({"www", "m", "amp", "com", "net", "org", "id", "co", "or", "web", "my"})
_NOT_LETTERS = re.compile(r"[^a-z0-9]")


def site_names(url: str | None) -> frozenset[str]:
    """The labels of a non-government host that may be the site's name ("malangvoice")."""
    host = (urlsplit(url).hostname or "") if url else ""
    if not host or host.endswith(_GOVERNMENT):
        return frozenset()
    return frozenset(label for label in host.split(".") if label not in _GENERIC)


def without_site_name(parsed: ParsedArticle, url: str | None) -> ParsedArticle:
    """``parsed`` without the site's name in its place: "Memontum Malang" on memontum.com is
    Malang; "Malangvoice" on malangvoice.com is no place at all."""
    names = site_names(url)
    if not parsed.place or not names:
        return parsed
    if _squashed(parsed.place) in names:
        kept: list[str] = []
    else:
        kept = [w for w in parsed.place.split() if _squashed(w) not in names]
        if len(kept) == len(parsed.place.split()):
            return parsed
    if kept:
        return replace(parsed, place=" ".join(kept))
    sources = {k: v for k, v in parsed.sources.items() if k != "place"}
    return replace(parsed, place=None, sources=sources)


def _squashed(words: str) -> str:
    return _NOT_LETTERS.sub("", words.lower())
