"""The post state graph of DESIGN.md, as data. Pure; the store refuses any other move."""

from __future__ import annotations

from sosmed.errors import InvalidTransition
from sosmed.models import PostStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.approved, S.cancelled}),
    S.approved: frozenset({S.scheduled, S.cancelled, S.draft}),
    S.scheduled: frozenset({S.publishing, S.cancelled, S.missed, S.scheduled, S.approved}),
    S.publishing: frozenset({S.published, S.scheduled, S.failed, S.in_doubt}),
    # in_doubt → in_doubt: a read-back failed; asked again later.
    S.in_doubt: frozenset({S.published, S.scheduled, S.needs_review, S.in_doubt}),
    S.needs_review: frozenset({S.published, S.scheduled, S.cancelled}),
    S.failed: frozenset({S.draft, S.cancelled}),
    S.missed: frozenset({S.scheduled, S.cancelled}),
    S.published: frozenset(),
    S.cancelled: frozenset(),
}

# A person may edit the text only while nothing has been sent.
EDITABLE = frozenset({S.draft, S.approved, S.scheduled, S.failed, S.missed})


def check(current: str, target: str) -> None:
    """Raise InvalidTransition unless ``current`` → ``target`` is an edge of the graph."""
    cur, tgt = S(current), S(target)
    if tgt not in TRANSITIONS[cur]:
        raise InvalidTransition(f"a {cur.value} post cannot become {tgt.value}")


def allowed(current: str, target: str) -> bool:
    return S(target) in TRANSITIONS[S(current)]
