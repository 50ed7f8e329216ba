"""Where Instagram and Threads fetch the office's photos from: `sosmed media check` (the bucket
takes a photo, anyone can read it back at its public address, and that address is public) and
the bucket's secrets (`sosmed media set-secret`)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.addresses import private_media_address
from sosmed.errors import InputError, SosmedError
from sosmed.i18n import _
from sosmed.media_config import SECRET_FIELDS, SECRETS
from sosmed.redact import redact
from sosmed.settings import write_secret

if TYPE_CHECKING:
    from sosmed.office import Office


@dataclass(frozen=True)
class MediaCheck:
    what: str  # "bucket", "publik", "alamat"
    ok: bool
    detail: str


def check_media(office: Office) -> list[MediaCheck]:
    """Each check of the office's media store, in order; a failed bucket write skips the rest
    of the bucket's checks."""
    media = office.settings.config.media
    if media.store != "s3":
        return [_address_check("media.public_base_url", media.public_base_url)]
    from sosmed.platforms.bucket import Bucket

    rows = []
    try:
        bucket = Bucket(office.settings)
        written, read = bucket.probe()
    except SosmedError as e:
        written, read = redact(str(e)), None
    if written is not None:
        rows.append(MediaCheck("bucket", False, redact(written)))
    else:
        rows.append(
            MediaCheck(
                "bucket",
                True,
                _("bucket {bucket} menerima foto").format(bucket=media.s3_bucket),
            )
        )
        url = str(media.s3_public_url)
        rows.append(
            MediaCheck("publik", read is None, read or _("isinya terbuka di {url}").format(url=url))
        )
    rows.append(_address_check("media.s3_public_url", media.s3_public_url))
    return rows


def _address_check(key: str, url: str | None) -> MediaCheck:
    if not url:
        return MediaCheck(
            "alamat",
            True,
            _("{key} kosong: Instagram dan Threads memakai alamat foto asli artikel").format(
                key=key
            ),
        )
    address = private_media_address(url)
    if address is None:
        return MediaCheck("alamat", True, _("{url} adalah alamat publik").format(url=url))
    return MediaCheck(
        "alamat",
        False,
        _(
            "{key} ({url}) mengarah ke {address}, bukan alamat publik: Instagram dan Threads "
            "tidak dapat mengambil foto dari sana"
        ).format(key=key, url=url, address=address),
    )


def save_media_secret(office: Office, field: str, value: str) -> Path:
    """Keep one of the bucket's secrets in the home's secrets file (mode 600)."""
    if field not in SECRET_FIELDS:
        raise InputError(
            _("rahasia media {field!r} tidak dikenal; yang ada: {known}").format(
                field=field, known=", ".join(SECRET_FIELDS)
            )
        )
    if not value.strip():
        raise InputError(_("nilai rahasia kosong; tidak disimpan"))
    return write_secret(office.settings, SECRETS, field, value.strip())
