"""Thumbnails for the report: small JPEGs as data URIs, so the page needs no folder beside it.

The I/O edge of the report: image files are read here and nowhere else.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from markupsafe import Markup
from PIL import Image

from sosmed.models import Post


def thumbnail(path: Path, size: int = 112) -> Markup | None:
    """A small JPEG of an image file as a data URI; None when it is missing or unreadable."""
    try:
        with Image.open(path) as im:
            im.draft("RGB", (size * 2, size * 2))
            small = im.convert("RGB")
            small.thumbnail((size, size))
            buf = io.BytesIO()
            small.save(buf, "JPEG", quality=70, optimize=True)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return Markup("data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii"))


def post_thumbnails(posts: list[Post], roots: list[Path]) -> dict[int, str]:
    """Each post's first photo that can be read, as a thumbnail (relative paths tried under
    each root in turn); files shared by several posts are read once."""
    made: dict[Path, Markup | None] = {}
    out: dict[int, str] = {}
    for p in posts:
        for ph in p.photos:
            path = _resolve(str(ph.get("path") or ""), roots)
            if path is None:
                continue
            if path not in made:
                made[path] = thumbnail(path)
            if (thumb := made[path]) is not None:
                out[p.id or 0] = thumb
                break
    return out


def _resolve(raw: str, roots: list[Path]) -> Path | None:
    if not raw:
        return None
    p = Path(raw).expanduser()
    candidates = [p] if p.is_absolute() else [r / p for r in roots] + [p]
    return next((c for c in candidates if c.is_file()), None)
