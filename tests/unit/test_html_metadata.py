"""The readers of an HTML page's own metadata and the weighing of their dates: pure functions
over small HTML strings and plain values."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from lxml import html as lxml_html

from sosmed.ingest.cards import listing_reason
from sosmed.ingest.evidence import Vote, choose_date, choose_title
from sosmed.ingest.metadata import (
    parse_stamp,
    read_figure,
    read_headline,
    read_jsonld,
    read_meta_names,
    read_opengraph,
    read_time,
    read_url,
    without_chrome,
)

WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))


def tree(head: str = "", body: str = "") -> lxml_html.HtmlElement:
    return lxml_html.document_fromstring(f"<html><head>{head}</head><body>{body}</body></html>")


def ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


@pytest.mark.parametrize(
    ("head", "title", "day", "author", "image"),
    [
        (
            ld(
                '{"@type":"NewsArticle","headline":"Bupati Buka Pameran",'
                '"datePublished":"2024-03-12T10:15:00+07:00","author":{"name":"Rina"},'
                '"image":["https://x.go.id/a.jpg"]}'
            ),
            "Bupati Buka Pameran",
            "2024-03-12 10:15",
            "Rina",
            "https://x.go.id/a.jpg",
        ),
        (  # Yoast: in @graph, the author and the image by reference
            ld(
                '{"@graph":[{"@type":"WebPage","name":"Halaman"},'
                '{"@type":["Article"],"headline":"Camat Tinjau Irigasi",'
                '"datePublished":"2024-03-12T03:15:00+00:00","author":{"@id":"#p1"},'
                '"image":{"@id":"#img"}},{"@type":"Person","@id":"#p1","name":"Budi Santoso"},'
                '{"@type":"ImageObject","@id":"#img","url":"https://x.go.id/b.jpg"}]}'
            ),
            "Camat Tinjau Irigasi",
            "2024-03-12 10:15",
            "Budi Santoso",
            "https://x.go.id/b.jpg",
        ),
        (
            ld('{"@type":"BlogPosting","headline":"Kerja Bakti","datePublished":"2023-11-21"}'),
            "Kerja Bakti",
            "2023-11-21 00:00",
            None,
            None,
        ),
        (ld('{"@type":"Organization","name":"Pemkab"}'), None, None, None, None),
        (
            ld('{"@type":"NewsArticle", broken') + ld('{"@type":"Article","headline":"Dua"}'),
            "Dua",
            None,
            None,
            None,
        ),
    ],
)
def test_jsonld(
    head: str, title: str | None, day: str | None, author: str | None, image: str | None
) -> None:
    found = read_jsonld(tree(head))
    assert found.title == title
    assert (found.date.value.strftime("%Y-%m-%d %H:%M") if found.date else None) == day
    assert found.author == author
    assert found.image == image


def test_opengraph_and_meta_names() -> None:
    page = tree(
        '<meta property="og:title" content="Judul Berita - Pemkab Contoh">'
        '<meta property="og:site_name" content="Pemkab Contoh">'
        '<meta property="og:image" content="https://x.go.id/c.jpg">'
        '<meta property="og:image:alt" content="Bupati menyerahkan bantuan">'
        '<meta property="article:published_time" content="2024-08-05T14:20:00+08:00">'
        '<meta name="DC.date.issued" content="2024-08-05">'
        '<meta name="Author" content="Siti Aisyah">'
    )
    og = read_opengraph(page)
    assert og.title == "Judul Berita"
    assert og.image == "https://x.go.id/c.jpg" and og.caption == "Bupati menyerahkan bantuan"
    assert og.date is not None and og.date.value == datetime(2024, 8, 5, 14, 20, tzinfo=WITA)
    assert og.date.zone == "WITA"
    meta = read_meta_names(page)
    assert meta.author == "Siti Aisyah"
    assert meta.date is not None and not meta.date.has_time
    assert meta.date.value.date().isoformat() == "2024-08-05"


SIDEBAR = (
    '<aside class="widget-area"><h2>Berita Terkini</h2>'
    '<time datetime="2024-03-13T08:00:00+07:00">13 Maret</time></aside>'
)
RELATED = (
    '<div class="posts"><h3>Berita Terkait</h3>'
    '<time datetime="2024-02-20T08:00:00+07:00">20 Februari</time></div>'
)


@pytest.mark.parametrize(
    ("body", "day"),
    [
        (
            '<article><h1>Judul</h1><time datetime="2024-03-12T10:15:00+07:00">12</time>'
            f"</article>{SIDEBAR}{RELATED}",
            "2024-03-12",
        ),
        (SIDEBAR + RELATED, None),  # only other stories' times
        (  # published beats updated
            '<article><h1>Judul</h1><time class="entry-date published" '
            'datetime="2024-03-12T10:15:00+07:00">12</time><time class="updated" '
            'datetime="2024-03-14T10:15:00+07:00">14</time></article>',
            "2024-03-12",
        ),
        (  # two article times that disagree: none rather than a guess
            '<article><h1>Judul</h1><time datetime="2024-03-12T10:15:00+07:00">12</time>'
            '<time datetime="2024-03-14T10:15:00+07:00">14</time></article>',
            None,
        ),
        (  # no <article>: the headline's neighbourhood
            '<div class="detail"><div class="head"><h1>Judul</h1>'
            '<time datetime="2024-05-01">1 Mei</time></div></div>'
            '<div class="col-md-4 berita-terkini"><time datetime="2024-05-02">2 Mei</time></div>',
            "2024-05-01",
        ),
    ],
)
def test_time_is_the_articles_own(body: str, day: str | None) -> None:
    found = read_time(tree(body=body))
    assert (found.date.value.date().isoformat() if found.date else None) == day


def test_figure_caption_is_the_articles_and_without_its_label() -> None:
    body = (
        '<aside><figure><img src="/side.jpg"><figcaption>Iklan</figcaption></figure></aside>'
        '<figure><img src="/a.jpg"><figcaption>Teks foto: Warga antre beras murah.</figcaption>'
        "</figure>"
    )
    found = read_figure(tree(body=body))
    assert found.caption == "Warga antre beras murah."
    assert found.image == "/a.jpg"


@pytest.mark.parametrize(
    ("url", "day", "month_only"),
    [
        ("https://x.go.id/2018/06/13/bupati-buka/", "2018-06-13", False),
        ("https://x.blogspot.com/2018/06/bupati-buka.html", "2018-06-01", True),
        ("https://x.go.id/berita/2018/13/40/x", None, False),
        ("https://x.go.id/berita/detail/2018/judul", None, False),
        (None, None, False),
    ],
)
def test_url_date(url: str | None, day: str | None, month_only: bool) -> None:
    found = read_url(url)
    assert (found.date.value.date().isoformat() if found.date else None) == day
    assert bool(found.date and found.date.month_only) == month_only


@pytest.mark.parametrize(
    ("text", "expected", "has_time", "zone"),
    [
        ("2024-03-12T03:15:00Z", "2024-03-12 10:15+0700", True, "WIB"),
        ("2024-03-12T10:15:00+09:00", "2024-03-12 10:15+0900", True, "WIT"),
        ("2024-03-12 10:15:00", "2024-03-12 10:15+0700", True, None),
        ("2024-03-12", "2024-03-12 00:00+0700", False, None),
        ("12 Maret 2024", None, False, None),
        ("", None, False, None),
    ],
)
def test_stamps(text: str, expected: str | None, has_time: bool, zone: str | None) -> None:
    stamp = parse_stamp(text)
    assert (stamp.value.strftime("%Y-%m-%d %H:%M%z") if stamp else None) == expected
    assert bool(stamp and stamp.has_time) == has_time
    assert (stamp.zone if stamp else None) == zone


def vote(origin: str, day: int, hour: int | None = None, month_only: bool = False) -> Vote:
    value = datetime(2024, 3, day, hour or 0, tzinfo=WIB)
    return Vote(origin, value, hour is not None, None, month_only)


@pytest.mark.parametrize(
    ("votes", "body", "day", "origin", "sure"),
    [
        ([vote("header", 12, 10), vote("html", 12, 9), vote("url", 12)], None, 12, "header", True),
        ([vote("header", 12), vote("html", 12, 10)], None, 12, "html", True),  # the time added
        ([vote("html", 12, 10)], None, 12, "html", True),
        ([vote("url", 12)], None, 12, "url", False),  # an address alone: check it
        ([vote("header", 11), vote("html", 12, 10)], None, None, None, None),  # no day wins
        ([vote("header", 11), vote("html", 12, 10), vote("url", 12)], None, 12, "html", False),
        ([vote("html", 12), vote("url", 1, month_only=True)], None, 12, "html", True),
        ([vote("header", 12), vote("url", 1, month_only=True)], None, 12, "header", True),
        ([vote("url", 1, month_only=True)], vote("body", 9), 9, "body", False),
        ([], vote("body", 9), 9, "body", False),
        ([], None, None, None, None),
    ],
)
def test_dates_are_weighed(
    votes: list[Vote], body: Vote | None, day: int | None, origin: str | None, sure: bool | None
) -> None:
    choice = choose_date(votes, body)
    assert (choice.value.day if choice else None) == day
    assert (choice.source.origin if choice else None) == origin
    assert (choice.source.sure if choice else None) == sure


def test_a_month_in_the_address_against_the_day_is_a_conflict() -> None:
    april = Vote("url", datetime(2024, 4, 1, tzinfo=WIB), False, None, month_only=True)
    assert choose_date([vote("html", 12, 10), april]) is None
    assert choose_date([vote("html", 12, 10), vote("header", 12), april]) is not None


@pytest.mark.parametrize(
    ("text", "html", "page", "title", "origin", "sure"),
    [
        ("Bupati Buka Pameran", "Bupati Buka Pameran", None, "Bupati Buka Pameran", "html", True),
        (
            "Bupati Buka Pameran",
            "Bupati Buka Pameran UMKM 2024",
            None,
            "Bupati Buka Pameran",
            "html",
            True,
        ),
        ("Berita Terkini", "Bupati Buka Pameran", None, "Bupati Buka Pameran", "html", False),
        ("Bupati Buka Pameran", None, None, "Bupati Buka Pameran", "header", True),
        (None, None, "Bupati Buka Pameran", "Bupati Buka Pameran", "html", False),
    ],
)
def test_titles(
    text: str | None, html: str | None, page: str | None, title: str, origin: str, sure: bool
) -> None:
    chosen = choose_title(text, html, page)
    assert chosen is not None
    assert (chosen[0], chosen[1].origin, chosen[1].sure) == (title, origin, sure)


CARD = (
    '<article><h2><a href="/b/{0}">Berita nomor {0} tentang desa</a></h2><p>Ringkas.</p></article>'
)
STORY = "<p>" + " ".join(["kata"] * 130) + "</p>"


@pytest.mark.parametrize(
    ("body", "url", "seen"),
    [
        ("".join(CARD.format(i) for i in range(4)), None, "4 judul berita di halaman ini"),
        ("<h1>Satu Berita</h1>" + STORY + "".join(CARD.format(i) for i in range(4)), None, None),
        (
            "<h1>Satu Berita</h1>"
            + STORY
            + '<div class="related-posts">'
            + "".join(CARD.format(i) for i in range(4))
            + "</div>",
            None,
            None,
        ),
        ("".join(f"<div>{CARD.format(i)}{STORY}</div>" for i in range(2)), None, "2 judul berita"),
        ("<h1>Satu Berita</h1>" + STORY, "https://x.blogspot.com/2024/03/", "/2024/03/"),
        ("<h1>Satu Berita</h1>" + STORY, "https://x.go.id/kategori/berita/", "/kategori/berita/"),
        ("<h1>Satu Berita</h1>" + STORY, "https://x.go.id/2024/03/12/satu-berita/", None),
    ],
)
def test_listing_pages_are_told_by_their_markup(
    body: str, url: str | None, seen: str | None
) -> None:
    reason = listing_reason(tree(body=body), url)
    if seen is None:
        assert reason is None
    else:
        assert reason is not None and seen in reason and "bukan satu berita" in reason
        assert "\n" not in reason


@pytest.mark.parametrize(
    ("body", "title"),
    [
        ("<h1>Bupati Buka Pameran</h1>", "Bupati Buka Pameran"),
        ("<header><h1><a href='/'>Kecamatan Sukadana</a></h1></header>", None),
        (
            "<h1><a href='/'>Kecamatan</a></h1><article><h1>Camat Tinjau Irigasi</h1></article>",
            "Camat Tinjau Irigasi",
        ),
        ("<aside class='widget'><h1>Berita Terkini</h1></aside>", None),
    ],
)
def test_headline(body: str, title: str | None) -> None:
    assert read_headline(tree(body=body)).title == title


def test_furniture_is_taken_out_of_the_copy_only() -> None:
    page = tree(
        body="<article><h1>Judul</h1><p>Isi berita.</p><footer>Editor: Rina</footer></article>"
        "<div class='panel'><div class='panel-heading'><h4>Berita Terkini</h4></div>"
        "<p>Senin, 06 Agustus 2024</p></div><footer>Hak cipta</footer>"
    )
    text = without_chrome(page).text_content()
    assert "Editor: Rina" in text and "Isi berita." in text
    assert "Agustus" not in text and "Hak cipta" not in text
    assert "Agustus" in page.text_content()
