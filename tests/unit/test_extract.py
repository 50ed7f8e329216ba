"""Extraction of whole pages (copied text and HTML) against hand-labelled fixture articles."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.extract import parse_html, parse_text
from sosmed.ingest.parsed import ParsedArticle

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
LISTING = "memuat beberapa berita|bukan satu berita"


def _gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def _pages(kind: str, suffix: str) -> list[str]:
    return sorted(p.stem for p in FIXTURES.glob(f"*{suffix}") if _gold(p.stem)["kind"] == kind)


def _parse(stem: str) -> ParsedArticle:
    text_page = FIXTURES / f"{stem}.txt"
    if text_page.exists():
        return parse_text(text_page.read_text(encoding="utf-8"))
    return parse_html((FIXTURES / f"{stem}.html").read_bytes())


def _fields(article: ParsedArticle) -> dict[str, Any]:
    at = article.published_at
    return {
        "title": article.title,
        "published_date": at.strftime("%Y-%m-%d") if at else None,
        "published_time": at.strftime("%H:%M") if at and article.has_time else None,
        "tz": article.zone,
        "date_source": article.date_source,
        "place": article.place,
        "editor": article.credits.editor,
        "reporter": article.credits.reporter,
        "photographer": article.credits.photographer,
        "photo_caption": next((p.caption for p in article.photos if p.caption), None),
        "first_sentence": article.lead,
    }


ARTICLES = _pages("article", ".txt") + _pages("article", ".html")
LISTINGS = _pages("listing", ".txt") + _pages("listing", ".html")


def test_the_fixtures_cover_both_kinds_and_both_formats() -> None:
    assert len(ARTICLES) >= 12
    assert len(LISTINGS) >= 3
    assert any((FIXTURES / f"{s}.html").exists() for s in ARTICLES)
    assert any((FIXTURES / f"{s}.html").exists() for s in LISTINGS)


@pytest.mark.parametrize("stem", ARTICLES)
def test_article_fields_match_the_labels(stem: str) -> None:
    gold = _gold(stem)
    got = _fields(_parse(stem))
    for name, value in got.items():
        if name in gold:
            assert value == gold[name], name


@pytest.mark.parametrize("stem", ARTICLES)
def test_paragraphs_are_the_story_only(stem: str) -> None:
    gold = _gold(stem)
    article = _parse(stem)
    assert len(article.paragraphs) == gold["paragraph_count"]
    if "last_paragraph" in gold:
        assert article.paragraphs[-1] == gold["last_paragraph"]
    assert article.lead is not None
    assert article.paragraphs[0].startswith(article.lead)
    for cruft in ("Dibaca", "Berita Lainnya", "Tulis Komentar", "Bagikan", "Baca Juga", "(rls)"):
        assert all(cruft not in p for p in article.paragraphs), cruft
    assert all(p.strip(" .") for p in article.paragraphs)


@pytest.mark.parametrize("stem", LISTINGS)
def test_listing_pages_are_refused(stem: str) -> None:
    with pytest.raises(NotAnArticle, match=LISTING):
        _parse(stem)


def test_html_gives_the_canonical_address_and_the_photo() -> None:
    article = parse_html((FIXTURES / "html01.html").read_text(encoding="utf-8"))
    gold = _gold("html01")
    assert article.canonical_url == gold["url"]
    assert [p.url for p in article.photos] == [gold["photo_url"]]
    assert article.photos[0].caption == gold["photo_caption"]


def test_html_without_a_canonical_link_keeps_the_given_address() -> None:
    page = (FIXTURES / "html01.html").read_text(encoding="utf-8")
    page = page.replace('<link rel="canonical"', '<link rel="alternate"')
    article = parse_html(page, url="https://example.go.id/berita/jembatan")
    assert article.canonical_url == "https://example.go.id/berita/jembatan"
    assert article.photos[0].url == "https://example.go.id/uploads/2023/03/jembatan-tohor.jpg"


def test_html_text_with_an_xml_declaration() -> None:
    page = (FIXTURES / "html01.html").read_text(encoding="utf-8")
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + page.replace("<!DOCTYPE html>", "")
    assert parse_html(page).title == _gold("html01")["title"]


def test_an_archive_address_is_refused_as_a_listing() -> None:
    page = (FIXTURES / "html03.html").read_bytes()
    with pytest.raises(NotAnArticle, match=LISTING):
        parse_html(page, url="https://lomboktimurkab.go.id/2024/05/")


def test_text_captions_have_no_address() -> None:
    article = parse_text((FIXTURES / "a01.txt").read_text(encoding="utf-8"))
    assert len(article.photos) == 1
    assert article.photos[0].url is None
    assert article.photos[0].path is None


def test_a_sidebar_of_headlines_before_a_story_is_not_a_listing() -> None:
    article = parse_text((FIXTURES / "a07.txt").read_text(encoding="utf-8"))
    assert article.title == _gold("a07")["title"]
    assert not any(p.startswith("- ") for p in article.paragraphs)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n\t \n", "empty"),
        ("\x00\x01\x02PK\x03\x04" * 50, "binary"),
        ("".join(chr(i % 32) for i in range(2000)), "binary"),
        ("Beranda\nProfil\nBerita\nKontak\n", "no article"),
        ("Bupati Hadiri Rapat\n\nKembali", "no article"),
    ],
)
@pytest.mark.usefixtures("english")
def test_unusable_text_is_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        parse_text(text)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        ("<html><body><nav><a href='/'>Beranda</a></nav></body></html>", "no article"),
        ("   ", "empty"),
    ],
)
@pytest.mark.usefixtures("english")
def test_unusable_html_is_refused_with_a_reason(page: str | bytes, reason: str) -> None:
    with pytest.raises(NotAnArticle, match=reason):
        parse_html(page)


def test_reasons_are_one_line() -> None:
    for text in ("", (FIXTURES / "a09.txt").read_text(encoding="utf-8")):
        with pytest.raises(NotAnArticle) as caught:
            parse_text(text)
        assert "\n" not in str(caught.value)


def test_parsing_a_copied_page_is_fast() -> None:
    text = (FIXTURES / "a01.txt").read_text(encoding="utf-8")
    parse_text(text)
    start = time.process_time()
    for _ in range(50):
        parse_text(text)
    per_page = (time.process_time() - start) / 50
    assert per_page < 0.01  # measured well under 2 ms; the margin absorbs slow machines
