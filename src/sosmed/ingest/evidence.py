"""Weighing what several sources say about one field: pure decisions, no page in sight.

A government post with a wrong date is worse than one with none. So dates that agree (the
page's date line, its metadata, the day in its address) make a date sure; a date only one weak
source gives is kept but marked for a person to check; sources that disagree give the date most
of them name, unsure, or no date at all when no day has more of them behind it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sosmed.ingest.parsed import FieldSource

# Where a date came from, the strongest first when two agree on the day.
_RANK = {"header": 0, "html": 1, "url": 2, "body": 3}
# Sources trusted on their own: the page's printed date line and its structured metadata.
_TRUSTED = frozenset({"header", "html", "site"})


@dataclass(frozen=True)
class Vote:
    """One source's date: ``origin`` as in FieldSource, the month only for a ``/2024/03/``."""

    origin: str
    value: datetime
    has_time: bool
    zone: str | None = None
    month_only: bool = False

    @property
    def day(self) -> date:
        return self.value.date()


@dataclass(frozen=True)
class DateChoice:
    value: datetime
    has_time: bool
    zone: str | None
    source: FieldSource


def choose_date(votes: list[Vote], body: Vote | None = None) -> DateChoice | None:
    """The publication date the votes support, or None when they do not settle on a day."""
    days = [v for v in votes if not v.month_only]
    months = [v for v in votes if v.month_only]
    if not days:
        agrees = body is not None and all(_same_month(m, body.day) for m in months)
        return _choice(body, sure=False) if body and agrees else None
    support: dict[date, set[str]] = defaultdict(set)
    for v in days:
        support[v.day].add(v.origin)
    for day, origins in support.items():
        origins.update(m.origin for m in months if _same_month(m, day))
    ranked = sorted(support.items(), key=lambda kv: len(kv[1]), reverse=True)
    best_day, origins = ranked[0]
    if len(ranked) > 1 and len(ranked[1][1]) == len(origins):
        return None  # as many sources for another day: no date rather than a guess
    conflict = len(ranked) > 1 or any(not _same_month(m, best_day) for m in months)
    if conflict and len(origins) < 2:
        return None
    winner = min((v for v in days if v.day == best_day), key=_strength)
    sure = not conflict and (len(origins) >= 2 or winner.origin in _TRUSTED)
    return _choice(winner, sure)


def _same_month(month: Vote, day: date) -> bool:
    return (month.value.year, month.value.month) == (day.year, day.month)


def _strength(v: Vote) -> tuple[int, int]:
    return (0 if v.has_time else 1, _RANK.get(v.origin, 9))


def _choice(v: Vote, sure: bool) -> DateChoice:
    return DateChoice(v.value, v.has_time, v.zone, FieldSource(v.origin, sure))


def choose_title(
    text_title: str | None, html_title: str | None, page_title: str | None
) -> tuple[str, FieldSource] | None:
    """The headline: the page's metadata headline, or its printed one when both agree (the
    printed one carries no site name)."""
    if html_title and text_title:
        if _agree(text_title, html_title):
            return text_title, FieldSource("html", True)
        return html_title, FieldSource("html", False)
    if html_title:
        return html_title, FieldSource("html", True)
    if text_title:
        return text_title, FieldSource("header", True)
    return (page_title, FieldSource("html", False)) if page_title else None


def _agree(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    return ka == kb or ka.startswith(kb) or kb.startswith(ka)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold().rstrip(" .")
