"""Photos: one variant per platform that meets its rules, decoded safely, without metadata.

Only JPEG, PNG, GIF and WebP are decoded, never more than :data:`MAX_PIXELS`, never a file
that would inflate more than :data:`BOMB_RATIO` times past :data:`BOMB_BYTES`, and a damaged or
truncated file is refused, as is a polyglot (a ZIP archive appended, HTML, script or PDF at
either end of the file: the places browsers, unzip and PDF readers look). The EXIF orientation
is applied, then every piece of metadata (EXIF with GPS, XMP, comments) is left behind when the
pixels are encoded again. Variants are kept, and reused when present, as
``<media>/variants/<source sha256>-<platform>.jpg|png``.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import os
import re
import struct
import warnings
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageOps, UnidentifiedImageError

from sosmed.errors import InputError, MediaError
from sosmed.i18n import _
from sosmed.libwords import image_reason, os_reason
from sosmed.models import Photo
from sosmed.platforms.limits import limits_for
from sosmed.settings import Settings

log = logging.getLogger(__name__)

FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
MAX_PIXELS = 40_000_000
MAX_SOURCE_BYTES = 40_000_000
# A file that would take more than BOMB_BYTES decoded (4 bytes a pixel) while being BOMB_RATIO
# times smaller is a decompression bomb; no photo compresses that well.
BOMB_BYTES = 64_000_000
BOMB_RATIO = 250
_EDGE = 65_536  # bytes at each end of a file searched for another format's markers
_FOREIGN = re.compile(
    rb"(?i)<(?:script|html|body|iframe|object|embed|\?php|!doctype)|<svg[\s/>]|%PDF-|javascript:"
)
LONG_SIDE = 2048  # larger gains nothing on a phone screen and costs upload time
_QUALITIES = (88, 80, 72, 64)
_SCALES = (1.0, 0.85, 0.7, 0.55, 0.4, 0.3, 0.2)
_MIME = {"JPEG": "image/jpeg", "PNG": "image/png"}
_EXT = {"JPEG": "jpg", "PNG": "png"}


@dataclass(frozen=True)
class Variant:
    path: str
    width: int
    height: int
    bytes: int
    alt: str
    sha256: str  # of the variant file
    mime: str
    url: str | None = None  # public address, when media.public_base_url is configured

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        return d if self.url else {k: v for k, v in d.items() if k != "url"}


def polyglot(data: bytes) -> str | None:
    """Why ``data`` is also another kind of file (an archive, a page, a script), or None."""
    eocd = data.rfind(b"PK\x05\x06", max(0, len(data) - _EDGE - 22))
    if eocd >= 0 and len(data) - eocd >= 22:
        (comment,) = struct.unpack("<H", data[eocd + 20 : eocd + 22])
        if eocd + 22 + comment == len(data):
            return _("ada arsip ZIP yang disambungkan padanya")
    for part in (data[:_EDGE], data[-_EDGE:]):
        if m := _FOREIGN.search(part):
            return _("isinya memuat {found} (HTML, skrip atau PDF)").format(
                found=repr(m.group().decode("latin-1"))
            )
    return None


def _check_size(probe: Image.Image, size: int) -> None:
    pixels = probe.width * probe.height
    if pixels > MAX_PIXELS:
        raise MediaError(
            _("gambar {width}×{height} piksel terlalu besar").format(
                width=probe.width, height=probe.height
            )
        )
    if pixels * 4 > BOMB_BYTES and pixels * 4 > BOMB_RATIO * size:
        raise MediaError(
            _(
                "gambar ditolak sebagai bom dekompresi: {size} byte mengaku {width}×{height} piksel"
            ).format(size=f"{size:,}", width=probe.width, height=probe.height)
        )


def decode(data: bytes) -> Image.Image:
    """The image in ``data``, fully loaded; MediaError for anything unsafe or damaged."""
    if len(data) > MAX_SOURCE_BYTES:
        raise MediaError(
            _("gambar {size} byte melebihi batas {cap} byte").format(
                size=len(data), cap=MAX_SOURCE_BYTES
            )
        )
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data), formats=FORMATS)
            _check_size(probe, len(data))
            if reason := polyglot(data):
                raise MediaError(_("gambar ditolak: {reason}").format(reason=reason))
            probe.verify()
            image = Image.open(io.BytesIO(data), formats=FORMATS)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
            raise MediaError(
                _("gambar ditolak sebagai bom dekompresi: {error}").format(error=image_reason(e))
            ) from None
        except UnidentifiedImageError:
            raise MediaError(_("bukan gambar JPEG, PNG, GIF atau WebP")) from None
        except (OSError, SyntaxError, ValueError, EOFError) as e:
            raise MediaError(
                _("gambar rusak atau terpotong: {error}").format(error=image_reason(e))
            ) from None
    return image


def _upright(image: Image.Image) -> Image.Image:
    """Orientation applied, in RGB or RGBA, with no metadata attached."""
    try:
        image = ImageOps.exif_transpose(image) or image
    except Exception:  # a damaged EXIF block raises whatever its parser meets: keep the pixels
        log.info(_("orientasi EXIF tidak terbaca; gambar dipakai apa adanya"))
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    out = image.convert("RGBA" if alpha else "RGB")
    if alpha and out.getchannel("A").getextrema() == (255, 255):
        out = out.convert("RGB")  # an alpha channel that hides nothing
    out.info = {}
    return out


def flatten(image: Image.Image) -> Image.Image:
    if image.mode != "RGBA":
        return image
    white = Image.new("RGB", image.size, (255, 255, 255))
    white.paste(image, mask=image.getchannel("A"))
    return white


def conform_aspect(image: Image.Image, low: float, high: float, how: str) -> Image.Image:
    """Width/height brought into [low, high] by white padding or by a centred crop."""
    w, h = image.size
    if w / h < low:
        size = (math.ceil(h * low), h) if how == "pad" else (w, math.floor(w / low))
    elif w / h > high:
        size = (w, math.ceil(w / high)) if how == "pad" else (math.floor(h * high), h)
    else:
        return image
    if how == "pad":
        canvas = Image.new("RGB", size, (255, 255, 255))
        canvas.paste(flatten(image), ((size[0] - w) // 2, (size[1] - h) // 2))
        return canvas
    left, top = (w - size[0]) // 2, (h - size[1]) // 2
    return image.crop((left, top, left + size[0], top + size[1]))


def _resized(image: Image.Image, width: int, height: int) -> Image.Image:
    if (width, height) == image.size:
        return image
    return image.resize((max(1, width), max(1, height)), Image.Resampling.LANCZOS)


def _scaled(image: Image.Image, factor: float) -> Image.Image:
    w, h = image.size
    return _resized(image, round(w * factor), round(h * factor))


def shape_for(image: Image.Image, platform: str, instagram_fit: str) -> Image.Image:
    """The platform's geometry: its aspect range and width (Instagram), else a sane long side.

    ``instagram_fit`` is the office's choice for a platform whose limits leave it open.
    """
    lim = limits_for(platform)
    if lim.aspect_min is not None and lim.aspect_max is not None:
        # A platform that takes no PNG gets no transparency to pad or crop around.
        source = image if "PNG" in lim.image_formats else flatten(image)
        how = lim.aspect_fit or instagram_fit
        image = conform_aspect(source, lim.aspect_min, lim.aspect_max, how)
    if lim.image_width is None:
        return _scaled(image, min(1.0, LONG_SIDE / max(image.size)))
    w, h = image.size
    width = min(max(w, lim.image_width[0]), lim.image_width[1])
    # Rounding the new height must not step outside the aspect range again.
    lowest, highest = (
        math.ceil(width / (lim.aspect_max or 1)),
        math.floor(width / (lim.aspect_min or 1)),
    )
    return _resized(image, width, min(max(round(h * width / w), lowest), highest))


def _save(image: Image.Image, fmt: str, quality: int) -> bytes:
    buf = io.BytesIO()
    if fmt == "PNG":
        image.save(buf, "PNG", optimize=False, compress_level=6)
    else:
        flatten(image).save(buf, "JPEG", quality=quality, optimize=True, progressive=True)
    return buf.getvalue()


def encode(image: Image.Image, platform: str, instagram_fit: str) -> tuple[bytes, str]:
    """Bytes under the platform's cap: PNG only for transparency, else JPEG, smaller as needed."""
    lim = limits_for(platform)
    png_ok = image.mode == "RGBA" and "PNG" in lim.image_formats
    for factor in _SCALES:
        candidate = _scaled(image, factor)
        if lim.image_width is not None:  # scaling down must not leave the allowed widths
            candidate = shape_for(candidate, platform, instagram_fit)
        if png_ok:
            data = _save(candidate, "PNG", 0)
            if len(data) <= lim.image_max_bytes:
                return data, "PNG"
        for quality in _QUALITIES:
            data = _save(candidate, "JPEG", quality)
            if len(data) <= lim.image_max_bytes:
                return data, "JPEG"
    raise MediaError(
        _("gambar tidak bisa dikecilkan di bawah {cap} byte untuk {platform}").format(
            cap=lim.image_max_bytes, platform=platform
        )
    )


