"""What the office reads back for people: the post log and the monthly report."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sosmed.attempts import LogFilter, LogRow
    from sosmed.office import Office
    from sosmed.settings import Settings


def log_newest(office: Office, f: LogFilter, limit: int) -> list[LogRow]:
    from sosmed.store.fast_log import DirectLog

    # Straight through the database driver when it can (no SQLAlchemy to start);
    # through the store otherwise (no database yet, an old schema).
    direct = DirectLog.open(office.settings.database_url)
    try:
        rows = direct.newest(f, limit) if direct else None
    finally:
        if direct is not None:
            direct.close()
    return rows if rows is not None else office.store.log_rows(f, limit)


def log_oldest_first(office: Office, f: LogFilter) -> Iterator[LogRow]:
    from sosmed.store.fast_log import DirectLog

    direct = DirectLog.open(office.settings.database_url)
    try:
        found = direct.oldest_first(f) if direct else None
        yield from found if found is not None else office.store.iter_log(f)
    finally:
        if direct is not None:
            direct.close()


def report(
    office: Office,
    start: datetime,
    end: datetime,
    lang: str,
    month: bool,
    account: str | None,
    now: datetime,
) -> tuple[str, int, int]:
    from sosmed.report.build import ReportInput, build, read_report, render

    settings = office.settings
    inp = ReportInput(start, end, settings.tz, lang=lang, month=month, generated_at=now)
    inp.account = office.account_name(account)
    inp.engagement_off = _engagement_off(office)
    inp.spend = budgets(settings)
    inp = read_report(office.store, inp, [settings.media_dir, settings.home])
    return render(build(inp)), len(inp.posts), len(inp.articles)


def _engagement_off(office: Office) -> dict[str, str]:
    """Configured accounts whose counters are not read, and why, as the report words it."""
    from sosmed.office.engagement import collects
    from sosmed.platforms.registry import platform_class

    off = {}
    for account in office.settings.config.accounts:
        cls = platform_class(account.platform)
        if not cls.can_report_engagement:
            off[account.name] = "no_bot_api" if cls.name == "telegram" else "eng_unavailable"
        elif not collects(account, cls):
            off[account.name] = "not_collected"
    return off


def budgets(settings: Settings) -> dict[str, tuple[int, int | None]]:
    """(0, monthly budget) of each account that has a budget that reads as one."""
    from sosmed.costs import budget_micros
    from sosmed.errors import ConfigError

    out: dict[str, tuple[int, int | None]] = {}
    for acc in settings.config.accounts:
        try:
            budget = budget_micros(acc.options, acc.name)
        except ConfigError:
            continue
        if budget is not None:
            out[acc.name] = (0, budget)
    return out
