"""The daemon: APScheduler as a ticker over the store. The posts table is the queue.

APScheduler (3.x, UTC, in-memory jobs only) calls five jobs: publish due (sweep, missed,
reconcile, publish), poll feeds (office's zone), check tokens (daily), engagement, heartbeat.
Nothing about a post lives in the scheduler. After STORAGE_FAILURES database failures in a row
the daemon stops with StorageError. sosmed.toml is read again on SIGHUP and when it changes.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import signal
import socket
import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import FrameType
from typing import IO, TYPE_CHECKING, Any

import psycopg
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import exc as sa_exc

from sosmed.errors import ConfigError, SosmedError, StorageError
from sosmed.i18n import _
from sosmed.office.engagement import engagement_once, schedule_engagement
from sosmed.office.faults import DAEMON_LOCK_WAIT, daemon_lock_path, daemon_running, database_failed
from sosmed.office.wording import tick_summary
from sosmed.publish.results import TickReport
from sosmed.redact import redact
from sosmed.settings import Settings

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from sosmed.office import Office
    from sosmed.store import Store


# Between polls, the least sleep before the next due post: posts due within it go together.
MIN_WAIT = 0.02
# Database failures of one job in a row before the daemon gives up. A locked or restarting
# database heals within a tick or two (SQLite already waits 15 s for a lock); five in a row,
# over a minute at the default 15 s poll, means it will not heal by itself (read-only, removed,
# tables gone): exiting lets systemd or cron and the operator see it, where a log line every
# tick forever would not be noticed.
STORAGE_FAILURES = 5
# Errors raised by the database itself; a constraint violation is a bug of ours, not storage.
_DB_ERRORS = (sa_exc.DBAPIError, sa_exc.TimeoutError, sqlite3.Error, psycopg.Error)
_CONSTRAINT = (sa_exc.IntegrityError, sqlite3.IntegrityError, psycopg.IntegrityError)


def storage_cause(error: BaseException) -> BaseException | None:
    """The database error behind ``error`` (itself, or an error it was raised from), if any."""
    e: BaseException | None = error
    while e is not None:
        if isinstance(e, _CONSTRAINT):
            return None
        if isinstance(e, _DB_ERRORS):
            return e
        e = e.__cause__
    return None


def one_line(error: BaseException) -> str:
    """The driver's own first line: SQLAlchemy's text adds the SQL and a link on more lines."""
    orig = getattr(error, "orig", None) or error
    lines = str(orig).strip().splitlines()
    return redact(f"{type(orig).__name__}: {lines[0] if lines else ''}")


def config_signature(path: Path) -> tuple[int, int] | None:
    """What tells that sosmed.toml changed: its modification time and size."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class DatabaseLock:
    """One daemon per SQLite file: an exclusive lock on a file beside the database."""

    def __init__(self, database_url: str) -> None:
        self.path = daemon_lock_path(database_url)
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
            raise daemon_running(holder) from None
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
    """The office's publisher and feed poller, run by the clock; all work goes through the
    office, so the daemon and a person at the command line do the same things the same way."""

    def __init__(self, office: Office, worker: str | None = None) -> None:
        if "store" not in office.__dict__:  # not opened yet: a daemon may wait longer
            office.lock_wait = DAEMON_LOCK_WAIT
        self.office = office
        self.publisher = office.publisher(worker)
        self.worker = self.publisher.worker
        self.lock = DatabaseLock(self.settings.database_url) if self.store.is_sqlite else None
        self.scheduler: BlockingScheduler | None = None
        # Jobs run in the scheduler's threads: the failure counts are shared between them.
        self._failures: dict[str, int] = {}
        self._failures_lock = threading.Lock()
        self.fatal: StorageError | None = None
        # Re-entrant: a second SIGHUP may arrive while the handler of the first still runs.
        self._reload_lock = threading.RLock()
        self._config_seen = config_signature(self.settings.config_path)

    @property
    def store(self) -> Store:
        return self.office.store

    @property
    def settings(self) -> Settings:
        return self.office.settings

    # Jobs

    def publish_tick(self, until: datetime | None = None) -> TickReport:
        report = self.publisher.tick(until=until)
        if report.count():
            log.info(_("putaran: %s"), tick_summary(report))
        self.heartbeat()
        self.office.alerts.after_tick()  # never raises; each send is time-bounded
        return report

    def publish_cycle(self) -> None:
        """One interval's work: a full tick, then each post that falls due before the next.

        The interval polls (posts scheduled meanwhile by `sosmed schedule`, retries, leases,
        reconciliation); between polls the daemon sleeps until the next known due time, so a
        post goes out at its time instead of up to an interval late.
        """
        self.reload_if_changed()
        self.publish_tick(until=self._next_poll())
        end = self._next_poll()
        stopping = self.publisher.stopping
        while not stopping.is_set():
            now = self.office.now()
            due = self.store.next_due(now)
            if due is None or due >= end:
                return
            if stopping.wait(max(MIN_WAIT, (due - now).total_seconds())):
                return
            self.publisher.publish_due(until=end)

    def _next_poll(self) -> datetime:
        """When this cycle must end: a little before the next poll, which would be skipped
        (one publish job at a time) if this one were still running."""
        interval = self.settings.config.daemon.publish_every_seconds
        job = self.scheduler.get_job("publish") if self.scheduler is not None else None
        at = job.next_run_time if job is not None and job.next_run_time else None
        at = at or self.office.now() + timedelta(seconds=interval)
        return at - timedelta(seconds=min(1.0, interval / 10))

    def poll_feeds(self) -> None:
        results, failures = self.office.poll_feeds()
        for f in failures:
            log.warning(_("feed gagal: %s"), f)
        if results:
            log.info(_("feed: %d berita baru"), sum(len(r.new) for r in results))

    def check_tokens(self) -> None:
        for account in self.settings.config.accounts:
            now = self.office.now()
            try:
                platform = self.publisher.platform(account.name)
                info = platform.check()
            except SosmedError as e:
                self.store.save_account_check(account.name, now, None, None, redact(str(e)))
                log.warning(_("akun %s: %s"), account.name, redact(str(e)))
                continue
            self.store.save_account_check(account.name, now, info.identity, info.expires_at, None)
            self.store.add_spend(account.name, platform.take_charges(), now)  # X's paid read

    def heartbeat(self) -> None:
        self.store.beat(self.worker, self.office.now(), os.getpid(), socket.gethostname())

    # Configuration

    def reload_if_changed(self) -> None:
        if config_signature(self.settings.config_path) != self._config_seen:
            self.reload_config(_("{name} berubah").format(name=self.settings.config_path.name))

    def reload_config(self, why: str) -> bool:
        """Read sosmed.toml again and publish with it from the next claim on.

        A file that is missing, empty (an editor half-way through writing it) or invalid
        keeps the running configuration: one log line, and the next change is tried again.
        """
        with self._reload_lock:
            path = self.settings.config_path
            self._config_seen = seen = config_signature(path)
            try:
                if seen is None or seen[1] == 0:
                    raise ConfigError(_("{path}: tidak ada atau kosong").format(path=path))
                new = Settings.load(self.settings.home)
            except SosmedError as e:
                log.error(
                    _("konfigurasi tidak dimuat ulang (%s); yang lama tetap dipakai: %s"), why, e
                )
                return False
            for key in restart_keys(self.settings, new):
                log.warning(
                    _("konfigurasi: '%s' berubah, berlaku setelah daemon dimulai ulang"), key
                )
            self.office.use_settings(new)
            self.publisher.use_settings(new)
            log.info(_("konfigurasi dimuat ulang (%s)"), why)
            return True

    # Running

    def run_once(self) -> TickReport:
        """Publish what is due, reconcile, poll feeds, read engagement, and return; a database
        failure ends it with StorageError at once (cron runs it again anyway)."""
        self._acquire()
        try:
            self.heartbeat()
            self.poll_feeds()
            report = self.publish_tick()
            engagement_once(self.office)  # after publishing: no due post waits on reads
            return report
        except Exception as e:
            cause = storage_cause(e)
            if cause is None:
                raise
            raise self._storage_error(cause, 1) from None
        finally:
            self._release()

    def run(self) -> None:
        """Tick until SIGTERM or SIGINT; the request in flight finishes, then exit."""
        self._acquire()
        d = self.settings.config.daemon
        # Two INFO lines per poll ("Running job", "executed successfully"): thousands a day
        # that bury the lines a person needs.
        logging.getLogger("apscheduler").setLevel(logging.WARNING)
        sched = BlockingScheduler(
            timezone=UTC,
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
        )
        self.scheduler = sched
        now = self.office.now()
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
        schedule_engagement(self, sched)
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGHUP, self._on_hup)
        log.info(_("daemon %s mulai"), self.worker)
        try:
            sched.start()
        finally:
            self._release()
            log.info(_("daemon %s berhenti"), self.worker)
        if self.fatal is not None:
            raise self.fatal

    def stop(self) -> None:
        self.publisher.stopping.set()
        sched = self.scheduler
        if sched is not None and sched.running:
            # Not here: a signal handler runs on the scheduler's own thread, possibly in the
            # middle of its loop, and shutting down there empties the job store under the
            # loop (JobLookupError, exit 1). Another thread waits for the loop to let go.
            threading.Thread(target=_shut_down, args=(sched,), name="stop", daemon=True).start()

    def _on_signal(self, signum: int, _frame: FrameType | None) -> None:
        log.info(_("sinyal %s: berhenti setelah kiriman yang sedang berjalan"), signum)
        self.stop()

    def _on_hup(self, _signum: int, _frame: FrameType | None) -> None:
        self.reload_config("SIGHUP")

    def _feed_trigger(self) -> CronTrigger:
        try:
            return CronTrigger.from_crontab(
                self.settings.config.daemon.poll_feeds_cron, timezone=self.settings.tz
            )
        except ValueError as e:
            raise ConfigError(
                _("{path}: kunci '{key}': {message}").format(
                    path=self.settings.config_path, key="daemon.poll_feeds_cron", message=e
                )
            ) from None

    def _safe(self, job: Any) -> Any:
        name = getattr(job, "__name__", "job")

        def run() -> None:
            try:
                job()
            except Exception as e:  # one bad tick must not stop the daemon
                cause = storage_cause(e)
                if cause is None:  # a bug: its traceback is what a developer needs
                    log.exception(_("tugas %s gagal"), name)
                else:
                    self._storage_failed(name, cause)
                return
            with self._failures_lock:
                self._failures[name] = 0

        run.__name__ = name
        return run

    def _storage_failed(self, job: str, cause: BaseException) -> None:
        """One line per failure; after STORAGE_FAILURES of a job in a row, stop the daemon."""
        with self._failures_lock:
            n = self._failures[job] = self._failures.get(job, 0) + 1
            give_up = n >= STORAGE_FAILURES and self.fatal is None
            if give_up:
                self.fatal = self._storage_error(cause, n)
        log.error(
            _("tugas %s: basis data gagal (%d/%d berturut-turut): %s"),
            job,
            n,
            STORAGE_FAILURES,
            one_line(cause),
        )
        if give_up:
            self.stop()

    def _storage_error(self, cause: BaseException, times: int) -> StorageError:
        return database_failed(self.settings.database_url, times, one_line(cause))

    def _acquire(self) -> None:
        if self.lock is not None:
            self.lock.acquire()

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()


# Keys the daemon reads once, at start: its store and its job timings.
_RESTART_KEYS = (
    ("database_url", lambda s: s.database_url),
    ("daemon.publish_every_seconds", lambda s: s.config.daemon.publish_every_seconds),
    ("daemon.poll_feeds_cron", lambda s: s.config.daemon.poll_feeds_cron),
    ("daemon.check_tokens_at", lambda s: s.config.daemon.check_tokens_at),
)


def restart_keys(old: Settings, new: Settings) -> list[str]:
    """The keys changed between ``old`` and ``new`` that only a restart applies."""
    return [key for key, get in _RESTART_KEYS if get(old) != get(new)]


def _shut_down(sched: BlockingScheduler) -> None:
    # wait=False: the executor's threads finish the request in flight before the process exits.
    with contextlib.suppress(SchedulerNotRunningError):  # stopped meanwhile (a second signal)
        sched.shutdown(wait=False)
