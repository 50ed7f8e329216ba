"""The single place where store, platform and retry meet: claim, arm, send, record, reconcile.

The daemon and `sosmed publish` both go through :class:`Publisher`. Nothing here decides
policy: retry.py decides what an error means for the next try; the store applies it, fenced.
"""

from __future__ import annotations

import logging
import os
import random
import signal
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sosmed import retry
from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.errors import (
    ClaimLost,
    ConfigError,
    InvalidTransition,
    PlatformError,
    PostInFlight,
    Rejected,
    SosmedError,
    Transient,
)
from sosmed.models import Post, PostStatus, utcnow
from sosmed.platforms._http import CONNECT_TIMEOUT
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform, Published
from sosmed.platforms.registry import for_account
from sosmed.redact import redact
from sosmed.settings import Settings
from sosmed.store import Store
from sosmed.store.guard import Seen, in_flight
from sosmed.store.publishing import Claimed, Outcome

log = logging.getLogger(__name__)
S = PostStatus
CONFIG_RETRY = timedelta(minutes=5)
READ_BACK_TRIES = 5
Clock = Callable[[], datetime]


def crashpoint(name: str) -> None:
    """Fault testing: die here, as a killed daemon would, when SOSMED_CRASHPOINT names it."""
    if os.environ.get("SOSMED_CRASHPOINT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def default_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def outgoing_for(post: Post, settings: Settings) -> Outgoing:
    base = (settings.config.media.public_base_url or "").rstrip("/")
    images = []
    for ph in post.photos:
        path = Path(str(ph.get("path", "")))
        public = ph.get("url") or (f"{base}/{path.name}" if base and path.name else None)
        images.append(
            OutgoingImage(
                path=path,
                alt=str(ph.get("alt") or ""),
                width=int(ph.get("width") or 0),
                height=int(ph.get("height") or 0),
                mime=str(ph.get("mime") or "image/jpeg"),
                sha256=str(ph.get("sha256") or ""),
                public_url=public,
            )
        )
    return Outgoing(
        post_id=post.id or 0,
        account=post.account,
        text=post.text,
        images=images,
        idempotency_key=post.idempotency_key or f"sosmed-post-{post.id}",
        armed_key=post.armed_key,
    )


def describe(error: BaseException) -> str:
    return redact(f"{type(error).__name__}: {error}")


class Result(StrEnum):
    """What became of one claimed post in a tick (a TickReport's list it goes in)."""

    published = "published"
    retried = "retried"
    failed = "failed"
    in_doubt = "in_doubt"
    needs_review = "needs_review"
    missed = "missed"
    stale = "stale"


# The result a recorded outcome gives, by the post's new status.
_RESULT_OF = {
    S.published: Result.published,
    S.scheduled: Result.retried,
    S.failed: Result.failed,
    S.in_doubt: Result.in_doubt,
    S.needs_review: Result.needs_review,
    S.missed: Result.missed,
}


@dataclass
class TickReport:
    published: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    in_doubt: list[int] = field(default_factory=list)
    needs_review: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    swept: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)

    def _lists(self) -> tuple[list[int], ...]:
        return (
            self.published,
            self.retried,
            self.failed,
            self.in_doubt,
            self.needs_review,
            self.missed,
            self.swept,
            self.stale,
        )

    def of(self, result: Result) -> list[int]:
        """The list a post with this result is counted in."""
        return {
            Result.published: self.published,
            Result.retried: self.retried,
            Result.failed: self.failed,
            Result.in_doubt: self.in_doubt,
            Result.needs_review: self.needs_review,
            Result.missed: self.missed,
            Result.stale: self.stale,
        }[result]

    def merge(self, other: TickReport) -> None:
        for mine, theirs in zip(self._lists(), other._lists(), strict=True):
            mine.extend(theirs)

    def count(self) -> int:
        return sum(len(ids) for ids in self._lists())


