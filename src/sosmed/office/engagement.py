"""The office's engagement: one pass reads the counters of every published post whose stage
(1 h, 24 h, 7 days after publishing) is due, and stores them; `sosmed engagement collect`, the
daemon's engagement job, `sosmed log --metrics`, `sosmed posts` and the report come here.

A pass never stops publishing and never raises for a platform. A read the token may not
make is stored as not allowed (told once per account) and not asked again for that stage; the
account's other due stages in the same pass are stored so without asking. A post that is gone
is stored as failed. Any other failure (token, rate limit, network, 5xx) ends the account's
pass, and the next pass tries again. Paid reads (X) count against ``read_budget_usd`` a month.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sosmed.engagement.counters import FAILED, MISSED, NOT_ALLOWED
from sosmed.engagement.due import due_stages, window
from sosmed.errors import (
    AuthError,
    ConfigError,
    NotAllowed,
    PlatformError,
    RateLimited,
    Rejected,
)
from sosmed.i18n import _, translated
from sosmed.redact import redact

if TYPE_CHECKING:
    from sosmed.models import Engagement, Post
    from sosmed.office import Office
    from sosmed.platforms.base import Platform
    from sosmed.settings import Account

log = logging.getLogger(__name__)

# After the last stage and its grace, a post already followed has this long for its open
# stages to be closed as missed (a daemon down for longer leaves them open).
SETTLE = timedelta(days=30)


@dataclass
class Pass:
    """What one pass did: rows stored, reads made and their cost, and what a person should
    hear (each account once)."""

    stored: int = 0
    reads: int = 0
    cost: float = 0.0
    refused: dict[str, str] = field(default_factory=dict)  # newly refused accounts: why
    failed: dict[str, str] = field(default_factory=dict)  # accounts that failed: why
    skipped: bool = False  # another daemon is collecting (PostgreSQL)


def collects(account: Account, platform: type[Platform]) -> bool:
    """Whether the account's counters are read: its ``collect`` key, else its platform's
    default (off where reads are paid)."""
    if not platform.can_report_engagement:
        return False
    return platform.collects_by_default if account.collect is None else account.collect


class EngagementDesk:
    def __init__(self, office: Office) -> None:
        self.office = office

    def accounts(self) -> dict[str, str | None]:
        """Every configured account: None when its counters are read, else why not."""
        from sosmed.platforms.registry import platform_class

        out: dict[str, str | None] = {}
        for account in self.office.settings.config.accounts:
            cls = platform_class(account.platform)
            if not cls.can_report_engagement:
                out[account.name] = (
                    translated(cls.no_engagement) if cls.no_engagement else _("tidak tersedia")
                )
            elif not collects(account, cls):
                out[account.name] = _("tidak dikumpulkan (collect = false)")
            else:
                out[account.name] = None
        return out

    def collect(self) -> Pass:
        """One pass over the due stages of every collecting account."""
        config = self.office.settings.config.engagement
        done = Pass()
        if not config.enabled:
            return done
        names = [name for name, why in self.accounts().items() if why is None]
        store = self.office.store
        with store.engagement_turn() as mine:
            if not mine:
                done.skipped = True
                return done
            now = self.office.now()
            stages = config.ages()
            since = now - window(stages, config.grace)
            ages = [age for _stage, age in stages]
            found = store.engagement_candidates(names, now, ages, since, since - SETTLE)
            by_account: dict[str, list[tuple[Post, set[str]]]] = {}
            for post, have in found:
                by_account.setdefault(post.account, []).append((post, have))
            for account, posts in by_account.items():
                self._account(account, posts, done)
        return done

    def _account(self, name: str, posts: list[tuple[Post, set[str]]], done: Pass) -> None:
        from sosmed.platforms.registry import for_account

        settings, store = self.office.settings, self.office.store
        config = settings.config.engagement
        platform: Platform | None = None
        refused: str | None = None  # the token's refusal in this pass: the same for every post
        for post, have in posts:
            now = self.office.now()
            assert post.published_at is not None
            for due in due_stages(post.published_at, now, have, config.ages(), config.grace):
                if not due.read or refused is not None:
                    note = MISSED if not due.read else NOT_ALLOWED
                    empty = _row(post, due.stage, now, note=note, detail=refused)
                    done.stored += store.add_engagement([empty])
                    continue
                try:
                    platform = platform or for_account(settings.account(name), settings)
                except ConfigError as e:
                    done.failed[name] = redact(str(e))
                    return
                if not self._affordable(platform, name, now, done):
                    return
                row, stop = self._read(platform, post, due.stage, now, done)
                if row is not None:
                    done.stored += store.add_engagement([row])
                    refused = row.detail if row.note == NOT_ALLOWED else None
                if stop:
                    return

    def _read(
        self, platform: Platform, post: Post, stage: str, now: datetime, done: Pass
    ) -> tuple[Engagement | None, bool]:
        """(the row to store, whether to stop the account's pass)."""
        from sosmed.platforms.base import Published

        name = post.account
        cost = platform.read_price  # counted for reads answered (a refusal is not billed)
        try:
            counters = platform.metrics(
                Published(post.remote_id or "", post.remote_url, post.published_at)
            )
        except NotAllowed as e:
            why = redact(str(e))
            if name not in done.refused and not self.office.store.engagement_refused(name):
                log.warning("angka keterlibatan %s tidak diizinkan: %s", name, why)
                done.refused[name] = why
            return _row(post, stage, now, note=NOT_ALLOWED, detail=why), False
        except Rejected as e:  # the post is gone, or the read refused for good
            return _row(post, stage, now, note=FAILED, detail=redact(str(e))), False
        except PlatformError as e:
            # A token refused, a rate limit, the network, a 5xx: the account's trouble, not
            # the post's. Its pass stops here (no timeout per post); the next pass tries again.
            done.failed[name] = redact(str(e))
            level = logging.WARNING if isinstance(e, AuthError | RateLimited) else logging.INFO
            log.log(level, "angka keterlibatan %s tidak terbaca: %s", name, done.failed[name])
            return None, True
        done.reads += 1
        done.cost += cost
        # X bills the read: into the account's spend ledger, where its budget counts it.
        charges = [replace(c, post_id=post.id) for c in platform.take_charges()]
        self.office.store.add_spend(name, charges, now)
        values = {k: int(v) for k, v in counters.values.items()}
        detail = redact(counters.detail) if counters.detail else None
        row = _row(post, stage, now, counters=values, note=counters.note, detail=detail, cost=cost)
        return row, False

    def _affordable(self, platform: Platform, name: str, now: datetime, done: Pass) -> bool:
        """A paid read is made only while the month's reads stay within the budget."""
        budget = self.office.settings.config.engagement.read_budget_usd
        if not platform.read_price or budget is None:
            return True
        local = now.astimezone(self.office.settings.tz)
        month = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
        spent = self.office.store.engagement_cost(month)
        if spent + platform.read_price <= budget + 1e-9:
            return True
        done.failed[name] = _(
            "anggaran baca bulan ini habis ({spent:.3f} dari {budget:.2f} USD)"
        ).format(spent=spent, budget=budget)
        return False

    # Reading back

    def recent(self, since: datetime | None, account: str | None, limit: int) -> list[Engagement]:
        return self.office.store.recent_engagement(since, self.office.account_name(account), limit)

    def newest(self, post_ids: list[int]) -> dict[int, dict[str, int]]:
        """Each post's newest counters (posts without any left out)."""
        return self.office.store.newest_counters(post_ids)


def _row(
    post: Post,
    stage: str,
    now: datetime,
    *,
    counters: dict[str, int] | None = None,
    note: str | None = None,
    detail: str | None = None,
    cost: float = 0.0,
) -> Engagement:
    from sosmed.models import Engagement

    assert post.id is not None
    return Engagement(
        post_id=post.id,
        account=post.account,
        platform=post.platform,
        stage=stage,
        collected_at=now,
        counters=counters or {},
        note=note,
        detail=detail,
        cost=cost,
    )


def engagement_once(office: Office) -> Pass:
    """One pass for `sosmed daemon --once` (cron), after its publishing: each run reads what
    has fallen due since the last (nothing when nothing has). Off with ``[engagement]
    enabled = false``, as the daemon's job."""
    done = EngagementDesk(office).collect()
    _told(done)
    return done


def _told(done: Pass) -> None:
    if done.stored:
        log.info(
            "keterlibatan: %d baris disimpan, %d dibaca (%.3f USD)",
            done.stored,
            done.reads,
            done.cost,
        )


def schedule_engagement(daemon: Any, scheduler: Any) -> None:
    """The daemon's engagement job, the first pass at once. It wakes every minute and makes a
    pass when ``[engagement] every_minutes`` have gone by since the last, so that a reloaded
    sosmed.toml (enabled, every_minutes) applies without a restart. Wrapped like the daemon's
    other jobs: a failing database is counted, a bug logged, publishing never stopped."""
    desk = EngagementDesk(daemon.office)
    last: list[datetime] = []

    def engagement() -> None:
        config = daemon.office.settings.config.engagement
        now = daemon.office.now()
        if not config.enabled or (
            last and now - last[-1] < timedelta(minutes=config.every_minutes)
        ):
            return
        last[:] = [now]
        _told(desk.collect())

    scheduler.add_job(
        daemon._safe(engagement),
        "interval",
        minutes=1,
        id="engagement",
        next_run_time=daemon.office.now(),
    )
