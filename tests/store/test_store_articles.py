"""A person's corrections of an article, on SQLite and PostgreSQL: each field recorded with
its before and after, refused when the article moved meanwhile; photos numbered; deletion held
by any post that is queued, tried or online; search by words in any case; a post's alt text a
compare-and-set like any edit."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.support.articles import ARTICLE, insert_article
from tests.support.posts import add_post

from sosmed.errors import ArticleConflict, InputError, InvalidTransition, PostMoved
from sosmed.models import Photo, Post, utcnow
from sosmed.store import Store
from sosmed.store.corrections import Correction
from sosmed.store.guard import Seen

AT = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)


def _title(new: str, seen: str | None) -> Correction:
    return Correction("title", {"title": new}, seen, seen, new)


def test_a_correction_is_recorded_and_refused_on_a_moved_article(any_store: Store) -> None:
    aid = insert_article(any_store)
    old = any_store.get_article(aid).title
    changed = any_store.correct_article(aid, [_title("Judul Benar", old)], "siti", AT)
    assert changed == ["title"]
    assert any_store.get_article(aid).title == "Judul Benar"
    (edit,) = any_store.article_edits(aid)
    assert (edit.actor, edit.field, edit.before, edit.after) == (
        "siti",
        "title",
        old,
        "Judul Benar",
    )
    assert edit.at == AT
    # Someone else read the old title: their correction changes nothing.
    with pytest.raises(ArticleConflict, match="berubah sejak dibaca"):
        any_store.correct_article(aid, [_title("Judul Lain", old)], "budi", AT)
    assert any_store.get_article(aid).title == "Judul Benar"
    assert len(any_store.article_edits(aid)) == 1
    # The same value again is no change, and no record.
    assert any_store.correct_article(aid, [_title("Judul Benar", "Judul Benar")], "siti", AT) == []
    # A caption with no photo is kept anyway: it gives the alt text.
    fix = Correction("caption", {"caption": "Bupati di jembatan"}, None, None, "Bupati di jembatan")
    assert any_store.correct_article(aid, [fix], "siti", AT) == ["caption"]
    (photo,) = any_store.article_photos(aid)
    assert (photo.caption, photo.path) == ("Bupati di jembatan", None)


def test_photos_are_numbered_and_each_change_recorded(any_store: Store, tmp_path: Path) -> None:
    aid = insert_article(any_store, photos=[Photo(article_id=0, caption="hanya keterangan")])
    first = Photo(article_id=0, path=str(tmp_path / "a.jpg"))
    # The caption with no picture is taken by the first photo given.
    assert any_store.add_photo(aid, first, "siti", AT) == 1
    assert any_store.add_photo(aid, Photo(article_id=0, path="/b.jpg"), "siti", AT) == 2
    photos = any_store.article_photos(aid)
    assert [(p.path, p.caption) for p in photos] == [
        (str(tmp_path / "a.jpg"), "hanya keterangan"),
        ("/b.jpg", None),
    ]
    gone = any_store.remove_photo(aid, 1, "budi", AT)
    assert gone.path == str(tmp_path / "a.jpg")
    assert [(p.path, p.position) for p in any_store.article_photos(aid)] == [("/b.jpg", 0)]
    with pytest.raises(InputError, match="tidak punya foto 2"):
        any_store.remove_photo(aid, 2, "budi", AT)
    edits = [
        (e.actor, e.field, e.before is None, e.after is None) for e in any_store.article_edits(aid)
    ]
    assert edits == [
        ("siti", "photo", True, False),
        ("siti", "photo", True, False),
        ("budi", "photo", False, True),
    ]


def _post(store: Store, aid: int, account: str, status: str) -> int:
    with store.session() as s:
        post = Post(article_id=aid, account=account, platform="x", text="t", status=status)
        s.add(post)
        s.flush()
        return post.id or 0


def test_delete_is_held_by_queued_and_online_posts(any_store: Store) -> None:
    aid = insert_article(any_store)
    draft = _post(any_store, aid, "a", "draft")
    held = [_post(any_store, aid, n, s) for n, s in (("b", "scheduled"), ("c", "published"))]
    with pytest.raises(ArticleConflict) as caught:
        any_store.delete_article(aid, "siti", AT)
    message = str(caught.value)
    assert f"post {held[0]}" in message and "sosmed cancel" in message
    assert f"post {held[1]}" in message and "sudah tayang" in message
    assert f"post {draft}" not in message
    assert len(any_store.list_posts(article_id=aid)) == 3  # nothing went


def test_delete_takes_drafts_cancelled_posts_photos_and_edits(any_store: Store) -> None:
    aid = insert_article(any_store, photos=[Photo(article_id=0, path="/a.jpg")])
    any_store.correct_article(aid, [_title("Baru", any_store.get_article(aid).title)], "s", AT)
    _post(any_store, aid, "a", "draft")
    cancelled = _post(any_store, aid, "b", "draft")
    any_store.cancel_post(cancelled, "siti", now=utcnow())
    other = add_post(any_store, status="draft")  # another article's post stays
    title, n = any_store.delete_article(aid, "siti", AT)
    assert (title, n) == ("Baru", 2)
    assert any_store.list_posts(article_id=aid) == []
    assert any_store.article_photos(aid) == [] and any_store.article_edits(aid) == []
    assert [p.id for p in any_store.list_posts()] == [other]
    # A feed listing the deleted article's address does not bring it back.
    url = ARTICLE["url"]
    assert any_store.known_urls([url, "https://humas.example.go.id/baru"]) == {url}


def test_search_matches_every_word_in_title_or_body_any_case(any_store: Store) -> None:
    literasi = insert_article(any_store)
    pasar = insert_article(
        any_store,
        {"title": "Pasar Murah 100% Meriah", "paragraphs": ["Warga Desa Sungai antre beras."]},
    )
    assert [a.id for a in any_store.search_articles(["LITERASI", "perangkat"])] == [literasi]
    assert [a.id for a in any_store.search_articles(["BERAS", "pasar"])] == [pasar]
    assert [a.id for a in any_store.search_articles(["100%"])] == [pasar]
    assert any_store.search_articles(["1_0"]) == []  # a LIKE wildcard is a plain character
    assert any_store.search_articles(["literasi", "antre"]) == []


def test_alt_text_and_recomposing_are_compare_and_sets(any_store: Store) -> None:
    photos = [{"path": "/v.jpg", "alt": "lama"}]
    pid = add_post(any_store, status="draft", photos=photos)
    seen = Seen.of(any_store.get_post(pid))
    post = any_store.set_photo_alt(pid, 1, "Bupati memotong pita", "siti", seen, now=utcnow())
    assert post.photos[0]["alt"] == "Bupati memotong pita" and post.fence == seen.fence + 1
    with pytest.raises(PostMoved):
        any_store.set_photo_alt(pid, 1, "lagi", "budi", seen, now=utcnow())
    with pytest.raises(InputError, match="tidak punya foto 2"):
        any_store.set_photo_alt(pid, 2, "x", "siti", Seen.of(post), now=utcnow())
    # Composing a draft again is a change too: an editor opened on the old draft is refused.
    aid = insert_article(any_store)
    draft = any_store.save_composed(Post(article_id=aid, account="a", platform="x", text="satu"))
    opened = Seen.of(draft)
    any_store.save_composed(Post(article_id=aid, account="a", platform="x", text="dua"))
    with pytest.raises(PostMoved):
        any_store.edit_post(draft.id or 0, "tiga", "siti", opened, now=utcnow())
    assert any_store.get_post(draft.id or 0).text == "dua"
    online = add_post(any_store, status="published", photos=photos)
    with pytest.raises(InvalidTransition):
        any_store.set_photo_alt(
            online, 1, "x", "siti", Seen.of(any_store.get_post(online)), now=utcnow()
        )
    assert any_store.get_post(online).photos == photos


def test_removing_a_feed_keeps_its_articles(any_store: Store) -> None:
    from sosmed.errors import NotFound

    feed, _ = any_store.add_feed("https://humas.example.go.id/rss", [], True, now=utcnow())
    kept = insert_article(any_store)
    _tie(any_store, kept, feed.id or 0)  # as a poll of the feed would have stored it
    removed, count = any_store.remove_feed(feed.id or 0)
    assert removed.url == "https://humas.example.go.id/rss" and count == 1
    assert any_store.list_feeds() == []
    assert any_store.get_article(kept).feed_id is None
    with pytest.raises(NotFound):
        any_store.remove_feed(feed.id or 0)


def _tie(store: Store, article_id: int, feed_id: int) -> None:
    from sqlmodel import Session

    from sosmed.models import Article

    with Session(store.engine) as s:
        article = s.get(Article, article_id)
        assert article is not None
        article.feed_id = feed_id
        s.add(article)
        s.commit()
