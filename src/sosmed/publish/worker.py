"""A worker's state and how it records what a send or a read-back gave (retry, doubt,
review, a broken account); the tick itself is in publisher.py."""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import replace
from datetime import datetime, timedelta

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.errors import (
    PlatformError,
    Rejected,
    SosmedError,
)
from sosmed.i18n import _
from sosmed.models import Post, utcnow
from sosmed.platforms.base import Platform, Published
from sosmed.platforms.registry import for_account
from sosmed.publish import retry
from sosmed.publish.results import RESULT_OF, Result
from sosmed.publish.sending import (
    CONFIG_RETRY,
    READ_BACK_TRIES,
    Clock,
    S,
    default_worker,
    describe,
    sweep_grace,
)
from sosmed.schedule.lateness import late
from sosmed.settings import Settings
from sosmed.store import Store
from sosmed.store.publishing import Claimed, Outcome

log = logging.getLogger(__name__)


class Worker:
    """A publishing worker (a daemon, or one CLI call): its store, settings, clock and
    platform clients, and the recording of each claim's outcome."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        worker: str | None = None,
        clock: Clock = utcnow,
        rng: random.Random | None = None,
        reconcile_after: timedelta | None = None,
    ) -> None:
        self.store, self.settings = store, settings
        self.worker = worker or default_worker()
        self.clock = clock
        self.rng = rng or random.Random()
        d = settings.config.daemon
        self.lease = timedelta(seconds=d.lease_seconds)
        self.max_lateness = timedelta(hours=d.max_lateness_hours)
        self.reconcile_after = (
            reconcile_after
            if reconcile_after is not None
            else timedelta(seconds=d.reconcile_after_seconds)
        )
        self.sweep_grace = sweep_grace(settings)
        self._platforms: dict[str, Platform] = {}
        # Rate-limit resets learned during this run: posts already claimed for that account
        # are handed back instead of sent (the store's not_before covers later claims).
        self._not_before: dict[str, datetime] = {}
        self._lock = threading.Lock()
        self.stopping = threading.Event()

    # Platforms are kept for the worker's life: sessions (Bluesky) are reused, not re-made.
    def platform(self, account: str) -> Platform:
        with self._lock:
            if account not in self._platforms:
                self._platforms[account] = for_account(
                    self.settings.account(account), self.settings
                )
            return self._platforms[account]

    def use_settings(self, settings: Settings) -> None:
        """Work from now on with ``settings`` (a reloaded sosmed.toml): accounts, secrets and
        limits as they are now; platform clients are made again when next needed."""
        with self._lock:
            self.settings = settings
            self.sweep_grace = sweep_grace(settings)
            self._platforms.clear()

    def accounts(self) -> list[str]:
        return [a.name for a in self.settings.config.accounts]

    def _late(self, post: Post) -> bool:
        due = post.scheduled_at
        return due is not None and late(due, self.clock(), self.max_lateness)

    def _read_back_failed(self, c: Claimed, e: SosmedError) -> Result:
        """The platform could not say whether the post exists.

        Where no read-back exists (Telegram) a person decides at once; where the read-back
        failed this time, the post stays in doubt and is asked about again with backoff, and
        after READ_BACK_TRIES failures a person decides. Never a blind re-send.
        """
        platform = self._platforms.get(c.post.account)
        no_read_back = platform is not None and not platform.can_read_back
        tries = 1 + sum(
            a.kind is AttemptKind.reconcile and a.outcome is AttemptOutcome.in_doubt
            for a in self.store.post_attempts(c.post.id or 0)
        )
        if no_read_back or tries >= READ_BACK_TRIES:
            why = (
                _("platform ini tidak bisa dibaca ulang")
                if no_read_back
                else _("{n} kali pembacaan ulang gagal").format(n=tries)
            )
            return self._finish(
                c,
                None,
                Outcome(
                    S.needs_review,
                    AttemptOutcome.needs_review,
                    type(e).__name__,
                    _(
                        "{error} ({why}) — periksa akunnya lalu tetapkan dengan 'sosmed resolve'"
                    ).format(error=describe(e), why=why),
                ),
            )
        wait = timedelta(seconds=retry.backoff_seconds(tries, self.rng))
        return self._finish(
            c,
            None,
            Outcome(
                S.in_doubt,
                AttemptOutcome.in_doubt,
                type(e).__name__,
                describe(e),
                next_try_at=self.clock() + wait,
            ),
        )

    def _config_problem(self, c: Claimed, e: SosmedError, attempt_id: int | None = None) -> Result:
        """The account is misconfigured: nothing was sent; the post waits for a person's fix.

        It goes back to the queue (not counted as a try) and `sosmed status` shows the
        account's problem; max_lateness still turns it into missed if nobody acts.
        """
        now = self.clock()
        self.store.save_account_check(c.post.account, now, None, None, describe(e))
        outcome = Outcome(
            S.scheduled,
            AttemptOutcome.retry,
            type(e).__name__,
            describe(e),
            next_try_at=now + CONFIG_RETRY,
            counts=False,
        )
        if attempt_id is None:
            self.store.record(c, None, outcome, now, kind=AttemptKind.check)
            return Result.retried
        return self._finish(c, attempt_id, outcome)

    def _published(self, p: Published, outcome: AttemptOutcome) -> Outcome:
        return Outcome(
            S.published,
            outcome,
            remote_id=p.remote_id,
            remote_url=p.url,
            published_at=p.at or self.clock(),
        )

    def _on_error(self, c: Claimed, e: PlatformError) -> Outcome:
        now = self.clock()
        decision = retry.decide(
            e, c.post.attempts + 1, self.settings.config.daemon.max_attempts, now, self.rng
        )
        if decision.not_before is not None:
            self._not_before[c.post.account] = decision.not_before
            self.store.set_not_before(c.post.account, decision.not_before)
        base = Outcome(
            S.failed,
            AttemptOutcome.failed,
            type(e).__name__,
            describe(e),
            http_status=e.http_status,
        )
        if isinstance(e, Rejected) and e.code == "duplicate" and self._was_in_doubt(c):
            return replace(
                base, status=S.in_doubt, outcome=AttemptOutcome.in_doubt, next_try_at=now
            )
        if decision.action == "retry":
            return replace(
                base,
                status=S.scheduled,
                outcome=AttemptOutcome.retry,
                next_try_at=decision.at,
                counts=decision.counts,
            )
        if decision.action == "reconcile":
            return replace(
                base,
                status=S.in_doubt,
                outcome=AttemptOutcome.in_doubt,
                next_try_at=now + self.reconcile_after,
            )
        if decision.action == "review":
            return replace(
                base, status=S.in_doubt, outcome=AttemptOutcome.in_doubt, next_try_at=now
            )
        return base

    def _was_in_doubt(self, c: Claimed) -> bool:
        # A duplicate refusal after an earlier in-doubt try means the first one went out.
        return any(
            a.outcome is AttemptOutcome.in_doubt for a in self.store.post_attempts(c.post.id or 0)
        )

    def _finish(self, c: Claimed, attempt_id: int | None, outcome: Outcome) -> Result:
        if not self.store.record(c, attempt_id, outcome, self.clock()):
            log.warning(
                _("post %s: hasil dari proses yang sewanya habis tidak dipakai (%s)"),
                c.post.id,
                outcome.outcome,
            )
            return Result.stale
        return RESULT_OF.get(outcome.status, Result.failed)
