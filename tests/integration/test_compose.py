"""Composing an article for six accounts on a real SQLite file, with real photos."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from tests.support.articles import ARTICLE, insert_article, open_store, photo
from tests.support.config import PLATFORMS, make_home, six_accounts
from tests.support.counting import independent_check
from tests.support.images import jpeg_with_gps, noisy_png, tall_jpeg

from sosmed.compose.build import NEEDS_PHOTO, compose_article, fit_text, material_for
from sosmed.errors import ConfigError, InputError, NotFound
from sosmed.models import Post, PostStatus, utcnow
from sosmed.platforms.limits import check, limits_for
from sosmed.settings import Settings
from sosmed.store import Store

CREDITED = ("Rahmat Hidayat", "Nurul Aini", "Dedi Kurniawan")
BODY = " ".join(ARTICLE["paragraphs"])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_home(tmp_path / "home")


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    s = open_store(settings)
    yield s
    s.close()


@dataclass
class Composed:
    settings: Settings
    store: Store
    article_id: int
    posts: list[Post]


@pytest.fixture(scope="module")
def composed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Composed]:
    """The article with three photos, composed once for six accounts (read-only tests)."""
    tmp = tmp_path_factory.mktemp("composed")
    settings = make_home(tmp / "home")
    store = open_store(settings)
    pics = [
        photo(jpeg_with_gps(tmp / "gps.jpg")),
        photo(tall_jpeg(tmp / "tall.jpg"), caption="Peserta pelatihan berfoto bersama."),
        photo(noisy_png(tmp / "noise.png"), caption=None),
    ]
    article_id = insert_article(store, photos=pics)
    yield Composed(settings, store, article_id, compose_article(store, settings, article_id))
    store.close()


def test_one_post_per_account_each_within_its_platform(composed: Composed) -> None:
    posts = composed.posts
    assert [p.platform for p in posts] == list(PLATFORMS)
    for post in posts:
        assert post.id is not None and post.status == PostStatus.draft.value
        assert post.problem is None, post.problem
        assert check(post.platform, post.text, bool(post.photos)).fits
        independent = independent_check(post.platform, post.text, bool(post.photos))
        if independent is not None:
            length, most = independent
            assert length <= most, (post.platform, length, most)
        assert len(post.hashtags) <= limits_for(post.platform).hashtag_cap
        assert all(tag in post.text for tag in post.hashtags)
        assert len(post.photos) == 3


def test_no_credited_name_becomes_a_hashtag(composed: Composed) -> None:
    names = {re.sub(r"\W", "", n).lower() for n in CREDITED}
    parts = {w.lower() for n in CREDITED for w in n.split()}
    for post in composed.posts:
        for tag in post.hashtags:
            body = tag.lstrip("#").lower()
            assert body not in names and body not in parts, tag


def test_summary_sentences_come_from_the_article(composed: Composed) -> None:
    material = material_for(composed.store, composed.settings, composed.article_id)
    for account in composed.settings.config.accounts:
        fitted = fit_text(account, material, composed.settings, with_images=True)
        assert fitted.fits and fitted.parts.summary
        for sentence in fitted.parts.summary:
            assert sentence.rstrip("… ") in BODY, sentence


def test_photo_variants_meet_each_platform(composed: Composed) -> None:
    by_platform = {p.platform: p for p in composed.posts}
    for platform, post in by_platform.items():
        lim = limits_for(platform)
        for item in post.photos:
            data = Path(item["path"]).read_bytes()
            assert len(data) == item["bytes"] <= lim.image_max_bytes
            with Image.open(io.BytesIO(data)) as im:
                assert (im.width, im.height) == (item["width"], item["height"])
                assert not im.getexif(), "EXIF (with GPS) must not survive"
                assert im.format in lim.image_formats
            assert len(item["alt"]) <= lim.alt_max_length
            assert set(item) >= {"path", "width", "height", "bytes", "alt", "sha256", "mime"}
    for item in by_platform["instagram"].photos:
        assert item["mime"] == "image/jpeg" and 0.8 <= item["width"] / item["height"] <= 1.91
        assert item["width"] <= 1440
    assert all(item["bytes"] <= 1_000_000 for item in by_platform["bluesky"].photos)
    assert all(item["alt"] == "" for item in by_platform["telegram"].photos)
    assert by_platform["x"].photos[0]["alt"].startswith("Kepala Diskominfotik Bengkalis")


def test_telegram_fits_a_caption_under_photos(composed: Composed) -> None:
    telegram = next(p for p in composed.posts if p.platform == "telegram")
    assert telegram.photos
    assert len(telegram.text.encode("utf-16-le")) // 2 <= 1024


def test_text_posts_without_photos_and_instagram_needs_one(
    store: Store, settings: Settings
) -> None:
    article_id = insert_article(store)
    posts = {p.platform: p for p in compose_article(store, settings, article_id)}
    assert all(not p.photos for p in posts.values())
    assert posts["instagram"].problem == NEEDS_PHOTO
    assert all(p.problem is None for name, p in posts.items() if name != "instagram")
    with pytest.raises(InputError, match="perlu foto"):
        store.approve_post(posts["instagram"].id or 0, "siti", now=utcnow())
    assert store.get_post(posts["instagram"].id or 0).status == "draft"


def test_composing_again_recomposes_drafts_only(store: Store, settings: Settings) -> None:
    article_id = insert_article(store)
    first = {p.account: p for p in compose_article(store, settings, article_id)}
    x_id = first["humas_x"].id or 0
    store.approve_post(x_id, "siti", now=utcnow())
    store.edit_post(
        first["humas_mastodon"].id or 0, "Diedit manual #Bengkalis", "siti", now=utcnow()
    )
    again = {p.account: p for p in compose_article(store, settings, article_id)}
    assert {p.id for p in again.values()} == {p.id for p in first.values()}
    assert again["humas_x"].status == "approved" and again["humas_x"].text == first["humas_x"].text
    assert again["humas_mastodon"].text != "Diedit manual #Bengkalis"  # still a draft
    assert len(store.list_posts(article_id=article_id)) == len(PLATFORMS)
    actions = [e.action for e in store.post_events(x_id)]
    assert actions == ["compose", "approve"]


def test_accounts_without_approval_are_approved_at_once(tmp_path: Path) -> None:
    accounts = six_accounts(x={"require_approval": False}, instagram={"require_approval": False})
    settings = make_home(tmp_path / "home", accounts)
    store = open_store(settings)
    article_id = insert_article(store)
    posts = {
        p.platform: p
        for p in compose_article(store, settings, article_id, ["humas_x", "humas_instagram"])
    }
    assert set(posts) == {"x", "instagram"}
    assert posts["x"].status == "approved" and posts["x"].approved_by == "sosmed"
    assert posts["instagram"].status == "draft"  # it needs a photo first
    events = store.post_events(posts["x"].id or 0)
    assert [(e.actor, e.action) for e in events] == [("sosmed", "compose"), ("sosmed", "approve")]


def test_a_feeds_approval_is_recorded_in_the_feeds_name(tmp_path: Path) -> None:
    from sqlmodel import Session

    from sosmed.compose.build import compose_for_feed
    from sosmed.models import Article

    settings = make_home(tmp_path / "home")
    store = open_store(settings)
    feed, _ = store.add_feed("https://humas.example.go.id/feed", ["humas_x"], True)
    article_id = insert_article(store)
    with Session(store.engine) as s:
        row = s.get(Article, article_id)
        assert row is not None
        row.feed_id = feed.id
        s.add(row)
        s.commit()
    (post,) = compose_for_feed(store, settings, article_id, ["humas_x"])
    assert post.status == "approved" and post.approved_by == f"feed:{feed.id}"
    events = [(e.actor, e.action) for e in store.post_events(post.id or 0)]
    assert events == [("sosmed", "compose"), (f"feed:{feed.id}", "approve")]


def test_account_hashtags_and_cap(tmp_path: Path) -> None:
    accounts = six_accounts(
        instagram={"hashtags": ["DiskominfotikBks", "#bengkalisbermasa"], "hashtag_cap": 2},
        mastodon={"hashtag_cap": 0},
    )
    settings = make_home(tmp_path / "home", accounts)
    store = open_store(settings)
    posts = {p.platform: p for p in compose_article(store, settings, insert_article(store))}
    assert posts["instagram"].hashtags == ["#DiskominfotikBks", "#bengkalisbermasa"]
    assert posts["mastodon"].hashtags == [] and "#" not in posts["mastodon"].text
    assert posts["x"].hashtags[0] == "#BengkalisBermasa" and len(posts["x"].hashtags) == 2
    x = posts["x"].text
    assert "utm_source=x" in x and "utm_medium=social" in x


def test_listing_and_unknown_ids(store: Store, settings: Settings) -> None:
    article_id = insert_article(store)
    compose_article(store, settings, article_id)
    assert len(store.list_posts(status="draft")) == len(PLATFORMS)
    assert [p.account for p in store.list_posts(account="humas_x")] == ["humas_x"]
    with pytest.raises(InputError, match="status 'selesai' tidak dikenal"):
        store.list_posts(status="selesai")
    with pytest.raises(NotFound):
        store.get_post(9999)
    with pytest.raises(NotFound):
        compose_article(store, settings, 9999)
    with pytest.raises(ConfigError, match="tidak ada akun bernama"):
        compose_article(store, settings, article_id, ["humas_tiktok"])


def test_article_without_title_or_link(store: Store, settings: Settings) -> None:
    data = {**ARTICLE, "title": None, "url": None, "paragraphs": ARTICLE["paragraphs"][:2]}
    posts = compose_article(store, settings, insert_article(store, data))
    for post in posts:
        assert "http" not in post.text and "<b></b>" not in post.text
        assert check(post.platform, post.text).fits


def test_photo_hash_is_kept_so_recomposing_needs_no_source(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    source = tall_jpeg(tmp_path / "tall.jpg")
    article_id = insert_article(store, photos=[photo(source)])
    compose_article(store, settings, article_id)
    (kept,) = store.article_photos(article_id)
    assert kept.sha256 and kept.size == source.stat().st_size and kept.height == 1800
    source.unlink()  # a URL photo is not downloaded again either
    again = compose_article(store, settings, article_id)
    assert all(len(p.photos) == 1 for p in again)
