"""The office's article desk on real parts (a SQLite file, six accounts, Pillow photos):
corrections are recorded at the office's clock, composing again touches drafts only, photos
are checked when given and the drafts follow them, a second add does not drop its photos."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.support.config import PLATFORMS, make_home
from tests.support.hostile_images import jpeg, jpeg_declaring

from sosmed.errors import ArticleConflict, InputError, MediaError
from sosmed.office import Office

BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"
NOON = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    o = Office(make_home(tmp_path / "home"), clock=lambda: NOON)
    yield o
    o.close()


def test_a_correction_reaches_the_drafts_only(office: Office) -> None:
    desk = office.desk
    aid = desk.add(str(BERITA), None, [], None).article_id
    first = office.compose(aid, ["humas_x", "humas_mastodon", "humas_bluesky"])
    kept = office.approve(next(p.id or 0 for p in first if p.account == "humas_mastodon"), "kabag")
    seen = desk.article(aid)
    changed = desk.edit(
        seen, {"title": "Jembatan Harapan Diresmikan", "date": "7 Desember 2026 09.30 WITA"},
        None, "siti",
    )  # fmt: skip
    assert changed == ["title", "date"]
    article = desk.article(aid)
    assert article.published_at == datetime(2026, 12, 7, 1, 30, tzinfo=UTC)
    assert (article.published_offset, article.date_source) == (480, "person")
    assert [(e.field, e.actor, e.at) for e in desk.edits(aid)] == [
        ("title", "siti", NOON),
        ("date", "siti", NOON),
    ]
    # A field corrected since the person read it is refused; another field is not.
    with pytest.raises(ArticleConflict):
        desk.edit(seen, {"title": "Judul Lain"}, None, "budi")
    assert desk.edit(seen, {"reporter": "Andi"}, None, "budi") == ["reporter"]
    outcomes = {c.post.account: c for c in desk.recompose(aid)}
    assert len(outcomes) == len(PLATFORMS)
    assert outcomes["humas_mastodon"].how == "dibiarkan"
    assert outcomes["humas_mastodon"].why == "sudah disetujui"
    assert outcomes["humas_mastodon"].post.text == kept.text
    assert outcomes["humas_x"].how == "disusun ulang"
    assert "Jembatan Harapan Diresmikan" in outcomes["humas_x"].post.text
    assert outcomes["humas_facebook"].how == "baru"
    with pytest.raises(InputError, match="kemarin"):
        desk.edit(desk.article(aid), {"date": "kemarin", "place": "X"}, None, "siti")
    assert desk.article(aid).place == article.place  # bad input wrote nothing


def test_photos_are_checked_when_given_and_drafts_follow(office: Office, tmp_path: Path) -> None:
    desk = office.desk
    aid = desk.add(str(BERITA), None, [], None).article_id
    office.compose(aid, ["humas_x", "humas_instagram"])
    before = desk.photos(aid)
    bomb = tmp_path / "foto.png"  # the name says PNG; the content decides
    bomb.write_bytes(jpeg_declaring(30_000, 30_000))  # 900 megapixels declared
    not_image = tmp_path / "foto.jpg"
    not_image.write_text("bukan gambar")
    for bad in (bomb, not_image):
        with pytest.raises(MediaError, match="ditolak"):
            desk.add_photo(aid, bad, "Keterangan", None, "siti")
    assert desk.photos(aid) == before and desk.edits(aid) == []
    good = tmp_path / "jembatan.jpg"
    good.write_bytes(jpeg((800, 600)))
    number, drafts = desk.add_photo(aid, good, "Jembatan baru", "Bupati memotong pita", "siti")
    assert number == len(desk.photos(aid))
    assert {p.account for p in drafts} == {"humas_x", "humas_instagram"}
    assert all(p.photos and p.photos[-1]["alt"] == "Bupati memotong pita" for p in drafts)
    assert all(p.problem is None for p in drafts)
    # A second add of the same text with a photo: nothing is dropped silently.
    with pytest.raises(ArticleConflict) as caught:
        desk.add(str(BERITA), None, [good], "Keterangan lain")
    assert f"sosmed article photo add {aid} {good}" in str(caught.value)
    assert len(desk.photos(aid)) == number
    _gone, drafts = desk.remove_photo(aid, number, "siti")
    instagram = next(p for p in drafts if p.account == "humas_instagram")
    assert instagram.photos == [] and instagram.problem is not None  # it needs a photo
