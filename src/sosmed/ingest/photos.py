"""A photo file a person gives (with ``add --photo`` or ``article photo add``), checked when
it is given: an image by its content (not its name), under the size and pixel caps, decoded
safely. A file that would be skipped at compose time is refused now, with nothing written."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sosmed.errors import InputError, MediaError
from sosmed.i18n import _
from sosmed.models import Photo


def checked_photo(path: Path, caption: str | None = None, alt: str | None = None) -> Photo:
    """The photo as a row to store (not yet saved), or InputError saying why not."""
    # Pillow loads with the first photo, not with every import of ingest (a feed poll, the
    # daemon at rest).
    from sosmed.compose.media import MAX_SOURCE_BYTES, decode

    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError(_("foto {path} bukan berkas").format(path=path))
        if size > MAX_SOURCE_BYTES:
            raise InputError(
                _("foto {path} ditolak: {size} byte, paling besar {cap}").format(
                    path=path, size=f"{size:,}", cap=f"{MAX_SOURCE_BYTES:,}"
                )
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(_("foto tidak ditemukan: {path}").format(path=path)) from None
    except PermissionError:
        raise InputError(
            _("foto {path} tidak bisa dibaca (izin ditolak)").format(path=path)
        ) from None
    try:
        image = decode(data)
    except MediaError as e:
        raise MediaError(_("foto {path} ditolak: {error}").format(path=path, error=e)) from None
    return Photo(
        article_id=0,
        path=str(path.resolve()),
        caption=" ".join((caption or "").split()) or None,
        alt=" ".join((alt or "").split()) or None,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        width=image.width,
        height=image.height,
    )
