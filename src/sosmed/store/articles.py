"""Store: articles, their photos, and feeds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from sosmed.models import Article, DeletedArticle, Feed, Photo, utcnow
from sosmed.store.base import StoreBase, get_or_raise


class ArticleStore(StoreBase):
    def find_duplicate(self, url: str | None, content_hash: str) -> int | None:
        """The id of an article with the same canonical URL or the same content."""
        with self.read_session() as s:
            q = select(Article.id).where(Article.content_hash == content_hash)
            if url:
                q = select(Article.id).where(
                    (Article.url == url) | (Article.content_hash == content_hash)
                )
            return s.exec(q.order_by(col(Article.id))).first()

    def save_article(self, article: Article, photos: list[Photo]) -> tuple[int, int | None]:
        """Insert the article and its photos; return (id, duplicate_of).

        A duplicate (same URL or content) is not stored again: the existing id comes back as
        both values. The unique constraints settle a race between two writers.
        """
        existing = self.find_duplicate(article.url, article.content_hash)
        if existing is not None:
            return existing, existing
        article.created_at = utcnow()
        try:
            with self.session() as s:
                s.add(article)
                s.flush()
                assert article.id is not None
                for i, p in enumerate(photos):
                    p.article_id, p.position = article.id, i
                    s.add(p)
            return article.id, None
        except IntegrityError:
            existing = self.find_duplicate(article.url, article.content_hash)
            if existing is None:
                raise
            return existing, existing

    def get_article(self, article_id: int) -> Article:
        with self.read_session() as s:
            return get_or_raise(s, Article, article_id, "article")

    def article_photos(self, article_id: int) -> list[Photo]:
        with self.read_session() as s:
            q = select(Photo).where(Photo.article_id == article_id).order_by(col(Photo.position))
            return list(s.exec(q).all())

    def update_photo(self, photo: Photo) -> None:
        with self.session() as s:
            s.merge(photo)

    def list_articles(self, limit: int = 100, offset: int = 0) -> list[Article]:
        with self.read_session() as s:
            q = select(Article).order_by(col(Article.id).desc()).offset(offset).limit(limit)
            return list(s.exec(q).all())

    def known_urls(self, urls: list[str]) -> set[str]:
        """The URLs of articles stored, or deleted by a person (a feed must not bring those
        back)."""
        if not urls:
            return set()
        with self.read_session() as s:
            q = select(Article.url).where(col(Article.url).in_(urls))
            gone = select(DeletedArticle.url).where(col(DeletedArticle.url).in_(urls))
            return {u for u in [*s.exec(q).all(), *s.exec(gone).all()] if u}

    # Feeds

    def add_feed(
        self, url: str, accounts: list[str], auto_approve: bool, now: datetime | None = None
    ) -> tuple[Feed, bool]:
        """Add a feed; if the URL is known, return the existing one and False. ``now``: the
        caller's clock (a config feed added during a poll has none)."""
        with self.session() as s:
            found = s.exec(select(Feed).where(Feed.url == url)).first()
            if found:
                return found, False
            feed = Feed(
                url=url, accounts=accounts, auto_approve=auto_approve, created_at=now or utcnow()
            )
            s.add(feed)
            s.flush()
            return feed, True

    def list_feeds(self) -> list[Feed]:
        with self.read_session() as s:
            return list(s.exec(select(Feed).order_by(col(Feed.id))).all())

    def remove_feed(self, feed_id: int) -> tuple[Feed, int]:
        """Forget a feed; its articles stay (no longer tied to it). The feed and how many
        articles it had brought."""
        from sqlmodel import update

        with self.session() as s:
            feed = get_or_raise(s, Feed, feed_id, "feed")
            moved = s.exec(
                update(Article).where(col(Article.feed_id) == feed_id).values(feed_id=None)
            ).rowcount
            s.delete(feed)
            return feed, int(moved or 0)

    def get_feed(self, feed_id: int) -> Feed:
        with self.read_session() as s:
            return get_or_raise(s, Feed, feed_id, "feed")

    def record_poll(
        self,
        feed_id: int,
        at: datetime,
        etag: str | None = None,
        modified: str | None = None,
        error: str | None = None,
    ) -> None:
        with self.session() as s:
            f = get_or_raise(s, Feed, feed_id, "feed")
            f.last_polled_at, f.last_error = at, error
            if error is None:
                f.etag, f.modified = etag or f.etag, modified or f.modified
            s.add(f)
