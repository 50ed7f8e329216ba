"""The monthly budget, asked before a billable send: a post that would take its account past
the month's budget is held (it stays scheduled, with the reason), not failed, and goes once
the month rolls over or the budget is raised."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sosmed.costs import (
    BUDGET_OPTION,
    HELD_BUDGET,
    budget_micros,
    month_start,
    next_month_start,
    over_budget,
    usd,
)
from sosmed.errors import ConfigError
from sosmed.i18n import _

if TYPE_CHECKING:  # `status` reads the budgets without the platform clients
    from sosmed.platforms.base import Outgoing, Platform
    from sosmed.settings import Settings
    from sosmed.store import Store
    from sosmed.store.fast_health import HealthReads

# A held post is looked at again this often: a budget raised in sosmed.toml (which the daemon
# reads again by itself) lets it go within this time.
RECHECK = timedelta(minutes=5)


def hold(
    store: Store, settings: Settings, platform: Platform, out: Outgoing, now: datetime
) -> tuple[str, datetime] | None:
    """(the reason, when to look again) when sending ``out`` would pass the account's budget;
    None when it may go (no budget, or a platform that does not bill per request)."""
    account = settings.account(out.account)
    price = type(platform).price(account, out)
    budget = budget_micros(account.options, account.name)
    if price is None or budget is None:
        return None
    spent = store.spent(account.name, month_start(now, settings.tz))
    if not over_budget(spent, price, budget):
        return None
    why = _("{spent} dari {budget} sudah terpakai bulan ini; posting ini {price}").format(
        spent=usd(spent), budget=usd(budget), price=usd(price)
    )
    return f"{HELD_BUDGET} — {why}", min(next_month_start(now, settings.tz), now + RECHECK)


def month_spend(
    store: Store | HealthReads, settings: Settings, now: datetime
) -> dict[str, tuple[int, int | None]]:
    """(spent this month, budget) in micro-dollars per account that is billed per request or
    spent anything this month."""
    from sosmed.platforms.rules import rules_class

    spent = store.spent_by_account(month_start(now, settings.tz))
    out: dict[str, tuple[int, int | None]] = {}
    for acc in settings.config.accounts:
        try:  # the platform's rules, not its client: billing is a rule
            billed = rules_class(acc.platform).billed(acc)
        except ConfigError:
            billed = False  # a platform not installed
        if acc.name in spent or billed:
            try:
                budget = budget_micros(acc.options, acc.name)
            except ConfigError:
                budget = None  # `status` names the account's problem elsewhere
            out[acc.name] = (spent.get(acc.name, 0), budget)
    for name, amount in spent.items():  # an account since removed still spent it
        out.setdefault(name, (amount, None))
    return out


def budget_problems(
    store: Store | HealthReads, settings: Settings, spend: dict[str, tuple[int, int | None]]
) -> list[str]:
    """One line per account whose posts wait for money: the posts and how to let them go."""
    by_account: dict[str, list[int]] = {}
    for post in store.held_by_budget():
        by_account.setdefault(post.account, []).append(post.id or 0)
    lines = []
    for account, ids in by_account.items():
        spent, budget = spend.get(account, (0, None))
        lines.append(
            _(
                "akun {account}: {n} posting (id {ids}) {held} — {spent} dari {budget} "
                "terpakai bulan ini; naikkan: sosmed accounts budget {account} JUMLAH "
                "(options.{option} di {config}) atau tunggu bulan berikutnya"
            ).format(
                account=account,
                n=len(ids),
                ids=", ".join(map(str, ids)),
                held=HELD_BUDGET,
                spent=usd(spent),
                budget=usd(budget) if budget is not None else "—",
                option=BUDGET_OPTION,
                config=settings.config_path.name,
            )
        )
    return lines
