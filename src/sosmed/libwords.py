"""What the operating system and libraries say, in the reader's language.

``strerror``, Pillow's and tomllib's messages are English. A person reading Indonesian gets
them said here, chosen by errno or exception type (tomllib's one exception type carries only
its English text, so its few fixed phrases are matched); under ``--lang en`` the library's own
words are kept, as they are the ones a search finds.
"""

from __future__ import annotations

import errno
import re

from sosmed import i18n
from sosmed.i18n import N_, _

_OS = {
    errno.ENOENT: N_("tidak ada berkas atau folder itu"),
    errno.EACCES: N_("tidak ada izin"),
    errno.EPERM: N_("tidak diizinkan"),
    errno.EISDIR: N_("itu folder, bukan berkas"),
    errno.ENOTDIR: N_("salah satu bagian jalurnya bukan folder"),
    errno.ENOSPC: N_("disk penuh"),
    errno.EDQUOT: N_("kuota disk habis"),
    errno.EROFS: N_("sistem berkas hanya-baca"),
    errno.EEXIST: N_("sudah ada"),
    errno.ENAMETOOLONG: N_("nama berkas terlalu panjang"),
    errno.ELOOP: N_("tautan simbolik berputar"),
    errno.EMFILE: N_("terlalu banyak berkas terbuka"),
    errno.ENFILE: N_("terlalu banyak berkas terbuka"),
    errno.EIO: N_("gangguan baca/tulis disk"),
    errno.EBUSY: N_("sedang dipakai"),
    errno.ENOMEM: N_("memori tidak cukup"),
    errno.ECONNREFUSED: N_("sambungan ditolak"),
    errno.ECONNRESET: N_("sambungan diputus"),
    errno.ETIMEDOUT: N_("waktu habis"),
    errno.EHOSTUNREACH: N_("host tidak terjangkau"),
    errno.ENETUNREACH: N_("jaringan tidak terjangkau"),
    errno.EADDRINUSE: N_("alamat sudah dipakai"),
}

# getaddrinfo's answers (socket.gaierror), by their EAI_ number.
_LOOKUP = {
    -2: N_("nama itu tidak dikenal"),  # EAI_NONAME
    -3: N_("DNS tidak menjawab untuk sementara"),  # EAI_AGAIN
    -4: N_("DNS gagal"),  # EAI_FAIL
    -5: N_("nama itu tidak punya alamat"),  # EAI_NODATA
}

# tomllib's fixed phrases (Python 3.11–3.13 give no code, only the text).
_TOML = (
    ("Invalid statement", N_("baris ini bukan pernyataan TOML")),
    ("Expected '=' after a key", N_("sesudah nama kunci harus ada '='")),
    ("Expected ']' at the end of a table", N_("judul tabel harus ditutup dengan ']'")),
    ("Expected ']]' at the end of an array", N_("judul daftar tabel harus ditutup dengan ']]'")),
    ("Expected", N_("ada tanda yang kurang")),
    ("Found invalid character", N_("ada karakter yang tidak sah")),
    ("Illegal character", N_("ada karakter yang tidak sah (teks belum ditutup?)")),
    ("Cannot declare", N_("tabel yang sama ditulis dua kali")),
    ("Cannot overwrite a value", N_("kunci yang sama diisi dua kali")),
    ("Cannot mutate immutable namespace", N_("tabel ini sudah ditulis lengkap di atas")),
    ("Cannot redefine namespace", N_("tabel ini sudah ditulis di atas")),
    ("Duplicate inline table key", N_("kunci yang sama diisi dua kali")),
    ("Invalid initial character for a key", N_("nama kunci diawali karakter yang tidak sah")),
    ("Unclosed array", N_("daftar [...] belum ditutup")),
    ("Unclosed inline table", N_("tabel sebaris (kurung kurawal) belum ditutup")),
    ("Unterminated string", N_("teks belum ditutup dengan tanda kutip")),
    ("Unescaped '\\'", N_("garis miring terbalik tanpa pasangan di dalam teks")),
    ("Invalid hex value", N_("kode \\u atau \\U tidak sah")),
    ("Escaped character is not", N_("kode \\u atau \\U tidak sah")),
    ("Invalid date or datetime", N_("tanggal atau waktu tidak sah")),
    ("Invalid value", N_("nilai tidak sah (teks perlu tanda kutip?)")),
)
# tomllib: "(at line 2, column 5)"; tomlkit (sosmed.toml edited in place): "at line 2 col 5".
_TOML_WHERE = re.compile(r"at line (\d+),? col(?:umn)? (\d+)|\(at end of document\)")


