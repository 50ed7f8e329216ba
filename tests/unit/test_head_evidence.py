"""Evidence from a line's place around the headline and the story: a sentence over a
newsroom's dateline is not the story's start, and dates paired with other headlines (a
sidebar's list above, related items below) are never the story's date."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.ingest.extract import parse_text
from sosmed.ingest.head import date_lines_in_order
from sosmed.ingest.lines import Kind, Line

FIXTURES = Path(__file__).parent.parent / "fixtures" / "head_evidence"
TITLE = "Bupati Resmikan Jembatan Gantung di Desa Sungai Jaya"
CAPTION = "Bupati Sungai Jaya saat menggunting pita peresmian jembatan gantung."


@pytest.mark.parametrize(
    ("name", "day", "caption"),
    [
        ("sentence_over_dateline", 4, None),  # not a picture's words: left out, not a 2nd story
        ("caption_over_dateline", 4, CAPTION),
        ("sidebar_dates_above_headline", None, None),  # the sidebar's dates are not this one's
        ("dated_items_below_story", None, None),
    ],
)
def test_head_evidence(name: str, day: int | None, caption: str | None) -> None:
    parsed = parse_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert parsed.title == TITLE
    assert (parsed.published_at.day if parsed.published_at else None) == day
    assert next((p.caption for p in parsed.photos), None) == caption
    assert parsed.place == "Sungai Jaya"
    assert len(parsed.paragraphs) == 2


def _line(text: str) -> Line:
    kind = Kind.DATE if text[0].isdigit() else Kind.SHORT
    return Line(text, kind)


@pytest.mark.parametrize(
    ("texts", "want"),
    [
        # headline, date under it: taken
        (["Kabar", TITLE, "4 Maret 2024"], [2]),
        # one date just above the headline: taken
        (["4 Maret 2024", TITLE], [0]),
        # a list of headline-date pairs above the headline: none taken
        (["Camat Resmikan Balai Warga", "2 Maret 2024", "Satpol PP Tertibkan Pedagang",
          "1 Maret 2024", TITLE], []),
        # the list above, the page's own date under the headline: only that one
        (["Camat Resmikan Balai Warga", "2 Maret 2024", "Satpol PP Tertibkan Pedagang",
          "1 Maret 2024", TITLE, "4 Maret 2024"], [5]),
    ],
)  # fmt: skip
def test_dates_paired_with_other_headlines_above_are_not_taken(
    texts: list[str], want: list[int]
) -> None:
    lines = [_line(t) for t in texts]
    top = texts.index(TITLE)
    assert date_lines_in_order(lines, len(lines), top) == want


@pytest.mark.parametrize(
    ("name", "paragraphs", "last"),
    [
        # comments (author, date line, text, "Balas") are not story text
        ("comments_under_story", 2, "Kepala desa menyampaikan"),
        # a bulleted list of dates inside the story does not end it
        ("dated_list_inside_story", 4, "Kegiatan tersebut diharapkan"),
    ],
)
def test_the_story_ends_at_a_date_line_of_its_own(name: str, paragraphs: int, last: str) -> None:
    parsed = parse_text((FIXTURES / f"{name}.txt").read_text(encoding="utf-8"))
    assert parsed.title == TITLE
    assert len(parsed.paragraphs) == paragraphs
    assert parsed.paragraphs[-1].startswith(last)
