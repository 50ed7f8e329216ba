"""Photos: safe decoding, no metadata out, each platform's geometry and byte cap, alt text."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image
from tests.support.articles import photo
from tests.support.config import make_home
from tests.support.images import jpeg_with_gps, noisy_png, tall_jpeg

from sosmed.compose.media import (
    alt_text,
    conform_aspect,
    decode,
    shape_for,
    variant,
    variants_for,
)
from sosmed.errors import MediaError
from sosmed.settings import Settings


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels and holds none: a decompression bomb."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def encoded(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (10, 20, 30)).save(buf, fmt)
    return buf.getvalue()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_home(tmp_path / "home")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF", "WEBP"])
def test_the_four_formats_decode(fmt: str) -> None:
    assert decode(encoded(fmt)).size == (64, 48)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<html>not an image</html>", "bukan gambar JPEG"),
        (encoded("BMP"), "bukan gambar JPEG"),
        (encoded("TIFF"), "bukan gambar JPEG"),
        (encoded("JPEG", (800, 600))[:2000], "terpotong"),
        (png_header_only(20_000, 20_000), "terlalu besar|bom dekompresi"),
    ],
    ids=["html", "bmp", "tiff", "truncated-jpeg", "pixel-bomb"],
)
def test_unsafe_or_damaged_images_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(MediaError, match=message):
        decode(data)


@pytest.mark.parametrize("how", ["pad", "crop"])
@pytest.mark.parametrize("size", [(600, 1800), (3000, 1000), (1000, 1000), (1000, 1250)])
def test_instagram_aspect_and_width(size: tuple[int, int], how: str) -> None:
    out = shape_for(Image.new("RGB", size, "red"), "instagram", how)
    assert 0.8 <= out.width / out.height <= 1.91
    assert 320 <= out.width <= 1440


def test_padding_is_white_and_cropping_keeps_the_centre() -> None:
    tall = Image.new("RGB", (100, 300), (200, 0, 0))
    padded = conform_aspect(tall, 0.8, 1.91, "pad")
    assert padded.size == (240, 300) and padded.getpixel((0, 0)) == (255, 255, 255)
    cropped = conform_aspect(tall, 0.8, 1.91, "crop")
    assert cropped.size == (100, 125) and cropped.getpixel((50, 60)) == (200, 0, 0)


def test_long_side_is_bounded_elsewhere() -> None:
    out = shape_for(Image.new("RGB", (5000, 2500)), "mastodon", "pad")
    assert out.size == (2048, 1024)


def test_metadata_is_stripped_and_orientation_applied(tmp_path: Path, settings: Settings) -> None:
    src = jpeg_with_gps(tmp_path / "gps.jpg", size=(400, 300), orientation=6)
    assert b"TestCam" in src.read_bytes()
    with Image.open(src) as original:
        assert original.getexif().get_ifd(0x8825)  # the source does carry GPS
    for platform in ("x", "instagram", "bluesky"):
        v = variant(photo(src), platform, settings)
        data = Path(v.path).read_bytes()
        with Image.open(io.BytesIO(data)) as im:
            assert not im.getexif() and "exif" not in im.info
            assert im.height > im.width  # orientation 6: the camera was turned
        assert b"TestCam" not in data and b"Exif" not in data
        assert v.mime == "image/jpeg" and v.bytes == len(data)


def test_bluesky_variant_fits_its_byte_cap(tmp_path: Path, settings: Settings) -> None:
    src = noisy_png(tmp_path / "noise.png", size=(1000, 800))
    assert src.stat().st_size > 1_000_000
    v = variant(photo(src), "bluesky", settings)
    assert v.bytes <= 1_000_000 and Path(v.path).stat().st_size == v.bytes


def test_variants_are_reused_and_named_by_source_hash(tmp_path: Path, settings: Settings) -> None:
    src = tall_jpeg(tmp_path / "tall.jpg")
    first = variant(photo(src), "instagram", settings)
    assert Path(first.path).parent == settings.media_dir / "variants"
    assert Path(first.path).name.endswith("-instagram.jpg")
    mtime = Path(first.path).stat().st_mtime_ns
    again = variant(photo(src), "instagram", settings)
    assert again == first and Path(first.path).stat().st_mtime_ns == mtime


def test_transparent_png_stays_png_where_allowed(tmp_path: Path, settings: Settings) -> None:
    src = tmp_path / "logo.png"
    Image.new("RGBA", (200, 100), (0, 0, 0, 0)).save(src)
    assert variant(photo(src), "mastodon", settings).mime == "image/png"
    assert variant(photo(src), "instagram", settings).mime == "image/jpeg"


def test_a_bad_photo_is_skipped_with_its_reason(tmp_path: Path, settings: Settings) -> None:
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"not a photo")
    good = tall_jpeg(tmp_path / "good.jpg")
    photos = [photo(bad), photo(good)]
    photos[1].position = 1
    out, skipped = variants_for(photos, "x", settings)
    assert len(out) == 1 and len(skipped) == 1 and "bukan gambar JPEG" in skipped[0]


def test_missing_file_is_a_media_error(tmp_path: Path, settings: Settings) -> None:
    with pytest.raises(MediaError, match="tidak bisa dibaca"):
        variant(photo(tmp_path / "nothing.jpg"), "x", settings)


@pytest.mark.parametrize(
    ("caption", "limit", "expected"),
    [
        ("Bupati menyerahkan bantuan", 1000, "Bupati menyerahkan bantuan"),
        ("Bupati menyerahkan bantuan", 20, "Bupati menyerahkan…"),
        ("Bupati, menyerahkan bantuan", 12, "Bupati…"),
        ("Bupati menyerahkan bantuan", 0, ""),
        (None, 1000, ""),
        ("  spasi   ganda\n baris ", 1000, "spasi ganda baris"),
    ],
)
def test_alt_text(caption: str | None, limit: int, expected: str) -> None:
    out = alt_text(caption, limit)
    assert out == expected and len(out) <= max(limit, 0)
