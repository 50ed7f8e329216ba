"""Big pages: the bulk no reading uses (scripts, stylesheets, inline base64 images) is taken
out before parsing, and a page whose markup is still over the limit is refused."""

from __future__ import annotations

import base64
import random
import time
from pathlib import Path

import pytest

from sosmed.errors import InputError
from sosmed.ingest.extract import read_html
from sosmed.ingest.slim import (
    FALLBACK_ELEMENTS,
    MAX_ELEMENTS,
    MAX_MARKUP_CHARS,
    refuse_too_much_markup,
    slim,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
PAGES = sorted(FIXTURES.glob("**/*.html"))
URL = "https://diskominfo.contoh.go.id/2024/03/12/berita/"


def _script(i: int) -> str:
    state = ",".join(f'{{"id":{i * 50 + k},"judul":"Kegiatan {k}"}}' for k in range(50))
    return f'<script>window.__S{i}__={{"posts":[{state}]}};if(a<b&&c>d){{}}</script>\n'


def _image(i: int) -> str:
    data = base64.b64encode(random.Random(i).randbytes(3000)).decode()
    return f'<img src="data:image/jpeg;base64,{data}" alt="">'


def padded(page: str, size: int) -> str:
    """``page`` with scripts and a stylesheet in its head and scripts and inline images before
    the end of its body, up to about ``size`` characters."""
    rule = ".menu>li a:hover{color:#333}\n"
    n = max(1, (size - len(page)) // (2 * len(_script(0)) + len(_image(0)) + len(rule)))
    head = "<style>" + rule * n + "</style>"
    head += "".join(_script(i) for i in range(n))
    tail = "".join(_script(n + i) + _image(i) for i in range(n))
    page = page.replace("</head>", head + "</head>", 1)
    return page.replace("</body>", tail + "</body>", 1)


def test_slim_empties_scripts_and_styles_but_keeps_json_ld_and_the_tree() -> None:
    page = (
        '<html><head><script type="application/ld+json">{"headline": "Judul"}</script>'
        "<style>p{color:red}</style><SCRIPT src=x.js>var a = '</div>';</SCRIPT >"
        "</head><body><!-- <script>komentar</script> --><p>Teks <b>berita</b>.</p>"
        "<script>document.write('<p>bukan berita</p>')</script><p>Lagi.</p></body></html>"
    )
    assert slim(page) == (
        '<html><head><script type="application/ld+json">{"headline": "Judul"}</script>'
        "<style></style><SCRIPT src=x.js></SCRIPT >"
        "</head><body><!-- <script>komentar</script> --><p>Teks <b>berita</b>.</p>"
        "<script></script><p>Lagi.</p></body></html>"
    )


def test_slim_cuts_inline_images_to_their_type_and_leaves_small_ones() -> None:
    payload = "iVBORw0KGgo" + "A" * 400 + "=="
    small = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    page = f'<p><img src="data:image/png;base64,{payload}"><img src="{small}">x</p>'
    assert slim(page) == f'<p><img src="data:image/png;base64,"><img src="{small}">x</p>'


def test_slim_leaves_an_unclosed_script_to_the_parser() -> None:
    page = "<p>Teks.</p><script>var a = 1;<p>sisa</p>"
    assert slim(page) == page


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_a_page_padded_with_scripts_styles_and_images_reads_as_the_page(path: Path) -> None:
    page = path.read_text(encoding="utf-8")
    assert "</head>" in page and "</body>" in page
    plain = _reading(page)
    big = padded(page, 200_000)
    assert len(slim(big)) < len(big) // 4
    assert _reading(big) == plain


def test_five_megabytes_of_scripts_and_images_read_quickly() -> None:
    """A page at the input limit that is mostly scripts and images is read, as the story."""
    page = (FIXTURES / "html" / "wp_yoast.html").read_text(encoding="utf-8")
    big = padded(page, 4_900_000)
    assert len(big.encode()) > 4_500_000
    start = time.process_time()
    reading = _reading(big)
    took = time.process_time() - start
    assert reading == _reading(page)
    assert took < 5, took  # a second or less on an idle machine; the bound is for busy ones


def test_too_much_markup_is_refused_in_indonesian() -> None:
    item = "<li>Warga desa menyambut baik pembangunan jembatan baru itu. " * 3 + "</li>"
    page = "<html><body><ul>" + item * (MAX_MARKUP_CHARS // len(item) + 1) + "</ul>"
    page += "<p>" + "Bupati meresmikan jembatan baru. " * 20 + "</p></body></html>"
    with pytest.raises(InputError) as refused:
        read_html(page)
    message = str(refused.value)
    assert "terlalu besar" in message and f"{MAX_MARKUP_CHARS:,}" in message
    refuse_too_much_markup(page[:MAX_MARKUP_CHARS])  # at the limit: read


def test_too_many_elements_are_refused_though_the_page_is_small() -> None:
    page = "<html><body><p>" + "<i>x</i>" * (MAX_ELEMENTS + 1) + "</p></body></html>"
    assert len(page) < MAX_MARKUP_CHARS
    with pytest.raises(InputError) as refused:
        read_html(page)
    assert f"{MAX_ELEMENTS + 4:,} elemen" in str(refused.value)


def test_thousands_of_short_blocks_read_quickly_as_the_page() -> None:
    """A run of short blocks after the story (a comment thread of one-liners) made jusText,
    trafilatura's fallback, search block by block: 8,000 of them took about 7 seconds."""
    page = (FIXTURES / "html" / "wp_yoast.html").read_text(encoding="utf-8")
    blocks = "<div><span>Warga</span> hadir.</div>" * 8_000
    big = page.replace("</article>", "</article><div class='isi'>" + blocks + "</div>", 1)
    assert refuse_too_much_markup(big) > FALLBACK_ELEMENTS
    start = time.process_time()
    reading = _reading(big)
    took = time.process_time() - start
    assert reading == _reading(page)
    assert took < 4, took  # half a second on an idle machine


def _reading(page: str) -> object:
    try:
        return read_html(page, URL)
    except Exception as exc:  # a listing or an empty page: refused the same way
        return (type(exc), str(exc))
