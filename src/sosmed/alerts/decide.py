"""The decisions about alerts, as pure functions: which events go out now, which are over,
quiet hours, and the wording of one message for the events of one tick."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from sosmed.i18n import DEFAULT, LANGUAGES, N_, in_language

# An unresolved problem is told again once a day.
REPEAT_EVERY = timedelta(days=1)
# Lines one message names; past them it counts the rest (`sosmed status` names them all).
MAX_LINES = 20


@dataclass(frozen=True)
class Event:
    """A problem as staff read it: one line, and a key that names it while it lasts."""

    key: str
    line: str
    urgent: bool = False  # told even in quiet hours (the daemon is dead)


@dataclass(frozen=True)
class Told:
    """What is known of an event on one channel: when it was last sent, and when it ended."""

    sent_at: datetime | None
    resolved_at: datetime | None = None


def due(events: Iterable[Event], told: dict[str, Told], now: datetime) -> list[Event]:
    """The events to send now: new (or back after they ended), not sent yet (a failed try),
    or unresolved and last sent a day ago or more."""
    out = []
    for e in events:
        t = told.get(e.key)
        if (
            t is None
            or t.resolved_at is not None
            or t.sent_at is None
            or now - t.sent_at >= REPEAT_EVERY
        ):
            out.append(e)
    return out


def ended(told: dict[str, Told], current: Iterable[str], prefixes: Sequence[str]) -> list[str]:
    """The keys (of the kinds ``prefixes``) told and not yet over that are no longer current."""
    now_keys = set(current)
    return sorted(
        k
        for k, t in told.items()
        if t.resolved_at is None and k not in now_keys and k.startswith(tuple(prefixes))
    )


def quiet_window(spec: str | None) -> tuple[time, time] | None:
    if not spec:
        return None
    start, end = (time.fromisoformat(p.strip()) for p in spec.split("-"))
    return start, end


def in_quiet(local: datetime, spec: str | None) -> bool:
    """Whether the office-time ``local`` falls in ``spec`` ("22:00-06:00"; the end is not)."""
    window = quiet_window(spec)
    if window is None:
        return False
    start, end = window
    t = local.time().replace(second=0, microsecond=0, tzinfo=None)
    if start < end:
        return start <= t < end
    return t >= start or t < end


def hold(events: Sequence[Event], local: datetime, quiet: str | None) -> list[Event]:
    """What may go out at office time ``local``: everything, or in quiet hours only the
    urgent (the rest waits, still due, for the first tick after them)."""
    if not in_quiet(local, quiet):
        return list(events)
    return [e for e in events if e.urgent]


# In Indonesian; an office that reads English gets them from the catalogue (alerts.lang).
WORDS = {
    "one": N_("sosmed: ada yang perlu ditangani"),
    "many": N_("sosmed: {n} hal perlu ditangani"),
    "test": N_("sosmed: pesan uji peringatan — saluran ini berfungsi"),
    "more": N_("- dan {n} lagi: sosmed status"),
}


def _words(key: str, lang: str) -> str:
    return in_language(WORDS[key], lang if lang in LANGUAGES else DEFAULT)


def message(events: Sequence[Event], lang: str) -> str:
    """One message for the events of one tick: a header, then one line per event."""
    if len(events) == 1:
        return f"{_words('one', lang)}\n{events[0].line}"
    head = _words("many", lang).format(n=len(events))
    lines = [f"- {e.line}" for e in events[:MAX_LINES]]
    if len(events) > MAX_LINES:
        lines.append(_words("more", lang).format(n=len(events) - MAX_LINES))
    return "\n".join([head, *lines])


def subject(text: str) -> str:
    """An e-mail subject: the message's first line, short."""
    first = text.split("\n", 1)[0]
    return first if len(first) <= 120 else first[:119] + "…"


def test_message(lang: str) -> str:
    return _words("test", lang)
