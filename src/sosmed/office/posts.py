"""People's ways out for a post (retry, unschedule, restore), who they are (--by), and the
post's history as a person reads it. The Office's methods of the same names call these."""

from __future__ import annotations

import getpass
from datetime import datetime
from typing import TYPE_CHECKING

from sosmed.errors import InputError
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office
    from sosmed.store.reopen import HistoryEntry

# The longest name the audit trail keeps (Event.actor).
MAX_NAME = 100
# How much of an edit's removed and added words the history shows.
SNIPPET = 40


def os_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def person(office: Office, by: str | None, named: bool = True) -> str:
    """Who acts: ``by`` as the staff list spells it. ``named``: the command is one that
    require_named_approver covers; without --by it then refuses instead of taking the OS user
    (on a shared server that says "root", not who approved)."""
    config = office.settings.config
    name = (by or "").strip()
    if not name:
        if named and config.require_named_approver:
            raise InputError(_("sebutkan siapa Anda dengan --by NAMA (require_named_approver)"))
        return os_user()
    if len(name) > MAX_NAME:
        raise InputError(_("--by: nama paling panjang {limit} huruf").format(limit=MAX_NAME))
    if not config.staff:
        return name
    known = {s.strip().lower(): s.strip() for s in config.staff}
    if name.lower() not in known:
        raise InputError(
            _("--by {name} tidak ada di daftar staff: {staff}").format(
                name=repr(name), staff=", ".join(config.staff)
            )
        )
    return known[name.lower()]


def retry(office: Office, post_id: int, by: str, at: datetime | None) -> Post:
    from sosmed.office.calendar import PAST_TOLERANCE
    from sosmed.timefmt import short_form

    now = office.now()
    if at is not None and at < now - PAST_TOLERANCE:
        raise InputError(
            _("{time} sudah lewat; pakai --at now").format(time=short_form(at, office.settings.tz))
        )
    return office.store.retry_post(post_id, by, at or now, now=now)


def shorten(text: str, limit: int = SNIPPET) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def change(before: str, after: str) -> str:
    """What an edit changed, short: '"lama" → "baru"', the common start and end left out."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    old, new = before[start : len(before) - end], after[start : len(after) - end]
    lead, tail = ("…" if start else ""), ("…" if end else "")
    return f'"{lead}{shorten(old)}{tail}" → "{lead}{shorten(new)}{tail}"'


def history_lines(entries: list[HistoryEntry], office: Office) -> list[tuple[str, str, str, str]]:
    """(when in office time, who, what in the reader's words, the action's code) for each
    entry, oldest first."""
    from sosmed.office.audit import action_words, note_words
    from sosmed.timefmt import short_form

    tz = office.settings.tz
    lines = []
    for e in entries:
        detail = note_words(e.detail, tz)
        action = action_words(e.action)
        what = action + (f": {detail}" if detail else "")
        if e.before is not None and e.after is not None:
            what = f"{action}: {change(e.before, e.after)}" + (f" ({detail})" if detail else "")
        lines.append((short_form(e.at, tz) if e.at else "—", e.actor, what, e.action))
    return lines
