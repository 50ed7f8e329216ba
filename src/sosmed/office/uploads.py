"""Articles and photos that arrive from a page: bytes, not files a person named.

A photo is checked as ``sosmed add --photo`` checks one (an image by its content, under the
size and pixel caps) while it is still a temporary file outside the home; only a photo that
passes is kept, in the media folder's ``uploads/`` under its digest. When anything of an add
is refused (a photo, the article itself) nothing of it stays: no article, no photo file.

The page serves a photo back only from the media folder (:func:`media_file`).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.errors import ArticleConflict, InputError, MediaError
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.ingest.sources import Added
    from sosmed.office import Office

UPLOADS = "uploads"
# What the media folder serves: the formats composing writes and photos arrive in.
SERVED = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png"}
SERVED |= {".gif": "image/gif", ".webp": "image/webp"}
_EXT = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}
_UNSAFE = re.compile(r"[^\w.\- ]+")


@dataclass(frozen=True)
class Upload:
    """One file from a form: the name the person's computer gave it, and its bytes."""

    name: str
    data: bytes


def shown_name(name: str) -> str:
    """The file's own name, without any folder, for messages."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return _UNSAFE.sub("_", base)[:120] or "foto"


def _checked(upload: Upload, folder: Path) -> tuple[Path, str, str]:
    """The upload as a temporary file that passed the photo check; its digest and extension.
    Messages name the person's file, not the temporary one."""
    from PIL import Image

    from sosmed.ingest.photos import checked_photo

    name = shown_name(upload.name)
    tmp = folder / f"{len(list(folder.iterdir()))}-{name}"
    tmp.write_bytes(upload.data)
    try:
        photo = checked_photo(tmp)
    except (InputError, MediaError) as e:
        raise type(e)(str(e).replace(str(tmp.resolve()), name).replace(str(tmp), name)) from None
    with Image.open(tmp) as image:
        ext = _EXT.get(str(image.format), ".jpg")
    return tmp, str(photo.sha256), ext


def keep_photos(office: Office, uploads: list[Upload]) -> tuple[list[Path], list[Path]]:
    """Every upload checked, then kept in the media folder: (their paths, the files this call
    wrote, to take away again when the add that needs them is refused). The first refused
    photo refuses them all, and nothing is written."""
    uploads = [u for u in uploads if u.data or u.name]
    if not uploads:
        return [], []
    with tempfile.TemporaryDirectory(prefix="sosmed-upload-") as d:
        checked = [_checked(u, Path(d)) for u in uploads]
        folder = office.settings.media_dir / UPLOADS
        folder.mkdir(parents=True, exist_ok=True)
        paths, written = [], []
        for tmp, digest, ext in checked:
            final = folder / (digest + ext)
            if not final.exists():
                final.write_bytes(tmp.read_bytes())
                written.append(final)
            paths.append(final)
    return paths, written


def add_article(
    office: Office,
    *,
    url: str | None,
    text: str | None,
    file: Upload | None,
    photos: list[Upload],
    caption: str | None,
) -> Added:
    """An article from a page: a file, pasted text (``url`` its page, if given), or only a URL
    to fetch. Photos are checked before the article is read; nothing is kept of a refused
    add."""
    from sosmed.ingest.bounds import MAX_INPUT_BYTES

    url = (url or "").strip() or None
    caption = " ".join((caption or "").split()) or None
    data: bytes | None = None
    what = ""
    if file is not None and file.data:
        data, what = file.data, shown_name(file.name)
    elif text and text.strip():
        data, what = text.encode("utf-8"), _("teks yang ditempel")
    if data is None and url is None:
        raise InputError(_("beri alamat berita, berkasnya, atau tempel teksnya"))
    if data is not None and len(data) > MAX_INPUT_BYTES:
        raise InputError(
            _("{what} berukuran {size} byte; batasnya {cap}").format(
                what=what, size=f"{len(data):,}", cap=f"{MAX_INPUT_BYTES:,}"
            )
        )
    paths, written = keep_photos(office, photos)
    try:
        if data is not None:
            added = office.add_bytes(data, what, url, paths, caption)
        else:
            assert url is not None
            added = office.add_url(url, paths, caption)
        if added.duplicate_of is not None and (paths or caption):
            raise ArticleConflict(
                _(
                    "berita ini sudah ada (berita {id}); fotonya tidak disimpan: tambahkan "
                    "di halaman berita itu"
                ).format(id=added.duplicate_of)
            )
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return added


def add_photo(
    office: Office, article_id: int, upload: Upload, caption: str | None, alt: str | None, by: str
) -> tuple[int, int]:
    """A photo given to an article from a page: its number and how many drafts were composed
    again with it."""
    paths, written = keep_photos(office, [upload])
    if not paths:
        raise InputError(_("pilih berkas fotonya"))
    try:
        number, posts = office.desk.add_photo(article_id, paths[0], caption, alt, by)
    except BaseException:
        for p in written:
            p.unlink(missing_ok=True)
        raise
    return number, len(posts)


def media_file(office: Office, path: str | None) -> tuple[Path, str] | None:
    """``path`` with its content type, when it is a photo inside the office's media folder;
    None for anything else (a file elsewhere, a link out of the folder, another kind)."""
    if not path:
        return None
    root = office.settings.media_dir.resolve()
    try:
        target = Path(path).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    kind = SERVED.get(target.suffix.lower())
    if kind is None or not target.is_file() or not target.is_relative_to(root):
        return None
    return target, kind