def alt_text(caption: str | None, limit: int) -> str:
    """The caption, cut at a word boundary with "…" to ``limit`` characters."""
    text = " ".join((caption or "").split())
    if limit <= 0 or len(text) <= limit:
        return text if limit > 0 else ""
    words, out = text.split(" "), ""
    for word in words:
        if len(out) + len(word) + 2 > limit:
            break
        out = f"{out} {word}" if out else word
    return (out.rstrip(",;:-–—") + "…") if out else text[: limit - 1] + "…"


def source_bytes(photo: Photo, settings: Settings) -> bytes:
    """The original photo: a local file, or a download through the safe fetcher."""
    if photo.path:
        path = Path(photo.path).expanduser()
        path = path if path.is_absolute() else settings.home / path
        try:
            if path.stat().st_size > MAX_SOURCE_BYTES:
                raise MediaError(
                    _("{path}: melebihi batas {cap} byte").format(path=path, cap=MAX_SOURCE_BYTES)
                )
            return path.read_bytes()
        except OSError as e:
            raise MediaError(
                _("{path}: tidak bisa dibaca ({error})").format(path=path, error=os_reason(e))
            ) from e
    if photo.url:
        from sosmed.ingest.fetch import fetch_bytes

        data: bytes = fetch_bytes(photo.url, settings)
        return data
    raise MediaError(_("foto ini tidak punya berkas maupun URL"))


