"""The office's accounts and the platforms they are on: what each accepts, who each is."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.redact import redact
from sosmed.settings import write_secret

if TYPE_CHECKING:
    from sosmed.office import Office


def platform_rows() -> list[dict[str, Any]]:
    """Every platform sosmed publishes to, by name, with its limits and the settings its
    accounts take."""
    from sosmed.platforms.registry import platform_classes

    rows: list[dict[str, Any]] = []
    for name, cls in sorted(platform_classes().items()):
        lim = cls.limits
        rows.append(
            {
                "name": name,
                "max_length": lim.max_length,
                "unit": lim.unit,
                "max_images": lim.max_images,
                "min_images": lim.min_images,
                "caption_max_length": lim.caption_max_length,
                "image_max_bytes": lim.image_max_bytes,
                "hashtag_cap": lim.hashtag_cap,
                "secrets": list(cls.secret_fields),
                "optional_secrets": list(cls.optional_secret_fields),
                "options": list(cls.option_fields),
            }
        )
    return rows


def check_accounts(office: Office, name: str | None) -> list[dict[str, Any]]:
    """One row per account (or the one named): its identity and token expiry, or why the
    platform refused it. Each answer is saved, for `status` to tell."""
    from sosmed.office.names import configured_account
    from sosmed.platforms.registry import for_account

    settings = office.settings
    accounts = [configured_account(settings, name)] if name else settings.config.accounts
    if not accounts:
        raise InputError(
            _("belum ada akun di {path}; tambahkan tabel [[accounts]]").format(
                path=settings.config_path
            )
        )
    results = []
    for acc in accounts:
        row: dict[str, Any] = {
            "account": acc.name,
            "platform": acc.platform,
            "ok": False,
            "identity": None,
            "expires_at": None,
            "error": None,
        }
        try:
            platform = for_account(acc, settings)
            info = platform.check()
            office.store.add_spend(acc.name, platform.take_charges(), office.now())
            row.update(
                ok=True,
                identity=info.identity,
                expires_at=info.expires_at.isoformat() if info.expires_at else None,
            )
            office.store.save_account_check(
                acc.name, office.now(), info.identity, info.expires_at, None
            )
        except SosmedError as e:
            message = redact(str(e))
            row["error"] = message
            office.store.save_account_check(acc.name, office.now(), None, None, message)
        results.append(row)
    return results


def refuse_unreachable_media(office: Office, accounts: list[str]) -> None:
    """InputError when one of these accounts is on a platform that fetches photos itself
    (Instagram) and ``media.public_base_url`` is not an address it can reach."""
    from sosmed.platforms.public_media import media_problem
    from sosmed.platforms.registry import platform_classes

    classes = platform_classes()
    for acc in office.settings.config.accounts:
        cls = classes.get(acc.platform)
        if acc.name not in accounts or cls is None or not cls.fetches_media:
            continue
        if (problem := media_problem(office.settings, acc, cls.title)) is not None:
            raise InputError(problem)


def secret_account(office: Office, account: str, field: str) -> str:
    """The account's configured name, once ``field`` is known to be a secret its platform
    takes (checked before anyone types the secret)."""
    from sosmed.office.names import configured_account
    from sosmed.platforms.registry import platform_classes

    acc = configured_account(office.settings, account)
    cls = platform_classes().get(acc.platform)
    known = (*cls.secret_fields, *cls.optional_secret_fields) if cls is not None else ()
    if known and field not in known:
        raise InputError(
            _("akun {platform} memakai rahasia {known}").format(
                platform=acc.platform, known=", ".join(known)
            )
        )
    return acc.name


def save_secret(office: Office, account: str, field: str, value: str) -> Path:
    """Keep a secret in the home's secrets file (mode 600); where it went."""
    if not value:
        raise InputError(_("rahasia kosong; tidak ada yang ditulis"))
    return write_secret(office.settings, account, field, value)
