"""The day in a page's address, for a copied text: read only when it can be nothing else, used
only when the text states no date, and a mark to check when it names another day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sosmed.ingest.extract import parse_text
from sosmed.ingest.parsed import Credits, FieldSource, ParsedArticle
from sosmed.ingest.provenance import sources_record, to_check
from sosmed.ingest.urldate import URL_DATE_DIFFERS, url_day, with_url_date

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"
TODAY = date(2026, 12, 7)
WIB = timezone(timedelta(hours=7))


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://pemkab.go.id/2018/06/13/bupati-meresmikan", date(2018, 6, 13)),
        ("https://pemkab.go.id/2018/6/3/", date(2018, 6, 3)),
        ("https://pemkab.go.id/2018/06/13", date(2018, 6, 13)),
        ("https://x.go.id/web/detailberita/9190/2019/01/07/gubri-hadir", date(2019, 1, 7)),
        ("https://pemkab.go.id/berita/20180613/bupati", date(2018, 6, 13)),
        ("https://pemkab.go.id/berita/2018-06-13/bupati", date(2018, 6, 13)),
        ("https://pemkab.go.id/2027/01/02/rencana", date(2027, 1, 2)),  # next year: planned
        # A year and month alone is a month, not a day.
        ("https://pemkab.go.id/2021/03/bupati-panen-raya", None),
        ("https://pemkab.go.id/2021/03/", None),
        # Numbers that cannot be a day, or a day outside the years a page can carry.
        ("https://pemkab.go.id/2018/13/01/judul", None),
        ("https://pemkab.go.id/2018/02/30/judul", None),
        ("https://pemkab.go.id/1999/06/13/judul", None),
        ("https://pemkab.go.id/2028/06/13/judul", None),
        ("https://pemkab.go.id/berita/20181306/judul", None),
        ("https://pemkab.go.id/berita/201806131/judul", None),
        ("https://pemkab.go.id/berita/2018/06/1234/judul", None),
        # Two days in one address: no day rather than a guess.
        ("https://pemkab.go.id/2018/06/13/arsip/2019-01-07/", None),
        # The same day written twice is still one day.
        ("https://pemkab.go.id/2018/06/13/20180613-judul/20180613", date(2018, 6, 13)),
        # Only the path counts: a query or a host is not the page's address path.
        ("https://pemkab.go.id/baca?tanggal=2018-06-13", None),
        ("https://pemkab.go.id/berita/baca/541", None),
        (None, None),
        ("", None),
    ],
)
def test_url_day(url: str | None, day: date | None) -> None:
    assert url_day(url, TODAY) == day


def _article(at: datetime | None, origin: str = "header") -> ParsedArticle:
    sources = {"published_at": FieldSource(origin, sure=True)} if at else {}
    return ParsedArticle(
        title="Judul",
        published_at=at,
        has_time=at is not None,
        zone="WIB" if at else None,
        date_source=origin if at else None,
        place=None,
        credits=Credits(),
        paragraphs=["Isi."],
        lead="Isi.",
        sources=sources,
    )


URL = "https://pemkab.go.id/2018/06/13/judul"


@pytest.mark.parametrize(
    ("text_day", "origin", "want_day", "want_source"),
    [
        # No date in the text: the address's day, date only, marked for checking.
        (None, None, date(2018, 6, 13), FieldSource("url", sure=False)),
        # The text's date wins; a day apart is the same day read in another zone.
        (date(2018, 6, 13), "header", date(2018, 6, 13), FieldSource("header", sure=True)),
        (date(2018, 6, 14), "header", date(2018, 6, 14), FieldSource("header", sure=True)),
        (date(2018, 6, 12), "body", date(2018, 6, 12), FieldSource("body", sure=True)),
        # More than a day apart: the text's date stays, marked with why.
        (
            date(2018, 6, 15),
            "header",
            date(2018, 6, 15),
            FieldSource("header", sure=False, note=URL_DATE_DIFFERS),
        ),
        (
            date(2017, 6, 13),
            "body",
            date(2017, 6, 13),
            FieldSource("body", sure=False, note=URL_DATE_DIFFERS),
        ),
    ],
)
def test_precedence(
    text_day: date | None, origin: str | None, want_day: date, want_source: FieldSource
) -> None:
    at = datetime(*text_day.timetuple()[:3], 9, 30, tzinfo=WIB) if text_day else None
    got = with_url_date(_article(at, origin or "header"), URL, TODAY)
    assert got.published_at is not None and got.published_at.date() == want_day
    assert got.sources["published_at"] == want_source
    if text_day is None:
        assert (got.has_time, got.zone) == (False, None)
        assert got.published_at == datetime(2018, 6, 13, tzinfo=WIB)  # midnight, office zone
    else:
        assert got.published_at == at and got.has_time  # the text's own value, untouched


def test_no_day_in_the_address_leaves_the_article_alone() -> None:
    bare = _article(None)
    assert with_url_date(bare, "https://pemkab.go.id/2018/06/judul", TODAY) is bare
    assert with_url_date(bare, None, TODAY) is bare


def test_differing_day_reads_as_its_own_check_line() -> None:
    record = sources_record({"published_at": FieldSource("header", False, URL_DATE_DIFFERS)})
    assert record == {"published_at": {"origin": "header", "sure": False, "note": URL_DATE_DIFFERS}}
    assert to_check(record) == ["tanggal di alamat berbeda — periksa"]
    # A source without a note keeps the record it always had.
    assert sources_record({"title": FieldSource("header", True)}) == {
        "title": {"origin": "header", "sure": True}
    }


def test_text_date_line_beats_the_address() -> None:
    text = (FIXTURES / "berita.txt").read_text(encoding="utf-8")
    got = parse_text(text, url="https://pemkab.go.id/2024/10/20/jembatan")
    assert got.published_at is not None and got.published_at.date() == date(2024, 10, 14)
    assert got.sources["published_at"].note == URL_DATE_DIFFERS
