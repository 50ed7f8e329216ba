"""Reading a request body as HTTP/1.1 and RFC 7578 say: a ``Content-Length`` or a chunked
``Transfer-Encoding``, and ``multipart/form-data`` whose parameters may be quoted or not.

The parts are cut on the boundary by hand (the ``email`` parser is several times slower on
photos), but each part's headers and their parameters are read by the standard library's
``email`` parser: ``name=photo``, ``name="photo"``, ``filename*=UTF-8''foto%20a.jpg``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import HTTP
from io import BufferedIOBase

MAX_CHUNK_LINE = 1024
_BOUNDARY = re.compile(r'boundary=(?:"([^"]+)"|([^";\s]+))', re.IGNORECASE)


@dataclass
class Upload:
    name: str
    filename: str | None
    content_type: str | None
    data: bytes


class BadBody(ValueError):
    """The body is not what its headers announce (a broken chunk)."""


def read_body(rfile: BufferedIOBase, headers: Message) -> bytes:
    """The request body: chunked when ``Transfer-Encoding`` says so, else ``Content-Length``."""
    coding = str(headers.get("Transfer-Encoding") or "").lower()
    if "chunked" in coding:
        return _read_chunked(rfile)
    length = int(headers.get("Content-Length") or 0)
    return rfile.read(length) if length > 0 else b""


def _read_chunked(rfile: BufferedIOBase) -> bytes:
    out = bytearray()
    while True:
        line = rfile.readline(MAX_CHUNK_LINE)
        try:
            size = int(line.split(b";", 1)[0].strip(), 16)
        except ValueError:
            raise BadBody("bad chunk size") from None
        if size == 0:
            break
        out += rfile.read(size)
        rfile.readline(MAX_CHUNK_LINE)  # the CRLF after the chunk's data
    while rfile.readline(MAX_CHUNK_LINE).strip():  # trailer fields, up to the empty line
        pass
    return bytes(out)


def boundary(content_type: str) -> str | None:
    m = _BOUNDARY.search(content_type)
    return (m.group(1) or m.group(2)) if m else None


def parse_multipart(content_type: str, body: bytes) -> list[Upload]:
    """The parts of a ``multipart/form-data`` body, in order; [] for any other body."""
    mark = boundary(content_type)
    if not content_type.lower().startswith("multipart/form-data") or not mark:
        return []
    delimiter = b"\r\n--" + mark.encode("latin-1")
    out = []
    for chunk in (b"\r\n" + body).split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            break
        head, _, data = chunk.partition(b"\r\n\r\n")
        out.append(_part(head.lstrip(b" \t").removeprefix(b"\r\n") + b"\r\n\r\n", data))
    return out


def _part(head: bytes, data: bytes) -> Upload:
    headers = BytesHeaderParser(policy=HTTP).parsebytes(head)
    disposition = Message()
    disposition["Content-Disposition"] = str(headers.get("Content-Disposition") or "")
    name = disposition.get_param("name", "", header="content-disposition")
    filename = disposition.get_filename()
    ctype = str(headers.get("Content-Type") or "text/plain").split(";")[0].strip()
    return Upload(
        name=name if isinstance(name, str) else str(name[2]),
        filename=filename,
        content_type=ctype,
        data=data,
    )
