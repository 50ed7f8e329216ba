"""The single place where store, platform and retry meet: claim, arm, send, record, reconcile."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.errors import (
    ClaimLost,
    ConfigError,
    PlatformError,
    SosmedError,
)
from sosmed.i18n import _
from sosmed.platforms.base import Platform
from sosmed.publish import budget, reply, retry
from sosmed.publish.lease import LeaseKeeper
from sosmed.publish.results import Result, TickReport
from sosmed.publish.sending import S, crashpoint, describe, outgoing_for, retry_absent_error
from sosmed.publish.worker import Worker
from sosmed.store.publishing import Claimed, Outcome

log = logging.getLogger(__name__)


class Publisher(Worker):
    """Publishes and reconciles posts for one worker (a daemon, or one CLI call)."""

    # The tick

    def tick(self, post_ids: list[int] | None = None, until: datetime | None = None) -> TickReport:
        """Sweep dead leases, mark missed posts, reconcile, then publish what is due.

        ``post_ids``: only these posts (``sosmed publish N`` settles post N and nothing else).
        ``until``: claim no new batch after then (see publish_due).
        """
        report = TickReport()
        now = self.clock()
        swept = self.store.sweep_expired(self.worker, now, self.sweep_grace, post_ids)
        report.swept = [pid for pid, _ in swept]
        report.missed = self.store.mark_missed(self.worker, now, self.max_lateness, post_ids)
        report.merge(self.reconcile_due(post_ids))
        report.merge(self.publish_due(post_ids, until))
        return report

    def publish_due(
        self, post_ids: list[int] | None = None, until: datetime | None = None
    ) -> TickReport:
        """Claim and send due posts, batch after batch, until none is due or ``until`` passed.

        ``until`` bounds a backlog that never empties: the caller's next tick must still sweep
        dead owners' posts, reconcile and beat the heartbeat.
        """
        report = TickReport()
        batch = self.settings.config.daemon.batch
        while not self.stopping.is_set() and (until is None or self.clock() < until):
            claimed = self.store.claim_due(
                self.worker,
                self.clock(),
                self.lease,
                batch,
                post_ids,
                accounts=self.accounts(),
                max_lateness=self.max_lateness,
            )
            if not claimed:
                break
            crashpoint("after_claim")
            self._run_grouped(claimed, self.publish_claimed, report)
        return report

    def reconcile_due(self, post_ids: list[int] | None = None) -> TickReport:
        report = TickReport()
        batch = self.settings.config.daemon.batch
        seen: set[int] = set()
        while not self.stopping.is_set():
            claimed = [
                c
                for c in self.store.claim_in_doubt(
                    self.worker, self.clock(), self.lease, batch, post_ids
                )
                if c.post.id not in seen
            ]
            if not claimed:
                break
            seen.update(c.post.id or 0 for c in claimed)
            self._run_grouped(claimed, self.reconcile_claimed, report)
        return report

    def _run_grouped(
        self, claimed: list[Claimed], fn: Callable[[Claimed], Result], report: TickReport
    ) -> None:
        """Accounts in parallel, each account's posts one after another (its rate limit)."""
        groups: dict[str, list[Claimed]] = defaultdict(list)
        for c in claimed:
            groups[c.post.account].append(c)

        def run(items: list[Claimed]) -> list[tuple[int, Result]]:
            done = []
            for c in items:
                wait = self._not_before.get(c.post.account)
                if self.stopping.is_set() or (wait is not None and wait > self.clock()):
                    # Not sent: hand it back for the next tick (or daemon), after any reset.
                    self._give_back(c, wait)
                    continue
                done.append((c.post.id or 0, fn(c)))
            return done

        workers = max(1, min(len(groups), self.settings.config.daemon.workers))
        with LeaseKeeper(self, claimed), ThreadPoolExecutor(max_workers=workers) as pool:
            for results in pool.map(run, groups.values()):
                for post_id, result in results:
                    report.of(result).append(post_id)

    def _give_back(self, c: Claimed, until: datetime | None) -> None:
        if c.post.status == S.publishing:
            self.store.defer(c, until, self.clock())
        else:
            self.store.release(c, self.clock())

    # One post

    def publish_claimed(self, c: Claimed) -> Result:
        post = c.post
        try:
            platform = self.platform(post.account)
        except SosmedError as e:
            return self._config_problem(c, e)
        out = replace(
            outgoing_for(post, self.settings),
            confirm=lambda: self.store.confirm(c, self.clock() + self.lease),
        )
        try:
            out = reply.with_reply(self.store, self.settings, platform, post, out)
            held = budget.hold(self.store, self.settings, platform, out, self.clock())
        except ConfigError as e:
            return self._config_problem(c, e)
        if held is not None:  # nothing sent, no try counted: it waits for money
            reason, until = held
            self.store.defer(c, until, self.clock(), reason=reason)
            return Result.held
        kind = AttemptKind.reply if reply.replying(platform, out) else AttemptKind.publish
        attempt_id = self.store.arm(
            c, kind, self.clock(), idempotency_key=out.idempotency_key, counts=True
        )
        if attempt_id is None:
            return Result.stale
        steps = reply.Steps(
            self.store,
            c,
            attempt_id,
            self.clock,
            on_saved=lambda: self._record_charges(post.account, platform),
        )
        if platform.link_reply and out.link and kind is AttemptKind.publish:
            out = replace(out, on_created=steps.created)
        crashpoint("after_arm")
        try:
            key = platform.arm(out)
            if key and key != post.armed_key:
                if not self.store.save_armed_key(c, key, self.clock()):
                    return Result.stale
                out = replace(out, armed_key=key)
            published = platform.publish(out)
        # Nothing was created (or, with a reply, only the post, whose id was kept or which a
        # read-back finds): the new owner decides the post's fate.
        except ClaimLost as e:
            log.warning("post %s: %s", post.id, e)
            self.store.record(
                c, steps.attempt_id, Outcome(S.scheduled, AttemptOutcome.abandoned), self.clock()
            )
            return Result.stale
        except PlatformError as e:
            crashpoint("after_response")
            return self._finish(c, steps.attempt_id, self._on_error(c, e))
        except ConfigError as e:  # read before any request of this publish went out
            return self._config_problem(c, e, steps.attempt_id)
        except Exception as e:  # a bug in a client must not leave the post claimed
            log.exception(_("post %s: galat tak terduga saat menerbitkan"), post.id)
            return self._finish(
                c,
                steps.attempt_id,
                Outcome(
                    S.in_doubt,
                    AttemptOutcome.in_doubt,
                    type(e).__name__,
                    describe(e),
                    next_try_at=self.clock() + self.reconcile_after,
                ),
            )
        finally:
            self._record_charges(post.account, platform)
        crashpoint("after_response")
        return self._finish(
            c, steps.attempt_id, self._published(published, AttemptOutcome.published)
        )

    def _record_charges(self, account: str, platform: Platform) -> None:
        """The requests the platform billed (X pay-per-use), into the spend ledger."""
        self.store.add_spend(account, platform.take_charges(), self.clock())

    def reconcile_claimed(self, c: Claimed) -> Result:
        post = c.post
        try:
            platform = self.platform(post.account)
        except ConfigError as e:
            return self._read_back_failed(c, e)
        try:
            since = (post.scheduled_at or post.created_at or self.clock()) - timedelta(hours=1)
            out = outgoing_for(post, self.settings)
            found = platform.find(
                reply.with_reply(self.store, self.settings, platform, post, out), since
            )
        except (PlatformError, ConfigError) as e:
            return self._read_back_failed(c, e)
        finally:
            self._record_charges(post.account, platform)
        if found is not None and found.pending_reply:  # online, its link not yet under it
            return self._finish(
                c,
                None,
                Outcome(
                    S.scheduled,
                    AttemptOutcome.reconciled_absent,
                    message="the post is online, the reply with its link is not: sending it",
                    remote_id=found.remote_id,
                    remote_url=found.url,
                    published_at=found.at,
                    next_try_at=self.clock(),
                ),
            )
        if found is not None:
            return self._finish(
                c, None, self._published(found, AttemptOutcome.reconciled_published)
            )
        if self._late(post):
            return self._finish(
                c,
                None,
                Outcome(
                    S.missed,
                    AttemptOutcome.missed,
                    message=_(
                        "terlewat: tidak ada di platform, dan sudah lewat {late} dari waktunya; "
                        "tidak pernah dikirim terlambat"
                    ).format(late=self.max_lateness),
                ),
            )
        decision = retry.decide(
            retry_absent_error(),
            post.attempts,
            self.settings.config.daemon.max_attempts,
            self.clock(),
            self.rng,
        )
        status = S.scheduled if decision.action == "retry" else S.failed
        return self._finish(
            c,
            None,
            Outcome(
                status,
                AttemptOutcome.reconciled_absent,
                message="not on the platform: "
                + ("sending again" if status is S.scheduled else "too many attempts"),
                next_try_at=self.clock() if status is S.scheduled else None,
            ),
        )
