"""A dateline whose "place" is the site's own name ("MALANGVOICE –" on malangvoice.com) names
the newsroom, not where the story happened: the place is left unknown rather than wrong.

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
    """``parsed`` without a place that is only the site's name."""
    if not parsed.place:
        return parsed
    if _NOT_LETTERS.sub("", parsed.place.lower()) not in site_names(url):
        return parsed
    sources = {k: v for k, v in parsed.sources.items() if k != "place"}
    return replace(parsed, place=None, sources=sources)
