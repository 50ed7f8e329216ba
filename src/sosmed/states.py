"""The post state graph of DESIGN.md, as data, with who may take each edge. Pure.

Two kinds of actor move posts. The **worker** (a daemon, or the worker inside `sosmed
publish`) claims, records, sweeps and reconciles under a fence. A **person** approves, edits,
schedules, unschedules, retries, cancels and restores; a person's `resolve` is the one way a
person settles a post that may already be online. The store refuses any edge not listed for
the actor who asks, so a person can never take a post out of ``publishing`` (only the
worker's fenced record or the lease sweep can) and never out of ``in_doubt`` or
``needs_review`` except through ``resolve``.
"""

from __future__ import annotations

from enum import StrEnum

from sosmed.errors import InvalidTransition
from sosmed.i18n import _
from sosmed.models import PostStatus as S


class Actor(StrEnum):
    worker = "worker"  # claim, record, sweep, reconcile, mark missed
    person = "person"  # approve, edit, schedule, unschedule, retry, cancel, restore, publish now
    resolve = "resolve"  # a person's word on a post that may be online


_WORKER: dict[S, frozenset[S]] = {
    S.scheduled: frozenset({S.publishing, S.missed}),
    S.publishing: frozenset({S.published, S.scheduled, S.failed, S.in_doubt}),
    # in_doubt → in_doubt: a read-back failed; asked again later. → missed: proven absent
    # after its lateness limit (never sent late). → failed: absent, and no tries left.
    S.in_doubt: frozenset(
        {S.published, S.scheduled, S.needs_review, S.in_doubt, S.missed, S.failed}
    ),
}
# Every state a person may act on has a way out. → draft: an edit (an approval covers the
# words approved, so new words need a new one); scheduled → approved: unschedule; failed,
# missed → scheduled: retry (a refusal or a late post, never one that may be online);
# cancelled → draft: restore. published → retracted: `retract`, once the platform deleted it;
# retracted is terminal (nothing sends it again, and composing again leaves it as it is).
_PERSON: dict[S, frozenset[S]] = {
    S.draft: frozenset({S.approved, S.cancelled}),
    S.approved: frozenset({S.scheduled, S.cancelled, S.draft}),
    S.scheduled: frozenset({S.scheduled, S.approved, S.cancelled, S.draft}),
    S.failed: frozenset({S.scheduled, S.draft, S.cancelled}),
    S.missed: frozenset({S.scheduled, S.draft, S.cancelled}),
    S.cancelled: frozenset({S.draft}),
    S.published: frozenset({S.retracted}),
}
# Settled by a person who looked at the account: online, not online (send again, or too late
# to send: missed), or not online and not to be sent (cancelled).
_RESOLVE: dict[S, frozenset[S]] = {
    s: frozenset({S.published, S.scheduled, S.missed, S.cancelled})
    for s in (S.in_doubt, S.needs_review)
}
EDGES: dict[Actor, dict[S, frozenset[S]]] = {
    Actor.worker: _WORKER,
    Actor.person: _PERSON,
    Actor.resolve: _RESOLVE,
}
# The whole graph, whoever moves the post.
TRANSITIONS: dict[S, frozenset[S]] = {
    s: frozenset().union(*(edges.get(s, frozenset()) for edges in EDGES.values())) for s in S
}

# A person may edit the text only while nothing has been sent.
EDITABLE = frozenset({S.draft, S.approved, S.scheduled, S.failed, S.missed})
# The ones whose words someone approved: an edit takes them back to draft.
APPROVED_WORDS = EDITABLE - {S.draft}
# A person's `retry`: posts that did not go out (refused, given up, or too late).
RETRYABLE = frozenset({S.failed, S.missed})


def allows(current: S, target: S, by: Actor) -> bool:
    return target in EDGES[by].get(current, frozenset())


def check(current: S, target: S, by: Actor = Actor.worker) -> None:
    """Raise InvalidTransition unless ``by`` may move a post from ``current`` to ``target``."""
    if not allows(current, target, by):
        raise InvalidTransition(
            _("post berstatus {current} tidak bisa menjadi {target}").format(
                current=current, target=target
            )
        )
