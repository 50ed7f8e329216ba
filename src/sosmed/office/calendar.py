"""Putting posts on the calendar (the checks of an explicit time before the store moves them)
and reading it day by day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from sosmed.errors import InputError
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office
    from sosmed.post_row import PostRow
    from sosmed.store.guard import Seen

# A time typed a moment ago ("now", or this minute) is not "in the past".
PAST_TOLERANCE = timedelta(minutes=1)


def schedule(
    office: Office,
    post_ids: list[int],
    at: datetime | None,
    next_slot: bool,
    force: bool,
    actor: str,
    note: Callable[[str], None],
    seen: Seen | None = None,
) -> list[Post]:
    """As :meth:`Office.schedule`; ``seen``: the one post as a person's page showed it, so
    that a post changed since is refused in the same transaction that would move it."""
    from sosmed.office.accounts import refuse_unreachable_media

    ids = list(dict.fromkeys(post_ids))
    chosen = office.store.posts_to_schedule(ids, office.now())
    refuse_unreachable_media(office, [p.account for p in chosen])
    if not next_slot and at is not None:
        _check_explicit(office, ids, at, force, note)
    return office.store.schedule_posts(
        ids, at, next_slot or at is None, actor, office.settings, now=office.now(), seen=seen
    )


def _check_explicit(
    office: Office, ids: list[int], at: datetime, force: bool, note: Callable[[str], None]
) -> None:
    from sosmed.timefmt import short_form

    if at < office.now() - PAST_TOLERANCE and not force:
        raise InputError(
            _(
                "{time} sudah lewat; pakai --at now untuk menerbitkan sekarang (atau --force)"
            ).format(time=short_form(at, office.settings.tz))
        )
    breaches = office.store.breaches(ids, at, office.settings, office.now())
    hard = [f"post {p.id} ({p.account}): {b}" for p, b in breaches if b.blocking]
    if hard and not force:
        raise InputError("; ".join(hard) + _(" (pakai --next-slot, --at yang lain, atau --force)"))
    for p, b in breaches:
        if not b.blocking or force:
            note(f"post {p.id} ({p.account}): {b}")


def office_today(office: Office) -> date:
    """Today's date on the office's wall clock (WIB, WITA or WIT)."""
    return office.now().astimezone(office.settings.tz).date()


def queue_days(
    office: Office, first: date, days: int, limit: int
) -> list[tuple[date, list[PostRow]]]:
    """The queue of ``days`` office days from ``first``, day by day, empty days included.

    A day runs from midnight to midnight in the office's zone, so a post at 23:30 WITA is on
    that day even though it is 15:30 UTC."""
    from sosmed.office.views import queue
    from sosmed.post_row import due_at

    tz = office.settings.tz
    start = datetime.combine(first, time(), tzinfo=tz)
    end = datetime.combine(first + timedelta(days=days), time(), tzinfo=tz)
    by_day: dict[date, list[PostRow]] = {first + timedelta(days=n): [] for n in range(days)}
    for post in queue(office, limit, start, end):
        due = due_at(post)
        if due is not None:
            by_day[due.astimezone(tz).date()].append(post)
    return list(by_day.items())
