"""The week's calendar and a person's moves on it (the workspace's Antrian page).

Reading the week is one bounded read (every post placed in those seven office days, with its
article's title) and one for the posts without a time yet. A move names the post as the person
saw it (status and fence): a post the daemon or someone else changed meanwhile is refused
rather than moved blind, as `sosmed edit` does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sosmed.errors import ConfigError, InputError, PostMoved
from sosmed.i18n import _
from sosmed.models import PostStatus
from sosmed.schedule import week as weeks
from sosmed.store.guard import Seen

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office

# At most this many posts are drawn for one week (a province's busiest week is far below it);
# more are counted as left out, never silently dropped.
WEEK_LIMIT = 5000
UNPLACED_LIMIT = 50
FREE_SLOTS = 8


@dataclass
class WeekView:
    week: weeks.Week
    unplaced: list[weeks.Entry]
    truncated: bool
    today: date


def placed_at(row: Any) -> datetime | None:
    """Where the calendar places a post (a Post, or a row of the week's read): a published
    post where it went out; any other at its retry time, else its slot."""
    if row.status == "published" and row.published_at is not None:
        return row.published_at
    return row.next_try_at or row.scheduled_at


def entry_of(row: Any) -> weeks.Entry:
    """An entry of the calendar from a row of the week's read (its columns in order)."""
    pid, account, platform, status, fence, attempts, slot, retry, out, text, error, title = row
    when = out if status == "published" and out is not None else (retry or slot)
    return weeks.Entry(
        pid, account, platform, str(status), when, fence, title, text or "", attempts, error
    )


def week_view(office: Office, monday: date, limit: int = WEEK_LIMIT) -> WeekView:
    """The seven office days from ``monday`` by slot, and the posts still without a time."""
    tz = office.settings.tz
    start, end = weeks.week_span(monday, tz)
    rows = office.store.calendar_rows(start, end, limit + 1)
    entries = [entry_of(r) for r in rows[:limit]]
    slots = weeks.slot_times(a.slots for a in office.settings.config.accounts)
    week = weeks.build_week(monday, tz, slots, entries)
    unplaced = [entry_of(r) for r in office.store.unplaced_rows(UNPLACED_LIMIT)]
    today = office.now().astimezone(tz).date()
    return WeekView(week, unplaced, len(rows) > limit, today)


def post_and_title(office: Office, post_id: int) -> tuple[Post, str | None]:
    """A post and its article's title, for the post's own page."""
    post = office.post(post_id)
    return post, office.store.get_article(post.article_id).title


def free_slots(office: Office, post: Post, count: int = FREE_SLOTS) -> list[datetime]:
    """The account's next free slots from now, the post's own time not counting."""
    from sosmed.schedule.slots import taken_window

    try:
        slots = office.settings.account(post.account).slots
    except ConfigError:
        return []  # an account no longer configured has no slots to offer
    now = office.now()
    low, high = taken_window(now, slots)
    taken = office.store.taken_times(post.account, low, high, [post.id or 0])
    return weeks.free_slots(slots, office.settings.tz, now, taken, count)


def seen(status: str, fence: str) -> Seen:
    """What a person's page showed of a post (its status and fence, as a form sends them)."""
    try:
        return Seen(PostStatus(status), int(fence))
    except ValueError:
        raise InputError(_("formulir ini tidak lengkap; buka lagi halaman post")) from None


def check_seen(office: Office, post_id: int, seen: Seen) -> Post:
    """The post, if it is as the person saw it; PostMoved (with what it is now) if not."""
    post = office.post(post_id)
    if (post.status, post.fence) != (seen.status, seen.fence):
        raise PostMoved(
            _(
                "post {id} berubah sejak halaman dibuka (tadi {before}, sekarang {now}); "
                "lihat lagi lalu ulangi"
            ).format(id=post_id, before=seen.status, now=post.status)
        )
    return post


def move(
    office: Office,
    post_id: int,
    seen: Seen,
    at: datetime | None,
    force: bool,
    actor: str,
) -> tuple[Post, list[str]]:
    """As `sosmed schedule ID --at` (``at`` given) or `--next-slot` (``at`` None): the post
    moved, with the notes of slot rules it breaks without being refused. Quiet hours and the
    daily cap refuse unless ``force``, with the office's own message."""
    from sosmed.office.calendar import schedule

    check_seen(office, post_id, seen)  # a clear message before the slot rules are weighed
    notes: list[str] = []
    moved = schedule(office, [post_id], at, at is None, force, actor, notes.append, seen)
    return moved[0], notes


def unschedule(office: Office, post_id: int, seen: Seen, actor: str) -> Post:
    """As `sosmed unschedule`: off the calendar, still approved."""
    return office.store.unschedule_post(post_id, actor, now=office.now(), seen=seen)


def retry(office: Office, post_id: int, seen: Seen, actor: str) -> Post:
    """As `sosmed retry`: a failed or missed post due again now."""
    now = office.now()
    return office.store.retry_post(post_id, actor, now, now=now, seen=seen)


def week_of(office: Office, when: datetime | None, fallback: date) -> date:
    """The Monday of the office week ``when`` falls in (``fallback``'s when it has no time)."""
    day = when.astimezone(office.settings.tz).date() if when is not None else fallback
    return day - timedelta(days=day.weekday())
