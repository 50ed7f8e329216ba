"""Images: bombs, giant declared sizes, truncations, polyglots, disguises, 100 MB — all refused
quickly and without large memory growth; every accepted image re-encoded without metadata.

Memory is the process's peak resident size (VmHWM) over the call, the peak reset first through
/proc/self/clear_refs; Pillow allocates pixels outside Python's allocator, where tracemalloc
cannot see. Where /proc is not Linux's, only the time and the refusal are checked.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from PIL import Image
from tests.support.config import PLATFORMS, write_config
from tests.support.hostile_images import DISGUISED, HOSTILE, jpeg, png
from tests.support.web import WebServer

from sosmed.compose.media import decode, variant, variants_for
from sosmed.errors import FetchTooLarge, MediaError
from sosmed.models import Photo
from sosmed.settings import Settings

SECONDS = 2.0
MEGABYTES = 100
GPS_LATITUDE = (6.0, 10.0, 30.5)
PRIVATE_TEXT = b"Rumah Pak Kades, Jl. Melati 7"


@cache
def built(name: str) -> bytes:
    return HOSTILE[name]()


@dataclass
class Measured:
    seconds: float = 0.0
    peak_mb: float | None = None


def _status_kb(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    m = re.search(rf"^{field}:\s+(\d+) kB", text, re.M)
    return int(m.group(1)) if m else 0


def _reset_peak() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status_kb("VmHWM") > 0
    except OSError:
        return False


@contextmanager
def measured() -> Iterator[Measured]:
    m = Measured()
    can = _reset_peak()
    base = _status_kb("VmRSS") if can else 0
    start = time.perf_counter()
    try:
        yield m
    finally:
        m.seconds = time.perf_counter() - start
        if can:
            m.peak_mb = (_status_kb("VmHWM") - base) / 1024


def refused_quickly(call: Callable[[], object]) -> tuple[MediaError, Measured]:
    with measured() as m, pytest.raises(MediaError) as err:
        call()
    assert m.seconds < SECONDS, f"took {m.seconds:.2f} s"
    if m.peak_mb is not None:
        assert m.peak_mb < MEGABYTES, f"memory grew by {m.peak_mb:.0f} MB"
    return err.value, m


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return write_config(tmp_path / "home", {"allow_private_hosts": True})


def test_the_measure_sees_memory_growth() -> None:
    # Without this, a broken measure would pass every test below.
    with measured() as m:
        block = bytearray(150 * 1024 * 1024)
        block[::4096] = b"\1" * len(block[::4096])
    del block
    if m.peak_mb is None:
        pytest.skip("no VmHWM reset on this system")
    assert m.peak_mb > 120


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_image_refused(name: str) -> None:
    data = built(name)
    error, _ = refused_quickly(lambda: decode(data))
    assert str(error)


@pytest.mark.parametrize("name", ["png-bomb-20000x20000", "jpeg-plus-zip", "svg", "gif-truncated"])
def test_refused_through_the_photo_path_too(name: str, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.jpg"
    path.write_bytes(built(name))
    refused_quickly(lambda: variant(Photo(article_id=1, path=str(path)), "x", settings))
    kept, skipped = variants_for([Photo(id=9, article_id=1, path=str(path))], "x", settings)
    assert kept == [] and skipped and skipped[0].startswith("foto 9:")


@pytest.mark.parametrize("filename", sorted(DISGUISED))
def test_wrong_extension_refused(filename: str, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / filename
    path.write_bytes(DISGUISED[filename])
    error, _ = refused_quickly(lambda: variant(Photo(article_id=1, path=str(path)), "x", settings))
    assert "bukan gambar JPEG, PNG, GIF atau WebP" in str(error) or "ditolak" in str(error)


def test_a_png_named_jpg_is_read_by_its_content(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    path.write_bytes(png((900, 600)))
    v = variant(Photo(article_id=1, path=str(path)), "x", settings)
    assert (v.width, v.height) == (900, 600) and v.mime == "image/jpeg"


def test_a_100_mb_file_is_refused_unread(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "besar.jpg"
    with path.open("wb") as f:
        f.write(jpeg())
        f.truncate(100 * 1024 * 1024)  # sparse: the size is real, the disk is spared
    error, m = refused_quickly(lambda: variant(Photo(article_id=1, path=str(path)), "x", settings))
    assert "melebihi batas" in str(error)
    if m.peak_mb is not None:
        assert m.peak_mb < 20, "the file was read"


def test_100_mb_of_bytes_are_refused_undecoded() -> None:
    data = jpeg() + bytes(100 * 1024 * 1024)
    error, _ = refused_quickly(lambda: decode(data))
    assert "melebihi batas" in str(error)


def test_a_photo_url_over_the_byte_cap_is_refused(web: WebServer, tmp_path: Path) -> None:
    settings = write_config(
        tmp_path / "small", {"allow_private_hosts": True, "fetch": {"max_bytes": 100_000}}
    )
    url = web.page(
        "/besar.jpg", jpeg() + bytes(150_000), ctype="image/jpeg", headers={"Connection": "close"}
    )
    with measured() as m, pytest.raises(FetchTooLarge):
        variant(Photo(article_id=1, url=url), "x", settings)
    assert m.seconds < SECONDS


# Accepted images: always re-encoded, never carrying metadata.


def _exif_jpeg(orientation: int = 6) -> bytes:
    image = Image.new("RGB", (1200, 800), (30, 120, 200))
    image.paste((240, 200, 20), (0, 0, 300, 400))
    exif = Image.Exif()
    exif[0x010F] = "TestMaker"
    exif[0x0110] = "TestCam 3000"
    exif[0x0112] = orientation
    exif[0x010E] = PRIVATE_TEXT.decode()  # ImageDescription
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "S", GPS_LATITUDE, "E", (106.0, 49.0, 12.0)
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
        b"<rdf:RDF><rdf:Description exif:GPSLatitude='6,10.5S'/></rdf:RDF></x:xmpmeta>"
    )
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif, quality=90, xmp=xmp, comment=PRIVATE_TEXT)
    return buf.getvalue()


def _exif_png() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    image = Image.new("RGBA", (800, 600), (200, 40, 40, 160))
    exif = Image.Exif()
    exif[0x0110] = "TestCam 3000"
    exif.get_ifd(0x8825)[2] = GPS_LATITUDE
    info = PngInfo()
    info.add_text("Comment", PRIVATE_TEXT.decode())
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta><rdf:RDF/></x:xmpmeta>")
    buf = io.BytesIO()
    image.save(buf, "PNG", exif=exif, pnginfo=info)
    return buf.getvalue()


def _exif_webp() -> bytes:
    image = Image.new("RGB", (900, 700), (20, 160, 90))
    exif = Image.Exif()
    exif[0x0110] = "TestCam 3000"
    exif.get_ifd(0x8825)[2] = GPS_LATITUDE
    buf = io.BytesIO()
    image.save(buf, "WEBP", exif=exif, xmp=b"<x:xmpmeta>GPS</x:xmpmeta>")
    return buf.getvalue()


SOURCES = {"jpeg": _exif_jpeg, "png": _exif_png, "webp": _exif_webp}
TRACES = (
    b"Exif",
    b"EXIF",
    b"eXIf",
    b"GPS",
    b"TestCam",
    b"xmpmeta",
    b"adobe",
    PRIVATE_TEXT,
    b"tEXt",
    b"iTXt",
)


@pytest.mark.parametrize("platform", PLATFORMS)
@pytest.mark.parametrize("source", sorted(SOURCES))
def test_accepted_image_is_re_encoded_without_metadata(
    source: str, platform: str, settings: Settings, tmp_path: Path
) -> None:
    original = SOURCES[source]()
    assert any(t in original for t in (b"Exif", b"eXIf", b"EXIF"))  # traces to begin with
    path = tmp_path / f"foto.{source}"
    path.write_bytes(original)
    v = variant(Photo(article_id=1, path=str(path)), platform, settings)
    out = Path(v.path).read_bytes()
    assert out != original
    for trace in TRACES:
        assert trace not in out, f"{trace!r} left in the {platform} variant"
    with Image.open(io.BytesIO(out)) as im:
        assert not im.getexif() and not im.info.get("exif") and not im.info.get("xmp")
        assert im.format in ("JPEG", "PNG")
        if source == "jpeg" and platform != "instagram":
            assert im.height > im.width  # orientation 6 applied before the EXIF was dropped
