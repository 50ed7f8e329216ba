"""The sandbox's reading of the wire and of Telegram's HTML, as the RFCs and the Bot API say."""

from __future__ import annotations

import io
from email.message import Message

import pytest

from sosmed.sandbox.http_body import BadBody, boundary, parse_multipart, read_body
from sosmed.sandbox.telegram_entities import EntityError, parse_html_entities


def reader(data: bytes) -> io.BufferedReader:
    return io.BufferedReader(io.BytesIO(data))


def headers(**fields: str) -> Message:
    msg = Message()
    for name, value in fields.items():
        msg[name.replace("_", "-")] = value
    return msg


def test_a_chunked_body_is_read_whole_with_extensions_and_trailers() -> None:
    wire = b"5;ext=1\r\nhello\r\n7\r\n, dunia\r\n0\r\nX-Trailer: a\r\n\r\nNEXT"
    rfile = reader(wire)
    assert read_body(rfile, headers(Transfer_Encoding="chunked")) == b"hello, dunia"
    assert rfile.read() == b"NEXT"  # the next request on the connection is left alone
    with pytest.raises(BadBody):
        read_body(reader(b"zz\r\n"), headers(Transfer_Encoding="chunked"))
    sized = reader(b"abcdef")
    assert read_body(sized, headers(Content_Length="3")) == b"abc"


def test_multipart_parameters_quoted_unquoted_and_rfc2231() -> None:
    body = (
        b"preamble\r\n--xy\r\nContent-Disposition: form-data; name=chat_id\r\n\r\n@kanal\r\n"
        b'--xy\r\nContent-Disposition: form-data; name="caption"\r\n\r\nA; "b"\r\n'
        b"--xy\r\nContent-Disposition: form-data; name=photo; filename=foto.jpg\r\n"
        b"Content-Type: image/jpeg\r\n\r\n\xff\xd8\r\n--xy--\r\n"
        b"--xy\r\nContent-Disposition: form-data; name=late\r\n\r\nafter the end\r\n"
    )
    parts = parse_multipart("multipart/form-data; boundary=xy", body)
    assert [(p.name, p.filename, p.content_type, p.data) for p in parts] == [
        ("chat_id", None, "text/plain", b"@kanal"),
        ("caption", None, "text/plain", b'A; "b"'),
        ("photo", "foto.jpg", "image/jpeg", b"\xff\xd8"),
    ]
    named = (
        b"--q\r\nContent-Disposition: form-data; name=\"f\"; filename*=UTF-8''foto%20a.jpg"
        b"\r\n\r\nx\r\n--q--"
    )
    assert parse_multipart('multipart/form-data; boundary="q"', named)[0].filename == "foto a.jpg"
    assert boundary('multipart/form-data; boundary="a;b"') == "a;b"
    assert parse_multipart("text/plain", body) == []


def test_html_entities_have_utf16_offsets_and_telegram_kinds() -> None:
    text, entities = parse_html_entities(
        '😀 <b>Bupati <i>Kasmarni</i></b> &amp; <a href="https://a.go.id/x?a=1&amp;b=2">berita</a>'
        ' <pre><code class="language-python">x = 1</code></pre> #Bengkalis @humas_kab'
    )
    assert text == "😀 Bupati Kasmarni & berita x = 1 #Bengkalis @humas_kab"
    assert entities == [
        {"offset": 3, "length": 15, "type": "bold"},
        {"offset": 10, "length": 8, "type": "italic"},
        {"offset": 21, "length": 6, "type": "text_link", "url": "https://a.go.id/x?a=1&b=2"},
        {"offset": 28, "length": 5, "type": "pre", "language": "python"},
        {"offset": 34, "length": 10, "type": "hashtag"},
        {"offset": 45, "length": 10, "type": "mention"},
    ]


def test_links_in_code_are_not_found_and_bad_html_is_refused() -> None:
    _, entities = parse_html_entities("<code>https://a.go.id</code> https://b.go.id.")
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("code", 0, 15),
        ("url", 16, 15),
    ]
    for bad in ("<b>tebal", "a </b>", "<span>x</span>", "<div>x</div>"):
        with pytest.raises(EntityError):
            parse_html_entities(bad)
