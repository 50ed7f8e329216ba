"""Site profiles: what an office tells sosmed about the one site it posts from.

A profile (``[[sites]]`` in sosmed.toml) is a layer around the general rules, not a change to
them. Before the rules read a page, it drops the site's chrome lines and the tag the site puts
in its first sentence ("(Inmas)", "BIRO ADPIM"); after, the fields its own patterns find replace
what the rules found, with the origin "site".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

from sosmed.ingest.parsed import FieldSource, ParsedArticle
from sosmed.settings import SiteProfile
from sosmed.text.dates import FoundDate, parse_date_line

_FIRST_SENTENCE_WORDS = 8
_TAG_LEFTOVER = re.compile(r"\(\s*\)|\[\s*\]")


@dataclass(frozen=True)
class SiteFinds:
    """What a profile's own patterns found on a page."""

    title: str | None = None
    date: FoundDate | None = None
    credits: dict[str, str] = field(default_factory=dict)


def profile_for(profiles: list[SiteProfile], url: str | None) -> SiteProfile | None:
    """The profile of the site ``url`` is on (its host or a subdomain of it), if any."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.") if url else ""
    if not host:
        return None
    return next((p for p in profiles if host == p.host or host.endswith("." + p.host)), None)


def prepare(profile: SiteProfile, lines: list[str]) -> list[str]:
    """The page's lines without the site's chrome lines and without its dateline tag."""
    drops = [re.compile(p) for p in profile.drop_lines]
    kept = [ln for ln in lines if not any(rx.search(ln) for rx in drops)]
    return _strip_tags(kept, profile.dateline_tags) if profile.dateline_tags else kept


def _strip_tags(lines: list[str], tags: list[str]) -> list[str]:
    """The tag is taken from the first line of running text that carries it, nowhere else."""
    out = list(lines)
    for i, line in enumerate(out):
        if len(line.split()) < _FIRST_SENTENCE_WORDS:
            continue
        for tag in tags:
            if tag in line:
                line = _TAG_LEFTOVER.sub("", line.replace(tag, "", 1))
                out[i] = " ".join(line.split())
                return out
        return out  # the first sentence has no tag: the story's text is left alone
    return out


def find(profile: SiteProfile, lines: list[str]) -> SiteFinds:
    """Each field the profile's patterns find, the first matching line winning."""
    return SiteFinds(
        title=_first_group(profile.title, "title", lines),
        date=_date(profile.date_line, lines),
        credits=_credits(profile.credit_labels, lines),
    )


def _first_group(pattern: str | None, group: str, lines: list[str]) -> str | None:
    if not pattern:
        return None
    rx = re.compile(pattern)
    for line in lines:
        m = rx.search(line)
        if m and m[group] and m[group].strip():
            return " ".join(m[group].split())
    return None


def _date(pattern: str | None, lines: list[str]) -> FoundDate | None:
    text = _first_group(pattern, "date", lines)
    return parse_date_line(text) if text else None


def _credits(labels: dict[str, list[str]], lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for role, names in labels.items():
        if not names:
            continue
        alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        rx = rf"(?:^|[\s|/(])(?:{alts})\s*[:.]\s*(?P<name>[^|/;:()]+?)\s*(?=$|[|/;)]|\s[-–]\s)"
        name = _first_group(rx, "name", lines)
        if name:
            found[role] = name
    return found


def override(article: ParsedArticle, finds: SiteFinds) -> ParsedArticle:
    """The article with the profile's finds in place of the rules', marked "site"."""
    site = FieldSource("site", True)
    sources = dict(article.sources)
    changes: dict[str, object] = {}
    if finds.title:
        changes["title"] = finds.title
        sources["title"] = site
    if finds.date:
        changes.update(
            published_at=finds.date.value,
            has_time=finds.date.has_time,
            zone=finds.date.zone,
            date_source="header",
        )
        sources["published_at"] = site
    if finds.credits:
        changes["credits"] = replace(article.credits, **finds.credits)
        sources.update(dict.fromkeys(finds.credits, site))
    return replace(article, **changes, sources=sources)  # type: ignore[arg-type]
