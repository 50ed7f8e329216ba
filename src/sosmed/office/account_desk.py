"""An admin's work on the office's accounts from the workspace: which secrets each account has
(never their values), a credentials check, a new secret, an X account's monthly budget — the
same as `sosmed accounts check`, `accounts set-secret` and `accounts budget`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.office import Office


@dataclass(frozen=True)
class AccountCard:
    name: str
    platform: str
    # (secret name, stored?) for each secret the platform takes; optional ones flagged.
    secrets: list[tuple[str, bool, bool]] = field(default_factory=list)
    budget_usd: str | None = None  # an X account's monthly budget, as sosmed.toml has it
    takes_budget: bool = False


def cards(office: Office) -> list[AccountCard]:
    """Each configured account with the secrets its platform takes and whether each is set."""
    from sosmed.costs import BUDGET_OPTION
    from sosmed.platforms.registry import platform_class

    settings, out = office.settings, []
    for account in settings.config.accounts:
        try:
            cls = platform_class(account.platform)
        except SosmedError:
            out.append(AccountCard(account.name, account.platform))
            continue
        secrets = []
        for optional, names in ((False, cls.secret_fields), (True, cls.optional_secret_fields)):
            for name in names:
                try:
                    present = settings.secret(account.name, name, required=False) is not None
                except SosmedError:
                    present = False
                secrets.append((name, present, optional))
        budget = (account.options or {}).get(BUDGET_OPTION)
        out.append(
            AccountCard(
                account.name,
                account.platform,
                secrets,
                None if budget is None else str(budget),
                takes_budget=account.platform == "x",
            )
        )
    return out


def check(office: Office, name: str) -> tuple[bool, str]:
    """Ask the account's platform who it is: (fine?, one line saying so)."""
    from sosmed.timefmt import short_form

    (row,) = office.check_accounts(name)
    if not row["ok"]:
        return False, _("{account}: gagal — {error}").format(
            account=row["account"], error=row["error"]
        )
    line = _("{account}: baik — {identity}").format(
        account=row["account"], identity=row["identity"]
    )
    if row["expires_at"]:
        from datetime import datetime

        when = short_form(datetime.fromisoformat(row["expires_at"]), office.settings.tz)
        line += ", " + _("token kedaluwarsa {when}").format(when=when)
    return True, line


def save_secret(office: Office, account: str, field_name: str, value: str) -> str:
    """Store a secret for the account (the secrets file, mode 0600); the account's name.
    The value is masked in every page from now on."""
    from sosmed.office.workspace import remember_secrets

    value = value.strip()
    if not value:
        raise InputError(_("nilai rahasia kosong; tidak ada yang disimpan"))
    name = office.secret_account(account, field_name)
    office.save_secret(name, field_name, value)
    remember_secrets(office)
    return name


def set_budget(office: Office, account: str, amount: str) -> int:
    """An X account's monthly budget in sosmed.toml (micro-dollars as stored)."""
    from sosmed.office.spending import set_budget as write_budget

    return write_budget(office, account, amount)
