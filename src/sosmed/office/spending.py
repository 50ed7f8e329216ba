"""What the office spent on platforms that bill per request (X pay-per-use), as people read
it: `sosmed log --spend`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sosmed.costs import money, usd
from sosmed.i18n import N_, _, translated

if TYPE_CHECKING:
    from sosmed.models import Post
    from sosmed.office import Office
    from sosmed.post_row import PostRow

# The ledger's price names in plain words.
KIND_WORDS = {
    "create": N_("posting"),
    "create_url": N_("posting bertautan"),
    "media_metadata": N_("teks alt foto"),
    "post_read": N_("baca posting"),
    "user_read": N_("baca akun"),
}


def spend_lines(office: Office, start: datetime, end: datetime, account: str | None) -> list[str]:
    """A table of the period's spend by account and kind, each account with its total (and
    its monthly budget); under 80 columns."""
    from sosmed.office.reading import budgets

    rows = office.store.spend_by_kind(start, end, office.account_name(account))
    if not rows:
        return [_("tidak ada biaya tercatat pada periode ini")]
    budget = {name: b for name, (_zero, b) in budgets(office.settings).items()}
    head = f"{_('akun'):<24} {_('jenis'):<22} {_('jumlah'):>8} {_('biaya'):>12}"
    lines = [head]
    totals: dict[str, int] = {}
    for acc, kind, units, micros in rows:
        word = translated(KIND_WORDS.get(kind, kind))
        lines.append(f"{acc[:24]:<24} {word[:22]:<22} {units:>8} {usd(micros):>12}")
        totals[acc] = totals.get(acc, 0) + micros
    for acc, total in totals.items():
        lines.append(f"{acc[:24]:<24} {_('total'):<22} {'':>8} {money(total, budget.get(acc))}")
    return lines


def post_price(office: Office, post: Post | PostRow) -> int | None:
    """What sending ``post`` costs its account, in micro-dollars; None when its platform does
    not bill per request (or the account is no longer configured)."""
    from sosmed.errors import ConfigError
    from sosmed.platforms.outgoing import outgoing_for
    from sosmed.platforms.rules import rules_class

    try:
        account = office.settings.account(post.account)
        cls = rules_class(account.platform)  # the price is a rule: no client loaded
    except ConfigError:
        return None
    return cls.price(account, outgoing_for(post, office.settings))


def set_budget(office: Office, account: str, amount: str) -> int:
    """Set the account's monthly budget in sosmed.toml (US dollars, as text); the budget in
    micro-dollars. Refused for an account whose requests are not billed one by one."""
    from decimal import Decimal, InvalidOperation

    from sosmed.costs import BUDGET_OPTION, budget_micros
    from sosmed.errors import InputError
    from sosmed.office.names import configured_account
    from sosmed.platforms.registry import platform_class
    from sosmed.settings import Settings
    from sosmed.settings_edit import set_account_option

    acc = configured_account(office.settings, account)
    if not platform_class(acc.platform).billed(acc):
        raise InputError(
            _(
                "akun {account} tidak dibayar per permintaan (hanya X pay-per-use): "
                "anggaran tidak berlaku"
            ).format(account=acc.name)
        )
    try:
        value = Decimal(amount.strip().lstrip("$"))
    except InvalidOperation:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise InputError(
            _("anggaran {amount!r}: jumlah dolar AS, mis. 25 atau 2.50").format(amount=amount)
        )
    micros = budget_micros({BUDGET_OPTION: str(value)}, acc.name)
    assert micros is not None
    number = int(value) if value == value.to_integral_value() else float(value)
    set_account_option(office.settings.config_path, acc.name, BUDGET_OPTION, number)
    office.use_settings(Settings.load(office.settings.home))
    return micros