def _english() -> bool:
    return i18n.language() == "en"


def os_reason(e: OSError) -> str:
    """Why a file or socket operation failed, by its errno."""
    if _english():
        return e.strerror or str(e)
    if e.errno in _OS:
        return _(_OS[e.errno])
    code = errno.errorcode.get(e.errno) if e.errno is not None else None
    if code:
        return _("galat sistem {code}").format(code=code)
    return _("galat sistem")


def lookup_reason(e: OSError) -> str:
    """Why a host name was not found (``socket.gaierror``)."""
    if _english():
        return e.strerror or str(e)
    return _(_LOOKUP.get(e.errno or 0, N_("nama itu tidak bisa dicari")))


def toml_reason(e: Exception) -> str:
    """What is wrong in a TOML file and where (line and column)."""
    text = str(e)
    if _english():
        return text
    what = next((_(said) for phrase, said in _TOML if text.startswith(phrase)), None)
    what = what or _("susunan TOML tidak sah")
    where = _TOML_WHERE.search(text)
    if where is None:
        return what
    if where.group(1) is None:
        return _("{what} (di akhir berkas)").format(what=what)
    return _("{what} (baris {line}, kolom {column})").format(
        what=what, line=where.group(1), column=where.group(2)
    )


def image_reason(e: BaseException) -> str:
    """Why Pillow could not read an image."""
    from PIL import Image, UnidentifiedImageError

    if _english():
        return str(e) or type(e).__name__
    if isinstance(e, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return _("gambarnya lebih dari {limit} piksel").format(
            limit=f"{Image.MAX_IMAGE_PIXELS or 0:,}".replace(",", ".")
        )
    if isinstance(e, UnidentifiedImageError):
        return _("bukan gambar JPEG, PNG, GIF atau WebP")
    if isinstance(e, OSError) and e.errno is not None:
        return os_reason(e)
    return _("isinya tidak bisa dibaca sampai akhir")


def network_reason(e: BaseException) -> str:
    """Why a connection failed (urllib3's wrapper of the socket's or TLS's error), by the type
    of the error underneath; never the wrapper's class name."""
    import socket
    import ssl

    inner = _innermost(e)
    if isinstance(inner, ssl.SSLError):
        if _english():
            return " ".join(str(inner).split())
        if isinstance(inner, ssl.SSLCertVerificationError):
            return _("sertifikat TLS-nya tidak sah")
        return _("jabat tangan TLS gagal")
    if isinstance(inner, socket.gaierror):
        return lookup_reason(inner)
    if isinstance(inner, OSError) and inner.errno is not None:
        return os_reason(inner)
    return _("jawabannya bukan HTTP yang sah, atau sambungannya terputus")


def _innermost(e: BaseException) -> BaseException:
    """The socket or TLS error under urllib3's wrappers (``reason``, cause, context)."""
    seen = {id(e)}
    while True:
        below = getattr(e, "reason", None)
        if not isinstance(below, BaseException):
            below = e.__cause__ or e.__context__
        if not isinstance(below, BaseException) or id(below) in seen:
            return e
        seen.add(id(below))
        e = below


def regex_reason(e: re.error) -> str:
    """Where a regular expression goes wrong (``re.error`` knows the position)."""
    if _english():
        return str(e)
    if e.pos is None:
        return _("susunannya salah")
    return _("susunannya salah mulai posisi {pos}").format(pos=e.pos)


def template_reason(e: BaseException) -> str:
    """Where a Jinja template goes wrong: its line and the name it stumbled on, if known."""
    if _english():
        return str(e)
    said = []
    line = getattr(e, "lineno", None)
    if isinstance(line, int):
        said.append(_("baris {line}").format(line=line))
    from jinja2 import UndefinedError

    # An undefined name is the one thing in Jinja's words worth keeping: the name itself.
    quoted = re.search(r"'([^']{1,60})'", str(e)) if isinstance(e, UndefinedError) else None
    if quoted:
        said.append(repr(quoted.group(1)))
    return ", ".join(said)
