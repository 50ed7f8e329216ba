"""The Draf page's view of a post: its count is the platform's own, and the point where the
platform stops reading never splits a character or a link."""

from __future__ import annotations

import pytest

from sosmed.models import Post, PostStatus
from sosmed.office import preview as p
from sosmed.platforms.limits import check
from sosmed.web import drafts_view as v


def test_a_text_that_fits_is_kept_whole() -> None:
    c = p.count_text("x", "Jembatan Harapan diresmikan hari ini.")
    assert (c.over, c.cut, c.limit) == (False, "", 280)
    assert c.kept == "Jembatan Harapan diresmikan hari ini."
    assert c.length == check("x", c.kept).length


@pytest.mark.parametrize(
    ("platform", "text"),
    [
        ("x", "a" * 300),
        ("x", "é" * 100 + "漢" * 150),  # CJK weighs 2 on X
        ("x", "😀" * 200),  # an emoji weighs 2 and is never split
        ("bluesky", "👨‍👩‍👧" * 310),  # one grapheme of several code points
        ("mastodon", "kata " * 120),
        ("threads", "x" * 499 + "😀" * 3),  # Threads counts an emoji by its bytes
        ("telegram", "😀" * 2100),  # UTF-16 units
    ],
)
def test_the_kept_part_is_the_longest_that_fits(platform: str, text: str) -> None:
    c = p.count_text(platform, text)
    assert c.over and c.kept + c.cut == text
    assert check(platform, c.kept).length <= c.limit
    # One more character would not fit (the cut falls on a grapheme boundary).
    import grapheme

    first = next(iter(grapheme.graphemes(c.cut)))
    assert check(platform, c.kept + first).length > c.limit


def test_x_never_stops_inside_a_link() -> None:
    text = "a" * 270 + " https://example.com/berita/1 " + "b" * 20
    c = p.count_text("x", text)
    assert c.over and c.length == 270 + 1 + 23 + 1 + 20
    assert c.kept == "a" * 270 + " "  # the whole link (23) does not fit in the 9 left
    assert c.cut.startswith("https://")


def test_the_json_the_count_endpoint_answers() -> None:
    answer = p.count_text("x", "a" * 281).as_json()
    assert answer["over"] is True and answer["length"] == 281 and answer["limit"] == 280
    assert answer["label"] == "281 / 280 karakter berbobot"
    assert answer["problem"]


def test_instagram_frames_by_the_photo_shape() -> None:
    assert v.shape_of(1080, 1350) == "portrait"
    assert v.shape_of(1080, 1080) == "square"
    assert v.shape_of(1920, 1005) == "landscape"
    assert v.shape_of(None, None) == "square"


def test_a_card_from_a_post() -> None:
    post = Post(
        id=7,
        article_id=3,
        account="humas_x",
        platform="x",
        text="Teks #Bengkalis",
        hashtags=["#Bengkalis"],
        photos=[{"path": "/m/v/a.jpg", "width": 1200, "height": 675, "alt": "Jembatan"}],
        status=PostStatus.approved,
        approved_by="Rina",
        fence=4,
    )
    c = v.card(post, p.count_text("x", post.text))
    assert (c.look, c.status_word, c.fence, c.approved_by) == ("x", "disetujui", 4, "Rina")
    assert c.photos[0].number == 1 and c.photos[0].alt == "Jembatan"
    assert c.photos[0].shape == "landscape"
    assert c.editable and not c.approvable
    other = Post(id=8, article_id=3, account="a", platform="x", text="t", status="published")
    assert not v.card(other, p.count_text("x", "t")).editable
    assert c.alt_text
    channel = Post(id=9, article_id=3, account="t", platform="telegram", text="t")
    assert not v.card(channel, p.count_text("telegram", "t")).alt_text  # Telegram has none
