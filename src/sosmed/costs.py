"""Money a platform charges per request, and the monthly budget rule. Pure: no I/O.

Amounts are integers in micro-dollars (1 USD = 1,000,000) so that sums never round. A
platform that bills per request (X pay-per-use) reports each billable request as a
:class:`Charge`; the publishing path records it in the ``spend`` ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from decimal import Decimal, InvalidOperation

from sosmed.errors import ConfigError
from sosmed.i18n import _

MICROS = 1_000_000
BUDGET_OPTION = "monthly_budget_usd"
# The reason a post held by its account's budget carries; `status`, alerts and the log find
# held posts by it.
HELD_BUDGET = "ditahan: anggaran"


@dataclass(frozen=True)
class Charge:
    """One billable request: the price's name, how many units it billed, what they cost."""

    kind: str
    usd_micros: int
    price_date: str
    units: int = 1
    post_id: int | None = None
    at: datetime | None = None


def micros(usd: str) -> int:
    """'0.015' → 15000."""
    return int(Decimal(usd) * MICROS)


def usd(amount: int) -> str:
    """15000 → '$0.015'; whole cents keep two places: 1000000 → '$1.00'."""
    value = Decimal(amount) / MICROS
    text = f"{value:.3f}" if amount % 10_000 else f"{value:.2f}"
    return "$" + text


def budget_micros(options: dict[str, str], account: str) -> int | None:
    """The account's monthly budget from its options, or None when it has none."""
    raw = options.get(BUDGET_OPTION)
    if raw is None or str(raw).strip() == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise ConfigError(
            _(
                'akun {account}: options.{option} harus jumlah dolar AS, mis. "25" atau '
                '"2.50", bukan {value!r}'
            ).format(account=account, option=BUDGET_OPTION, value=raw)
        )
    return int(value * MICROS)


def month_start(now: datetime, tz: tzinfo) -> datetime:
    """The first instant of ``now``'s month in the office's zone, in UTC."""
    local = now.astimezone(tz)
    return local.replace(day=1, hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def next_month_start(now: datetime, tz: tzinfo) -> datetime:
    local = now.astimezone(tz)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    return local.replace(
        year=year, month=month, day=1, hour=0, minute=0, second=0, microsecond=0
    ).astimezone(UTC)


def over_budget(spent: int, price: int, budget: int | None) -> bool:
    """Whether a request of ``price`` would take the month's spend past the budget."""
    return budget is not None and spent + price > budget


def money(spent: int, budget: int | None) -> str:
    """'$0.415' or, with a budget, '$0.415 dari $25.00'."""
    if budget is None:
        return usd(spent)
    return _("{spent} dari {budget}").format(spent=usd(spent), budget=usd(budget))