def _cached(directory: Path, stem: str) -> Path | None:
    for ext in ("jpg", "png"):
        candidate = directory / f"{stem}.{ext}"
        if candidate.is_file():
            return candidate
    return None


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@lru_cache(maxsize=4096)
def _file_facts(path: str, mtime_ns: int, size: int) -> tuple[int, int, str, str]:
    """Width, height, sha256 and MIME type of a variant file (memoised on its mtime and size)."""
    data = Path(path).read_bytes()
    with Image.open(io.BytesIO(data)) as im:
        width, height, fmt = im.width, im.height, im.format or "JPEG"
    return width, height, hashlib.sha256(data).hexdigest(), _MIME.get(fmt, "image/jpeg")


def _describe(path: Path, alt: str, settings: Settings) -> Variant:
    st = path.stat()
    width, height, digest, mime = _file_facts(str(path), st.st_mtime_ns, st.st_size)
    base = settings.config.media.public_base_url
    url = f"{base.rstrip('/')}/variants/{path.name}" if base else None
    return Variant(str(path), width, height, st.st_size, alt, digest, mime, url)


class Originals:
    """Each source photo read, hashed and decoded once while one article is composed."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._loaded: dict[str, tuple[bytes, str] | InputError] = {}
        self._images: dict[str, Image.Image | MediaError] = {}

    def load(self, photo: Photo) -> tuple[bytes, str]:
        """The photo's bytes and their sha256."""
        key = photo.path or photo.url or ""
        if key not in self._loaded:
            try:
                data = source_bytes(photo, self.settings)
                self._loaded[key] = (data, hashlib.sha256(data).hexdigest())
            except InputError as e:
                self._loaded[key] = e
        found = self._loaded[key]
        if isinstance(found, InputError):
            raise found
        return found

    def learned(self, photo: Photo) -> Photo | None:
        """The photo with its sha256, size and pixel size filled in, when they were unknown."""
        found = self._loaded.get(photo.path or photo.url or "")
        if photo.sha256 or not isinstance(found, tuple):
            return None
        data, digest = found
        image = self._images.get(digest)
        width, height = image.size if isinstance(image, Image.Image) else (None, None)
        return photo.model_copy(
            update={"sha256": digest, "size": len(data), "width": width, "height": height}
        )

    def image(self, data: bytes, digest: str) -> Image.Image:
        """The decoded, upright image (MediaError when it cannot be used)."""
        if digest not in self._images:
            try:
                self._images[digest] = _upright(decode(data))
            except MediaError as e:
                self._images[digest] = e
        found = self._images[digest]
        if isinstance(found, MediaError):
            raise found
        return found


def variant(
    photo: Photo, platform: str, settings: Settings, originals: Originals | None = None
) -> Variant:
    """The photo made ready for ``platform``, from the cache when it was made before."""
    originals = originals or Originals(settings)
    directory = settings.media_dir / "variants"
    alt = alt_text(photo.alt or photo.caption, limits_for(platform).alt_max_length)
    if photo.sha256 and (hit := _cached(directory, f"{photo.sha256}-{platform}")):
        return _describe(hit, alt, settings)
    data, digest = originals.load(photo)
    if hit := _cached(directory, f"{digest}-{platform}"):
        return _describe(hit, alt, settings)
    fit_how = settings.config.media.instagram_fit
    image = shape_for(originals.image(data, digest), platform, fit_how)
    out, fmt = encode(image, platform, fit_how)
    path = directory / f"{digest}-{platform}.{_EXT[fmt]}"
    _write_atomically(path, out)
    return _describe(path, alt, settings)


def variants_for(
    photos: list[Photo], platform: str, settings: Settings, originals: Originals | None = None
) -> tuple[list[Variant], list[str]]:
    """Variants of the article's photos, up to the platform's count; reasons for any skipped."""
    originals = originals or Originals(settings)
    out: list[Variant] = []
    skipped: list[str] = []
    # A caption with no picture (a pasted text's "Teks foto:") gives alt text, not an image.
    for photo in sorted((p for p in photos if p.path or p.url), key=lambda p: p.position):
        if len(out) >= limits_for(platform).max_images:
            break
        try:
            out.append(variant(photo, platform, settings, originals))
        except (InputError, OSError) as e:  # MediaError, or the download failed
            skipped.append(_("foto {id}: {error}").format(id=photo.id, error=e))
            log.warning(_("foto %s dilewati untuk %s: %s"), photo.id, platform, e)
    return out, skipped
