"""A reviewer's acts and a page's uploads through the office, on real parts (a SQLite file,
six accounts, Pillow photos): an approval covers the words the reviewer saw, a post sent back
keeps the comment under the reviewer's name, an upload refused leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.support.config import make_home
from tests.support.hostile_images import jpeg

from sosmed.errors import InputError, MediaError, PostMoved
from sosmed.office import Office, review, uploads

BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"
NOON = datetime(2026, 12, 7, 5, 0, tzinfo=UTC)


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    o = Office(make_home(tmp_path / "home"), clock=lambda: NOON)
    yield o
    o.close()


def _x_post(office: Office) -> int:
    aid = office.desk.add(str(BERITA), None, [], None).article_id
    return next(p.id or 0 for p in office.compose(aid, ["humas_x"]))


def test_an_approval_covers_the_words_seen(office: Office) -> None:
    pid = _x_post(office)
    seen = review.seen_as("draft", office.post(pid).fence)
    review.edit(office, pid, seen, "Kata baru dari staf.", "siti")
    with pytest.raises(PostMoved):  # the reviewer's page shows the old words
        review.approve(office, pid, seen, "kabag")
    assert office.post(pid).status == "draft"
    fresh = office.post(pid)
    approved = review.approve(office, pid, review.seen_as("draft", fresh.fence), "kabag")
    assert (approved.status, approved.approved_by) == ("approved", "kabag")
    # An edit of approved words: back to draft, a new approval needed.
    back = review.edit(office, pid, review.seen_as("approved", approved.fence), "Lagi.", "siti")
    assert (back.status, back.approved_by) == ("draft", None)


def test_sent_back_with_a_comment_in_the_history(office: Office) -> None:
    pid = _x_post(office)
    post = office.approve(pid, "kabag")
    with pytest.raises(InputError):
        review.send_back(office, pid, review.seen_as("approved", post.fence), "  ", "kabag")
    back = review.send_back(
        office, pid, review.seen_as("approved", post.fence), "Judulnya kurang jelas", "kabag"
    )
    assert back.status == "draft" and back.approved_by is None
    _when, who, what, _action = office.history(pid)[-1]
    assert who == "kabag" and "Judulnya kurang jelas" in what and "approved → draft" in what
    with pytest.raises(InputError):
        review.seen_as("", "")


def test_a_non_image_upload_leaves_nothing(office: Office) -> None:
    big = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)
    with pytest.raises((InputError, MediaError)) as refused:
        uploads.add_article(
            office,
            url=None,
            text=BERITA.read_text(encoding="utf-8"),
            file=None,
            photos=[uploads.Upload("laporan.pdf", big)],
            caption=None,
        )
    assert "laporan.pdf" in str(refused.value) and "/tmp" not in str(refused.value)
    assert office.articles(10) == []
    assert not (office.settings.media_dir / uploads.UPLOADS).exists()


def test_pasted_text_with_a_photo_kept_in_the_media_folder(office: Office) -> None:
    added = uploads.add_article(
        office,
        url=None,
        text=BERITA.read_text(encoding="utf-8"),
        file=None,
        photos=[uploads.Upload("C:\\foto\\jembatan.jpg", jpeg((800, 600)))],
        caption="Peresmian jembatan",
    )
    photos = office.desk.photos(added.article_id)
    assert len(photos) == 1 and photos[0].caption == "Peresmian jembatan"
    served = uploads.media_file(office, photos[0].path)
    assert served is not None and served[1] == "image/jpeg"
    assert uploads.media_file(office, str(BERITA)) is None  # outside the media folder
    assert uploads.media_file(office, str(office.settings.media_dir / ".." / "sosmed.db")) is None


def test_an_edit_of_a_scheduled_post_takes_it_off_the_calendar(office: Office) -> None:
    from datetime import timedelta

    pid = _x_post(office)
    office.approve(pid, "kabag")
    office.schedule([pid], NOON + timedelta(hours=3), False, False, "kabag", lambda _m: None)
    post = office.post(pid)
    assert post.status == "scheduled" and post.scheduled_at is not None
    back = review.edit(office, pid, review.seen_as("scheduled", post.fence), "Baru.", "siti")
    assert (back.status, back.scheduled_at, back.approved_by) == ("draft", None, None)
    assert office.queue(10) == []