class Publisher:
    """Publishes and reconciles posts for one worker (a daemon, or one CLI call)."""

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
        attempt_id = self.store.arm(
            c, AttemptKind.publish, self.clock(), idempotency_key=out.idempotency_key
        )
        if attempt_id is None:
            return Result.stale
        crashpoint("after_arm")
        try:
            key = platform.arm(out)
            if key and key != post.armed_key:
                if not self.store.save_armed_key(c, key, self.clock()):
                    return Result.stale
                out = replace(out, armed_key=key)
            published = platform.publish(out)
        except ClaimLost as e:  # nothing was created: the new owner decides the post's fate
            log.warning("post %s: %s", post.id, e)
            self.store.record(
                c, attempt_id, Outcome(S.scheduled, AttemptOutcome.abandoned), self.clock()
            )
            return Result.stale
        except PlatformError as e:
            crashpoint("after_response")
            return self._finish(c, attempt_id, self._on_error(c, e))
        except ConfigError as e:  # read before any request of this publish went out
            return self._config_problem(c, e, attempt_id)
        except Exception as e:  # a bug in a client must not leave the post claimed
            log.exception("post %s: unexpected error while publishing", post.id)
            return self._finish(
                c,
                attempt_id,
                Outcome(
                    S.in_doubt,
                    AttemptOutcome.in_doubt,
                    type(e).__name__,
                    describe(e),
                    next_try_at=self.clock() + self.reconcile_after,
                ),
            )
        crashpoint("after_response")
        return self._finish(c, attempt_id, self._published(published, AttemptOutcome.published))

    def reconcile_claimed(self, c: Claimed) -> Result:
        post = c.post
        try:
            platform = self.platform(post.account)
            since = (post.scheduled_at or post.created_at or self.clock()) - timedelta(hours=1)
            found = platform.find(outgoing_for(post, self.settings), since)
        except (PlatformError, ConfigError) as e:
            return self._read_back_failed(c, e)
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
                    message=f"missed: not on the platform, and later than {self.max_lateness} "
                    "after its time; never sent late",
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

    def _late(self, post: Post) -> bool:
        due = post.scheduled_at
        return due is not None and retry.late(due, self.clock(), self.max_lateness)

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
                "no way to read the platform back" if no_read_back else f"{tries} read-backs failed"
            )
            return self._finish(
                c,
                None,
                Outcome(
                    S.needs_review,
                    AttemptOutcome.needs_review,
                    type(e).__name__,
                    f"{describe(e)} ({why}) — check the account and settle with 'sosmed resolve'",
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
                "post %s: a stale worker's result was not applied (%s)", c.post.id, outcome.outcome
            )
            return Result.stale
        return _RESULT_OF.get(outcome.status, Result.failed)


def retry_absent_error() -> PlatformError:
    """Proven absent after doubt: a retry like any not-sent error."""
    return Transient("the post is not on the platform")


def sweep_grace(settings: Settings) -> timedelta:
    """How long a swept post waits before it is read back: longer than any request of its
    dead (or paused) owner can still take to create it, so that a read-back does not find it
    absent, send it again, and then meet the first copy."""
    longest = max((a.timeout for a in settings.config.accounts), default=30.0)
    return timedelta(seconds=2 * (longest + CONNECT_TIMEOUT))


class LeaseKeeper:
    """While a worker sends a batch, renew the leases of the posts it still holds.

    A long send (photo uploads, a slow platform) then never outlives its lease while the
    worker lives; a dead or paused worker stops renewing, and its posts are swept after one
    lease. Posts whose claim moved on are dropped (their requests meet ClaimLost).
    """

    def __init__(self, publisher: Publisher, claims: list[Claimed]) -> None:
        self.publisher = publisher
        self.claims = {c.post.id or 0: c for c in claims}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        p = self.publisher
        every = max(0.2, p.lease.total_seconds() / 3)
        while not self._stop.wait(every) and self.claims:
            try:
                lost = p.store.renew(list(self.claims.values()), p.clock() + p.lease)
            except Exception:  # a failed renewal only shortens the lease; the send goes on
                log.warning("lease renewal failed", exc_info=True)
                continue
            for pid in lost:
                self.claims.pop(pid, None)


def publish_now(
    store: Store,
    settings: Settings,
    post_id: int,
    actor: str,
    wait: float | None = None,
    on_wait: Callable[[Post], None] | None = None,
    clock: Clock = utcnow,
) -> Post:
    """`sosmed publish POST_ID`: an approved or scheduled post goes out now, same protocol.

    A compare-and-set on the post as it was read: if a daemon takes it meanwhile (or was
    already sending it), this waits up to ``wait`` seconds for the daemon's result instead of
    sending it again, then returns the post as it is; still sending after that → PostInFlight.
    ``on_wait`` is told once when the wait begins (to say so to the person).
    """
    post = store.get_post(post_id)
    publisher = Publisher(store, settings, worker=f"cli:{actor}:{os.getpid()}", clock=clock)
    publisher.platform(post.account)  # a missing secret or option stops here, nothing changed
    limit = wait if wait is not None else in_flight_wait(settings, post.account)
    if post.status in (S.approved, S.scheduled, S.missed):
        try:
            store.schedule_now(post_id, actor, publisher.clock(), Seen.of(post))
        except PostInFlight:
            return wait_settled(store, post_id, limit, on_wait, clock=clock)
    elif post.status != S.publishing:
        raise InvalidTransition(
            f"post {post_id} is {post.status}; only approved or scheduled posts are published"
        )
    else:
        return wait_settled(store, post_id, limit, on_wait, clock=clock)
    publisher.tick(post_ids=[post_id])
    return wait_settled(store, post_id, limit, on_wait, clock=clock)


def in_flight_wait(settings: Settings, account: str) -> float:
    """How long `publish` waits for a daemon that is sending the same post: its request's
    time-outs, with room for uploads."""
    try:
        timeout = settings.account(account).timeout
    except ConfigError:
        timeout = 30.0
    return 2 * (timeout + CONNECT_TIMEOUT)


def wait_settled(
    store: Store,
    post_id: int,
    seconds: float,
    on_wait: Callable[[Post], None] | None = None,
    poll: float = 0.2,
    clock: Clock = utcnow,
) -> Post:
    """The post once no worker is sending it; PostInFlight if one still is after ``seconds``."""
    deadline = time.monotonic() + seconds
    told = False
    while True:
        post = store.get_post(post_id)
        busy = in_flight(post, clock(), store.tz) if post.status == S.publishing else None
        if busy is None:
            return post
        if time.monotonic() >= deadline:
            raise busy
        if on_wait is not None and not told:
            on_wait(post)
            told = True
        time.sleep(poll)
