"""Photos made with Pillow for the tests: as a post holds them, with EXIF GPS, too tall, too big."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from PIL import Image


def photo_entry(home: Path, base_url: str, name: str = "uji.jpg") -> dict[str, object]:
    """A square JPEG variant in the home's media folder, as Post.photos holds it."""
    path = home / "media" / "variants" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1080, 1080), (40, 110, 160)).save(path, quality=85)
    data = path.read_bytes()
    return {
        "path": str(path),
        "width": 1080,
        "height": 1080,
        "bytes": len(data),
        "alt": "Foto kegiatan",
        "sha256": hashlib.sha256(data).hexdigest(),
        "mime": "image/jpeg",
        "url": f"{base_url}/_media/{name}",
    }


GPS_LATITUDE = (1.0, 28.0, 0.0)


def jpeg_with_gps(path: Path, size: tuple[int, int] = (1600, 1200), orientation: int = 1) -> Path:
    """A photo carrying EXIF GPS coordinates, a camera model and an orientation."""
    image = Image.new("RGB", size, (30, 120, 200))
    image.paste((240, 200, 20), (0, 0, size[0] // 4, size[1] // 2))  # a mark in one corner
    exif = Image.Exif()
    exif[0x0110] = "TestCam 3000"  # Model
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", GPS_LATITUDE
    gps[3], gps[4] = "E", (102.0, 6.0, 0.0)
    image.save(path, "JPEG", exif=exif, quality=90)
    return path


def tall_jpeg(path: Path, size: tuple[int, int] = (600, 1800)) -> Path:
    """A 1:3 portrait strip, far taller than Instagram's 4:5."""
    Image.new("RGB", size, (200, 60, 60)).save(path, "JPEG", quality=85)
    return path


def noisy_png(path: Path, size: tuple[int, int] = (1400, 1000), seed: int = 7) -> Path:
    """Random pixels: a PNG of several MB that no encoder can squeeze well."""
    rnd = random.Random(seed)
    image = Image.frombytes("RGB", size, rnd.randbytes(size[0] * size[1] * 3))
    image.save(path, "PNG", compress_level=1)
    return path
