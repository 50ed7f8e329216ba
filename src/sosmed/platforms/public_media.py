"""Whether a platform that fetches photos itself (Instagram) can reach the office's photos.

Instagram's servers download every ``image_url`` from the public internet; a
``media.public_base_url`` (or, with ``store = "s3"``, ``media.s3_public_url``) on an intranet or
loopback address passes every local test and fails on Instagram. An account with ``api_base``
talks to an emulation (the sandbox), whose fetcher reaches what it is told to, so it is not
checked.
"""

from __future__ import annotations

from sosmed.addresses import private_media_address
from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.settings import Account, Settings


def media_problem(settings: Settings, account: Account, title: str) -> str | None:
    """Why ``title``'s servers could not fetch this office's photos, in words, or None."""
    media = settings.config.media
    key, base = (
        ("media.s3_public_url", media.s3_public_url)
        if media.store == "s3"
        else ("media.public_base_url", media.public_base_url)
    )
    if account.api_base or not base:
        return None
    address = private_media_address(base)
    if address is None:
        return None
    return _(
        "{platform} mengambil sendiri setiap foto dari internet, tetapi {key} "
        "({base}) mengarah ke alamat yang bukan alamat publik ({address}); isi dengan alamat "
        "yang dapat dibuka dari internet (akun {account})"
    ).format(platform=title, key=key, base=base, address=address, account=account.name)


def require_public_media(settings: Settings, account: Account, title: str) -> None:
    """Raise ConfigError when :func:`media_problem` finds one."""
    problem = media_problem(settings, account, title)
    if problem is not None:
        raise ConfigError(problem)
