"""Money, prices and the budget rule, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sosmed.costs import (
    budget_micros,
    micros,
    month_start,
    next_month_start,
    over_budget,
    usd,
)
from sosmed.errors import ConfigError
from sosmed.platforms.x_pricing import PRICES, create_kind, post_price
from sosmed.settings import Account

WIB = ZoneInfo("Asia/Jakarta")


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (15_000, "$0.015"),
        (200_000, "$0.20"),
        (215_000, "$0.215"),
        (1_000_000, "$1.00"),
        (0, "$0.00"),
    ],
)
def test_dollars_are_shown_to_the_cent_or_the_tenth_of_a_cent(amount: int, shown: str) -> None:
    assert usd(amount) == shown


def test_a_budget_reads_as_dollars_or_is_a_config_error() -> None:
    assert budget_micros({"monthly_budget_usd": "2.50"}, "x") == 2_500_000
    assert budget_micros({"monthly_budget_usd": "25"}, "x") == micros("25")
    assert budget_micros({}, "x") is None
    for bad in ("banyak", "-1", "NaN", "inf"):
        with pytest.raises(ConfigError, match="monthly_budget_usd"):
            budget_micros({"monthly_budget_usd": bad}, "x")


def test_the_month_is_the_offices_month() -> None:
    # 23:30 WIB on 30 November is still November in the office; 17:30 on 30 November UTC.
    late = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
    assert month_start(late, WIB) == datetime(2026, 10, 31, 17, 0, tzinfo=UTC)
    assert next_month_start(late, WIB) == datetime(2026, 11, 30, 17, 0, tzinfo=UTC)
    december = datetime(2026, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 WIB, 1 January
    assert next_month_start(december, WIB) == datetime(2027, 1, 31, 17, 0, tzinfo=UTC)


def test_a_post_passing_the_budget_is_held_one_that_reaches_it_is_not() -> None:
    assert not over_budget(800_000, 200_000, 1_000_000)
    assert over_budget(800_001, 200_000, 1_000_000)
    assert not over_budget(10**12, 200_000, None)


def test_x_prices_by_link_mode() -> None:
    def account(**options: str) -> Account:
        return Account(name="x_humas", platform="x", options=options)

    assert create_kind("Jembatan selesai") == "create"
    assert create_kind("Baca di https://pemkab.go.id/b/1") == "create_url"
    assert create_kind("Baca di pemkab.go.id") == "create_url"  # a bare domain is a link to X
    text = "Jembatan selesai #Bengkalis"
    assert post_price(account(), text, 0, False) == PRICES["create"] == 15_000
    assert post_price(account(link="reply"), text, 0, False) == 215_000
    assert post_price(account(link="reply"), text, 0, True) == 200_000  # the reply alone
    assert post_price(account(link="none"), text, 2, False) == 25_000  # two alt texts
