"""An account name typed by a person, checked against the accounts the office knows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sosmed.errors import ConfigError, InputError
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.settings import Account, Settings


def configured_account(settings: Settings, name: str) -> Account:
    """The configured account a person named; a name not in sosmed.toml is bad input (exit
    2), as in `posts --account`, not a broken configuration."""
    try:
        return settings.account(name)
    except ConfigError as e:
        raise InputError(str(e)) from None


def known_account(settings: Settings, name: str) -> str:
    """The account's spelling as the office knows it: configured now, or with history in the
    database (an account since removed from sosmed.toml keeps its posts and log). An unknown
    name is refused: a typo must not look like an account with nothing in it."""
    configured = [a.name for a in settings.config.accounts]
    for known in configured:
        if known.lower() == name.lower():
            return known
    if _in_database(settings.database_url, name):
        return name  # as typed: both tables' account indexes answer at once
    past = _accounts_in_database(settings.database_url)
    for known in past:
        if known.lower() == name.lower():
            return known
    every = sorted(set(configured) | set(past), key=str.lower)
    listed = ", ".join(every) if every else _("belum ada akun di sosmed.toml")
    raise InputError(
        _("akun {name} tidak dikenal; akun yang ada: {listed}").format(
            name=repr(name), listed=listed
        )
    )


def _in_database(database_url: str, name: str) -> bool:
    from sosmed.store.fast_log import DirectLog

    direct = DirectLog.open(database_url)
    if direct is None:
        return False
    try:
        mark = direct.dialect.mark
        found = direct.conn.execute(
            f"SELECT 1 FROM post WHERE account = {mark} "
            f"UNION ALL SELECT 1 FROM attempt WHERE account = {mark} LIMIT 1",
            (name, name),
        ).fetchone()
    except Exception:  # no tables yet (a database never migrated): no history
        return False
    finally:
        direct.close()
    return found is not None


def _accounts_in_database(database_url: str) -> list[str]:
    # Through the driver alone, as the log reads: `sosmed log --account` stays quick.
    from sosmed.store.fast_log import DirectLog

    direct = DirectLog.open(database_url)
    if direct is None:
        return []
    try:
        rows = direct.conn.execute(
            "SELECT account FROM post UNION SELECT account FROM attempt"
        ).fetchall()
    except Exception:  # no tables yet (a database never migrated): no history
        return []
    finally:
        direct.close()
    return [str(r[0]) for r in rows]
