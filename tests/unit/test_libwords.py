"""What the system and libraries say reaches a person in the person's language: Indonesian by
errno or exception type, the library's own English under --lang en."""

from __future__ import annotations

import errno
import io
import os
import socket
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from sosmed import i18n
from sosmed.errors import ConfigError, MediaError
from sosmed.libwords import (
    image_reason,
    lookup_reason,
    os_reason,
    regex_reason,
    template_reason,
    toml_reason,
)


@pytest.fixture
def speak() -> Iterator[None]:
    yield
    i18n.set_language("id")


def _toml_error(text: str) -> tomllib.TOMLDecodeError:
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomllib.loads(text)
    return caught.value


def _os_error(code: int) -> OSError:
    return OSError(code, os.strerror(code), "/tmp/x")


@pytest.mark.parametrize(
    ("code", "indonesian"),
    [
        (errno.ENOENT, "tidak ada berkas atau folder itu"),
        (errno.EACCES, "tidak ada izin"),
        (errno.ENOSPC, "disk penuh"),
        (errno.EISDIR, "itu folder, bukan berkas"),
        (errno.EROFS, "sistem berkas hanya-baca"),
        (errno.ENOTEMPTY, "galat sistem ENOTEMPTY"),
    ],
)
def test_an_os_error_by_its_errno(code: int, indonesian: str, speak: None) -> None:
    assert os_reason(_os_error(code)) == indonesian
    i18n.set_language("en")
    assert os_reason(_os_error(code)) == os.strerror(code)


def test_a_real_os_error_from_a_folder_read_as_a_file(tmp_path: Path, speak: None) -> None:
    with pytest.raises(OSError) as caught:
        tmp_path.read_bytes()
    assert os_reason(caught.value) == "itu folder, bukan berkas"
    i18n.set_language("en")
    assert os_reason(caught.value) == "Is a directory"


def test_a_name_not_found(speak: None) -> None:
    err = socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    assert lookup_reason(err) == "nama itu tidak dikenal"
    i18n.set_language("en")
    assert lookup_reason(err) == "Name or service not known"


@pytest.mark.parametrize(
    ("text", "indonesian"),
    [
        ('a = "x"\na = "y"\n', "kunci yang sama diisi dua kali (baris 2, kolom 8)"),
        ('a = "x\n', "ada karakter yang tidak sah (teks belum ditutup?) (baris 1, kolom 7)"),
        ("[meja\n", "judul tabel harus ditutup dengan ']' (baris 1, kolom 6)"),
        ("a = \n", "nilai tidak sah (teks perlu tanda kutip?) (baris 1, kolom 5)"),
        ("a = [1, 2", "daftar [...] belum ditutup (di akhir berkas)"),
        ("a b = 1\n", "sesudah nama kunci harus ada '=' (baris 1, kolom 3)"),
    ],
)
def test_a_toml_mistake_with_its_line_and_column(text: str, indonesian: str, speak: None) -> None:
    err = _toml_error(text)
    assert toml_reason(err) == indonesian
    i18n.set_language("en")
    assert (toml_reason(err) == str(err) and "line" in str(err)) or "end of document" in str(err)


def test_sosmed_toml_says_it_in_the_readers_language(tmp_path: Path, speak: None) -> None:
    from sosmed.settings import read_config_file

    path = tmp_path / "sosmed.toml"
    path.write_text('timezone = "Asia/Jakarta"\ntimezone = "Asia/Makassar"\n')
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert str(caught.value).endswith(
        "bukan TOML yang sah: kunci yang sama diisi dua kali (baris 2, kolom 27)"
    )
    i18n.set_language("en")
    with pytest.raises(ConfigError) as caught:
        read_config_file(path)
    assert str(caught.value).endswith(
        "not valid TOML: Cannot overwrite a value (at line 2, column 27)"
    )


def _pillow_error(data: bytes) -> BaseException:
    with pytest.raises(Exception) as caught:
        Image.open(io.BytesIO(data)).load()
    return caught.value


def test_pillow_errors_by_their_type(speak: None) -> None:
    png = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(png, "PNG")
    cut = _pillow_error(png.getvalue()[:90])
    unknown = _pillow_error(b"bukan gambar")
    bomb = Image.DecompressionBombError("Image size (9 pixels) exceeds limit")
    assert image_reason(unknown) == "bukan gambar JPEG, PNG, GIF atau WebP"
    assert image_reason(cut) == "isinya tidak bisa dibaca sampai akhir"
    assert image_reason(bomb).startswith("gambarnya lebih dari ") and "piksel" in image_reason(bomb)
    i18n.set_language("en")
    assert image_reason(unknown) == str(unknown) and "cannot identify image file" in str(unknown)
    assert image_reason(bomb) == "Image size (9 pixels) exceeds limit"


def test_a_photo_refused_in_each_language(tmp_path: Path, speak: None) -> None:
    from sosmed.compose.media import decode

    png = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(png, "PNG")
    cut = png.getvalue()[: len(png.getvalue()) // 2]
    with pytest.raises(MediaError) as caught:
        decode(cut)
    assert "terpotong" in str(caught.value) and "Truncated" not in str(caught.value)
    i18n.set_language("en")
    with pytest.raises(MediaError) as caught:
        decode(cut)
    assert "truncated" in str(caught.value).lower()


def test_a_regex_and_a_template_mistake(speak: None) -> None:
    import re

    from jinja2 import Environment, TemplateSyntaxError, UndefinedError
    from jinja2.runtime import StrictUndefined

    with pytest.raises(re.error) as bad_regex:
        re.compile("(?P<title>[")
    with pytest.raises(TemplateSyntaxError) as bad_syntax:
        Environment().from_string("baris satu\n{{ judul")
    with pytest.raises(UndefinedError) as unknown:
        Environment(undefined=StrictUndefined).from_string("{{ artikel.x }}").render()
    assert regex_reason(bad_regex.value) == "susunannya salah mulai posisi 10"
    assert template_reason(bad_syntax.value) == "baris 2"
    assert template_reason(unknown.value) == "'artikel'"
    i18n.set_language("en")
    assert regex_reason(bad_regex.value) == "unterminated character set at position 10"
    assert template_reason(unknown.value) == "'artikel' is undefined"
