"""Pages of the CMSs government sites run on, end to end through ``parse_html``: the article's
own title, date, photo and caption, never a date from the sidebar or the related stories beside
it, and listing pages refused with what was seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.extract import parse_html
from sosmed.ingest.parsed import ParsedArticle

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
TEMANGGUNG = "https://diskominfo.temanggungkab.go.id/wp-content/uploads/2024/03/sekolah-lapang.jpg"
CAPTION = "Bupati Temanggung menanam bibit cabai bersama anggota kelompok tani di Desa Wonosari"

# fixture: title, published (local), zone, origin and sureness of the date, photo, caption start
EXPECTED: dict[str, dict[str, Any]] = {
    "wp_yoast": {
        "title": "Bupati Luncurkan Program Sekolah Lapang Petani Cabai",
        "published": "2024-03-12 10:15",
        "zone": "WIB",
        "date": ("html", True),
        "place": "Temanggung",
        "photo": TEMANGGUNG,
        "caption": CAPTION,
    },
    "wp_plain": {
        "title": "Bupati Luncurkan Program Sekolah Lapang Petani Cabai",
        "published": "2024-03-12 10:15",
        "zone": "WIB",
        "date": ("html", True),
        "place": "Temanggung",
        "photo": TEMANGGUNG,
        "caption": CAPTION,
    },
    "joomla_k2": {
        "title": "Pemkab Kubu Raya Gelar Pasar Murah Jelang Ramadan",
        "published": "2024-03-07 09:40",
        "zone": None,
        "date": ("header", True),
        "place": "Sungai Raya",
        "photo": "https://www.kuburayakab.go.id/media/k2/items/cache/5a1c_XL.jpg",
        "caption": "Warga antre membeli beras murah di halaman Kantor Bupati Kubu Raya",
    },
    "blogger": {
        "title": "Camat Pimpin Kerja Bakti Bersihkan Saluran Irigasi",
        "published": "2023-11-21 08:05",
        "zone": "WIB",
        "date": ("html", True),
        "place": "Sukadana",
        "photo": "https://blogger.googleusercontent.com/img/b/R29vZ2xl/s320/kerja-bakti.jpg",
        "caption": None,
    },
    "ci_portal": {
        "title": "Wakil Bupati Tinjau Pembangunan Pasar Rakyat Barabai",
        "published": "2024-08-05 14:20",
        "zone": "WITA",
        "date": ("header", True),
        "place": "Barabai",
        "photo": "https://hstkab.go.id/assets/upload/berita/pasar-barabai.jpg",
        "caption": None,
    },
}
# The dates of the other stories each page shows beside its own (sidebar, related posts).
OTHER_DAYS = {
    "wp_yoast": {"2024-03-13", "2024-03-11", "2024-03-10", "2024-02-20", "2024-01-15"},
    "wp_plain": {"2024-03-13", "2024-03-11", "2024-03-10", "2024-02-20", "2024-01-15"},
    "joomla_k2": {"2024-03-08", "2024-03-06", "2024-03-05", "2024-02-20", "2024-02-12"},
    "blogger": {"2023-10-02", "2023-11-14"},
    "ci_portal": {"2024-08-06", "2024-08-03", "2024-08-01"},
}
# What states each page's own date; without it, no sidebar date may take its place.
OWN_DATE = {
    "wp_yoast": (
        'datetime="2024-03-12',
        "2024-03-12T03:15",
        "/2024/03/12/",
        "12 Maret 2024",
        "14 Maret 2024",
    ),
    "wp_plain": ('datetime="2024-03-12', "/2024/03/12/", "12 Maret 2024", "14 Maret 2024"),
    "joomla_k2": ("Kamis, 07 Maret 2024 09:40",),
    "blogger": ("2023-11-21T08:05", "/2023/11/", "November 21, 2023"),
    "ci_portal": ("2024-08-05", "Senin, 05 Agustus 2024 | 14:20 WITA"),
}


def page(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def day(article: ParsedArticle) -> str | None:
    return article.published_at.date().isoformat() if article.published_at else None


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_cms_page_gives_its_own_fields(name: str) -> None:
    want = EXPECTED[name]
    article = parse_html(page(name))
    assert article.title == want["title"]
    assert article.published_at is not None and article.has_time
    assert article.published_at.strftime("%Y-%m-%d %H:%M") == want["published"]
    assert article.zone == want["zone"]
    source = article.sources["published_at"]
    assert (source.origin, source.sure) == want["date"]
    assert article.place == want["place"]
    assert article.photos and article.photos[0].url == want["photo"]
    caption = article.photos[0].caption
    assert (caption[: len(want["caption"])] if caption else None) == want["caption"]
    assert article.sources["title"].origin in ("html", "header")
    assert not any(p.startswith(CAPTION) for p in article.paragraphs)


@pytest.mark.parametrize("name", sorted(OWN_DATE))
def test_a_sidebar_date_never_becomes_the_articles(name: str) -> None:
    text = page(name)
    for mark in OWN_DATE[name]:
        assert mark in text, mark
        text = text.replace(mark, "")
    article = parse_html(text)
    assert article.title == EXPECTED[name]["title"]
    assert day(article) not in OTHER_DAYS[name]
    if article.published_at is not None:  # the event date the story opens with, to be checked
        assert article.sources["published_at"] == type(article.sources["published_at"])(
            "body", False
        )


def test_metadata_and_date_line_that_disagree_give_no_date() -> None:
    text = page("ci_portal").replace('content="2024-08-05', 'content="2024-08-04')
    article = parse_html(text)
    assert article.published_at is None
    assert "published_at" not in article.sources


def test_the_address_settles_a_disagreement_but_leaves_it_to_be_checked() -> None:
    text = page("wp_plain").replace("12 Maret 2024</time>", "</time>")
    text = text.replace('datetime="2024-03-12T10:15', 'datetime="2024-03-11T10:15')
    text = text.replace(
        '<div class="entry-content">', '<div class="entry-content"><p>12/03/2024</p>'
    )
    article = parse_html(text, url="https://diskominfo.temanggungkab.go.id/2024/03/12/x/")
    assert day(article) in ("2024-03-12", None)
    assert article.sources.get("published_at") is None or not article.sources["published_at"].sure


def test_a_blogger_page_without_metadata_keeps_the_month_of_its_address() -> None:
    text = page("blogger").replace("2023-11-21T08:05", "").replace("November 21, 2023", "")
    text = text.replace("Selasa (21/11/2023)", "Selasa (21/10/2023)")
    article = parse_html(text)
    assert article.published_at is None  # the story's October day against the address's November


@pytest.mark.parametrize(
    ("name", "url", "seen"),
    [
        ("wp_archive", None, "3 judul berita di halaman ini"),
        ("blogger_archive", None, "alamat /2024/03/ adalah halaman arsip"),  # its canonical link
        ("blogger_archive", "https://kec-sukadana.blogspot.com/2024/03/", "/2024/03/"),
        ("indeks", None, "5 judul berita di halaman ini"),
    ],
)
def test_listing_pages_are_refused_naming_what_was_seen(
    name: str, url: str | None, seen: str
) -> None:
    with pytest.raises(NotAnArticle) as caught:
        parse_html(page(name), url=url)
    message = str(caught.value)
    assert seen in message and "bukan satu berita" in message and "\n" not in message


def test_a_blogger_archive_without_its_address_is_told_by_its_stories() -> None:
    text = page("blogger_archive").replace("rel='canonical'", "rel='alternate'")
    with pytest.raises(NotAnArticle, match="3 judul berita di halaman ini"):
        parse_html(text)


def test_an_article_with_related_posts_and_sidebar_is_one_article() -> None:
    article = parse_html(page("wp_yoast"))
    assert len(article.paragraphs) == 5
    assert not any("Rapat Koordinasi" in p or "Pupuk Organik" in p for p in article.paragraphs)


def test_the_metadata_author_is_the_reporter_only_when_a_person() -> None:
    assert parse_html(page("wp_yoast")).credits.reporter is None  # "admin" typed it in
    named = page("wp_yoast").replace('"name":"admin"', '"name":"Budi Santoso"')
    article = parse_html(named)
    assert article.credits.reporter == "Budi Santoso"
    source = article.sources["reporter"]
    assert (source.origin, source.sure) == ("html", False)


def test_og_title_with_the_site_name_gives_way_to_the_printed_headline() -> None:
    text = page("wp_plain").replace(
        "<head>",
        '<head><meta property="og:title" content="Bupati Luncurkan Program Sekolah '
        'Lapang Petani Cabai - Diskominfo Temanggung">',
    )
    for mark in OWN_DATE["wp_plain"]:  # the text rules then take another line for the title
        text = text.replace(mark, "")
    article = parse_html(text)
    assert article.title == "Bupati Luncurkan Program Sekolah Lapang Petani Cabai"
    assert article.sources["title"].origin == "html"
