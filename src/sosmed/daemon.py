"""The daemon: APScheduler as a ticker over the store. The posts table is the queue.

APScheduler (3.x, timezone UTC, in-memory jobs only) just calls four jobs: publish due
(sweep, missed, reconcile, publish), poll feeds (cron in the office's zone), check tokens
(daily), heartbeat. Nothing about a post lives in the scheduler, so a restart loses nothing.
"""

from __future__ import annotations

import fcntl
import logging
import os
import signal
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import IO, Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from sosmed.errors import ConfigError, LockHeld, SosmedError
from sosmed.ingest.feeds import poll_all
from sosmed.models import Feed, utcnow
from sosmed.publish import Publisher, TickReport
from sosmed.redact import redact
from sosmed.settings import Settings
from sosmed.store import Store

log = logging.getLogger(__name__)

# Between polls, the least sleep before the next due post: posts due within it go together.
MIN_WAIT = 0.02


class DatabaseLock:
    """One daemon per SQLite file: an exclusive lock on a file beside the database."""

    def __init__(self, database_url: str) -> None:
        db = database_url.split("///", 1)[-1]
        self.path = Path(db + ".daemon.lock")
        self._fh: IO[str] | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = self.path.open("a+")
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            fh.close()
            raise LockHeld(
                f"another sosmed daemon ({holder}) is already running on this database; "
                "one daemon per SQLite file (use PostgreSQL for several)"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} on {socket.gethostname()}")
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None


class Daemon:
    def __init__(self, store: Store, settings: Settings, worker: str | None = None) -> None:
        self.store, self.settings = store, settings
        self.publisher = Publisher(store, settings, worker)
        self.worker = self.publisher.worker
        self.lock = DatabaseLock(settings.database_url) if store.is_sqlite else None
        self.scheduler: BlockingScheduler | None = None

    # Jobs

    def publish_tick(self) -> TickReport:
        report = self.publisher.tick()
        if report.count():
            log.info("tick: %s", {k: len(v) for k, v in report.__dict__.items() if v})
        self.heartbeat()
        return report

    def publish_cycle(self) -> None:
        """One interval's work: a full tick, then each post that falls due before the next.

        The interval polls (posts scheduled meanwhile by `sosmed schedule`, retries, leases,
        reconciliation); between polls the daemon sleeps until the next known due time, so a
        post goes out at its time instead of up to an interval late.
        """
        self.publish_tick()
        end = self._next_poll()
        stopping = self.publisher.stopping
        while not stopping.is_set():
            now = utcnow()
            due = self.store.next_due(now)
            if due is None or due >= end:
                return
            if stopping.wait(max(MIN_WAIT, (due - now).total_seconds())):
                return
            self.publisher.publish_due()

    def _next_poll(self) -> datetime:
        """When this cycle must end: a little before the next poll, which would be skipped
        (one publish job at a time) if this one were still running."""
        interval = self.settings.config.daemon.publish_every_seconds
        job = self.scheduler.get_job("publish") if self.scheduler is not None else None
        at = job.next_run_time if job is not None and job.next_run_time else None
        at = at or utcnow() + timedelta(seconds=interval)
        return at - timedelta(seconds=min(1.0, interval / 10))

    def poll_feeds(self) -> None:
        results, failures = poll_all(self.store, self.settings, on_new=self._on_new_article)
        for f in failures:
            log.warning("feed failed: %s", f)
        if results:
            log.info("feeds: %d new articles", sum(len(r.new) for r in results))

    def _on_new_article(self, article_id: int, feed: Feed) -> None:
        from sosmed.compose.build import compose_for_feed

        compose_for_feed(
            self.store, self.settings, article_id, feed.accounts, feed.auto_approve, feed.id
        )

    def check_tokens(self) -> None:
        for account in self.settings.config.accounts:
            now = utcnow()
            try:
                info = self.publisher.platform(account.name).check()
            except SosmedError as e:
                self.store.save_account_check(account.name, now, None, None, redact(str(e)))
                log.warning("account %s: %s", account.name, redact(str(e)))
                continue
            self.store.save_account_check(account.name, now, info.identity, info.expires_at, None)

    def heartbeat(self) -> None:
        self.store.beat(self.worker, utcnow(), os.getpid(), socket.gethostname())

    # Running

    def run_once(self) -> TickReport:
        """Publish what is due, reconcile, poll feeds, and return."""
        self._acquire()
        try:
            self.heartbeat()
            self.poll_feeds()
            return self.publish_tick()
        finally:
            self._release()

    def run(self) -> None:
        """Tick until SIGTERM or SIGINT; the request in flight finishes, then exit."""
        self._acquire()
        d = self.settings.config.daemon
        sched = BlockingScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self.scheduler = sched
        now = utcnow()
        sched.add_job(
            self._safe(self.publish_cycle),
            "interval",
            seconds=d.publish_every_seconds,
            next_run_time=now,
            id="publish",
        )
        sched.add_job(
            self._safe(self.poll_feeds), self._feed_trigger(), id="feeds", next_run_time=now
        )
        hour, minute = (int(x) for x in d.check_tokens_at.split(":"))
        sched.add_job(
            self._safe(self.check_tokens),
            "cron",
            hour=hour,
            minute=minute,
            timezone=self.settings.tz,
            id="tokens",
        )
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        log.info("daemon %s started", self.worker)
        try:
            sched.start()
        finally:
            self._release()
            log.info("daemon %s stopped", self.worker)

    def stop(self) -> None:
        self.publisher.stopping.set()
        if self.scheduler is not None and self.scheduler.running:
            # wait=False: the signal handler must return; the executor's threads finish the
            # request in flight before the process exits.
            self.scheduler.shutdown(wait=False)

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: stopping after the request in flight", signum)
        self.stop()

    def _feed_trigger(self) -> CronTrigger:
        try:
            return CronTrigger.from_crontab(
                self.settings.config.daemon.poll_feeds_cron, timezone=self.settings.tz
            )
        except ValueError as e:
            raise ConfigError(
                f"{self.settings.config_path}: key 'daemon.poll_feeds_cron': {e}"
            ) from None

    def _safe(self, job: Any) -> Any:
        def run() -> None:
            try:
                job()
            except Exception:  # one bad tick must not stop the daemon
                log.exception("job %s failed", getattr(job, "__name__", job))

        run.__name__ = getattr(job, "__name__", "job")
        return run

    def _acquire(self) -> None:
        if self.lock is not None:
            self.lock.acquire()

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
