"""Headline-date-text units: an archive repeats them from its first story on; an article told in
several paragraphs may be followed by related items in the same shape, one teaser each."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.extract import parse_text
from sosmed.ingest.lines import Kind, Line
from sosmed.ingest.listing import listing_evidence

FIXTURES = Path(__file__).parent.parent / "fixtures" / "listing_units"
TITLE = "Bupati Resmikan Jembatan Gantung di Desa Sungai Jaya"


@pytest.mark.parametrize(
    ("name", "title", "paragraphs"),
    [
        ("archive_headline_date_teaser", None, 0),
        ("archive_date_first", None, 0),
        ("article_with_related_block", TITLE, 3),
        ("article_with_untitled_related", TITLE, 3),
        ("archive_dates_over_headlines", None, 0),  # teasers without a full stop, pages
        ("archive_of_full_stories", None, 0),  # each story told in several paragraphs
        ("article_with_read_more_items", TITLE, 2),
        ("article_with_cut_teasers", TITLE, 2),
        ("article_under_dated_sidebar", TITLE, 2),
        ("article_source_dash_date", TITLE, 2),  # "Humas Setda - 4 Maret 2024" is no dateline
        ("article_category_slash_date", TITLE, 2),
        # A photo's caption (its credit after the day) and a banner above the dateline: one
        # story, starting at the dateline.
        ("article_caption_banner_dateline", TITLE, 3),
        # A teaser before two stories that open with datelines: still an archive.
        ("archive_teaser_then_dateline_stories", None, 0),
    ],
)
def test_pages_of_units(name: str, title: str | None, paragraphs: int) -> None:
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    if title is None:
        with pytest.raises(NotAnArticle, match="beberapa berita"):
            parse_text(text)
        return
    parsed = parse_text(text)
    assert parsed.title == title
    assert len(parsed.paragraphs) == paragraphs  # the related items are not story text
    assert parsed.published_at is not None and parsed.published_at.day == 4


PARA = (
    "Pemerintah kabupaten menggelar kegiatan bersama warga di balai desa untuk membahas "
    "rencana pembangunan tahun depan secara terbuka."
)


def _unit(headline: str, paragraphs: int) -> list[Line]:
    return [
        Line(headline, Kind.SHORT),
        Line("Senin, 4 Maret 2024", Kind.DATE),
        *[Line(f"{PARA} Bagian {k}.", Kind.PROSE) for k in range(paragraphs)],
    ]


HEADS = [
    "Bupati Resmikan Jembatan Gantung di Desa Sungai Jaya",
    "Camat Resmikan Balai Warga Baru di Desa Sukamaju",
    "Satpol PP Tertibkan Pedagang di Trotoar Jalan Utama",
]


@pytest.mark.parametrize(
    ("sizes", "listing"),
    [
        ((3, 1, 1), False),  # a story in three paragraphs, two related teasers
        ((1, 1, 1), True),  # an archive of teasers
        ((3, 3, 1), True),  # a blog archive: the second story is told in full too
        ((1, 3, 3), True),
        ((2, 1), False),
    ],
)
def test_units_after_a_story_told_at_length_are_related_items(
    sizes: tuple[int, ...], listing: bool
) -> None:
    lines = [line for head, n in zip(HEADS, sizes, strict=False) for line in _unit(head, n)]
    assert (listing_evidence(lines, 2) is not None) is listing


def test_the_story_under_a_caption_and_a_banner_starts_at_its_dateline() -> None:
    text = (FIXTURES / "article_caption_banner_dateline.txt").read_text(encoding="utf-8")
    parsed = parse_text(text)
    assert parsed.place == "Sungai Jaya"
    assert parsed.lead is not None and parsed.lead.startswith("Bupati meresmikan jembatan")
    assert [p.caption for p in parsed.photos] == [text.splitlines()[1]]
