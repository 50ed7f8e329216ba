"""Store: a person's corrections of an article (fields, photos, deletion), the search of
articles, and the alt text of a post's photo.

Every correction is a compare-and-set on what the person saw, recorded field by field as an
ArticleEdit (who, when, before, after) in the same transaction. Posts are touched only by
deletion, and only posts that never left the draft (or were cancelled before any try): a post
that is, was or may be online, or that is queued, holds its article.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import String, cast, func
from sqlmodel import Session, col, delete, select

from sosmed import states
from sosmed.audit_notes import note
from sosmed.errors import ArticleConflict, InputError, InvalidTransition, NotFound
from sosmed.i18n import _
from sosmed.models import (
    Article,
    ArticleEdit,
    Attempt,
    DeletedArticle,
    Event,
    Photo,
    Post,
    PostStatus,
)
from sosmed.platforms.limits import limits_for
from sosmed.state_words import label
from sosmed.states import Actor
from sosmed.store.base import StoreBase
from sosmed.store.guard import Seen, guard, moved

# Posts deleted with their article: nothing of them was ever sent.
REMOVABLE = frozenset({PostStatus.draft, PostStatus.cancelled})
_LIKE_ESCAPE = "!"


@dataclass(frozen=True)
class Correction:
    """One field a person changes: the columns it sets, what the person saw of it, and the
    before/after that the edit record keeps."""

    field: str  # as people name it: title, date, place, editor, reporter, ..., body, caption
    values: dict[str, Any]  # article columns (or, for "caption", the first photo's caption)
    seen: Any  # the first column's value when the person read the article
    before: str | None
    after: str | None


def _locked_article(session: Session, article_id: int) -> Article:
    q = select(Article).where(Article.id == article_id).with_for_update()
    article = session.exec(q).first()
    if article is None:
        raise NotFound(_("tidak ada berita dengan id {id}").format(id=article_id))
    return article


def _photos(session: Session, article_id: int) -> list[Photo]:
    q = select(Photo).where(Photo.article_id == article_id).order_by(col(Photo.position))
    return list(session.exec(q).all())


def _photo_label(photo: Photo) -> str:
    return f"{photo.path or photo.url or '(tanpa gambar)'} — {photo.caption or 'tanpa keterangan'}"


def _like(word: str) -> str:
    for ch in (_LIKE_ESCAPE, "%", "_"):
        word = word.replace(ch, _LIKE_ESCAPE + ch)
    return f"%{word}%"


class CorrectionStore(StoreBase):
    def _edit(
        self, s: Session, article_id: int, actor: str, at: datetime, field: str, b: Any, a: Any
    ) -> None:
        s.add(
            ArticleEdit(article_id=article_id, at=at, actor=actor, field=field, before=b, after=a)
        )

    def correct_article(
        self, article_id: int, corrections: list[Correction], actor: str, at: datetime
    ) -> list[str]:
        """Apply the corrections; the names of the fields that changed. Refused, with nothing
        written, when a field is no longer what the person saw."""
        changed: list[str] = []
        with self.session(immediate=True) as s:
            article = _locked_article(s, article_id)
            first = next(iter(_photos(s, article_id)), None)
            for c in corrections:
                target: Any = article
                if c.field == "caption":
                    target = first or Photo(article_id=article_id, position=0)
                key = next(iter(c.values))
                if getattr(target, key) != c.seen:
                    raise ArticleConflict(
                        _(
                            "berita {id} berubah sejak dibaca ({field}); tidak ada yang diubah: "
                            "lihat lagi dengan 'sosmed article {id}' lalu ulangi"
                        ).format(id=article_id, field=c.field)
                    )
                if all(getattr(target, k) == v for k, v in c.values.items()):
                    continue
                for k, v in c.values.items():
                    setattr(target, k, v)
                s.add(target)
                self._edit(s, article_id, actor, at, c.field, c.before, c.after)
                changed.append(c.field)
        return changed

    def article_edits(self, article_id: int) -> list[ArticleEdit]:
        with self.read_session() as s:
            q = select(ArticleEdit).where(ArticleEdit.article_id == article_id)
            return list(s.exec(q.order_by(col(ArticleEdit.id))).all())

    def add_photo(self, article_id: int, photo: Photo, actor: str, at: datetime) -> int:
        """Add a photo after the others; its number (1, 2...). A caption with no picture (a
        pasted text's "Teks foto:") is taken by the first photo given, as its caption."""
        with self.session(immediate=True) as s:
            _locked_article(s, article_id)
            photos = _photos(s, article_id)
            blank = next((p for p in photos if not (p.path or p.url)), None)
            if blank is not None:
                photo.caption = photo.caption or blank.caption
                photo.position = blank.position
                s.delete(blank)
                s.flush()
            else:
                photo.position = max((p.position for p in photos), default=-1) + 1
            photo.article_id = article_id
            s.add(photo)
            s.flush()
            self._edit(s, article_id, actor, at, "photo", None, _photo_label(photo))
            numbered = sorted([*[p for p in photos if p is not blank], photo], key=_position)
            return numbered.index(photo) + 1

    def remove_photo(self, article_id: int, number: int, actor: str, at: datetime) -> Photo:
        """Remove the article's photo ``number`` (1 is the first); the rest keep their order."""
        with self.session(immediate=True) as s:
            _locked_article(s, article_id)
            photos = _photos(s, article_id)
            if not 1 <= number <= len(photos):
                have = _("foto 1–{n}").format(n=len(photos)) if photos else _("tidak ada foto")
                raise InputError(
                    _("berita {id} tidak punya foto {number} ({have})").format(
                        id=article_id, number=number, have=have
                    )
                )
            gone = photos.pop(number - 1)
            s.delete(gone)
            for i, p in enumerate(photos):
                p.position = i
                s.add(p)
            self._edit(s, article_id, actor, at, "photo", _photo_label(gone), None)
            return gone

    def delete_article(self, article_id: int, actor: str, at: datetime) -> tuple[str, int]:
        """Delete the article, its photos, its edits and its posts; its title and how many
        posts went. Refused while any post is queued, was tried, or is or may be online."""
        with self.session(immediate=True) as s:
            article = _locked_article(s, article_id)
            q = select(Post).where(Post.article_id == article_id).with_for_update()
            posts = list(s.exec(q.order_by(col(Post.id))).all())
            ids = [p.id for p in posts]
            tried = set(s.exec(select(Attempt.post_id).where(col(Attempt.post_id).in_(ids))).all())
            blocking = [p for p in posts if p.status not in REMOVABLE or p.id in tried]
            if blocking:
                raise ArticleConflict(_blocked(article_id, blocking, tried))
            s.exec(delete(Event).where(col(Event.post_id).in_(ids)))
            s.exec(delete(Event).where(col(Event.article_id) == article_id))
            s.exec(delete(Post).where(col(Post.article_id) == article_id))
            s.exec(delete(Photo).where(col(Photo.article_id) == article_id))
            s.exec(delete(ArticleEdit).where(col(ArticleEdit.article_id) == article_id))
            title = article.title or article.lead or ""
            s.delete(article)
            detail = note("deleted_article", article=article_id, title=title[:80], posts=len(posts))
            s.add(Event(at=at, actor=actor, action="delete_article", detail=detail))
            if article.url:
                s.add(DeletedArticle(url=article.url, title=title, deleted_at=at, deleted_by=actor))
            return title, len(posts)

    def search_articles(self, words: list[str], limit: int = 100) -> list[Article]:
        """Articles whose title or body holds every word, any case, newest first."""
        q = select(Article)
        body = cast(Article.paragraphs, String)
        for word in words:
            pattern = _like(word)
            q = q.where(
                func.coalesce(Article.title, "").ilike(pattern, escape=_LIKE_ESCAPE)
                | body.ilike(pattern, escape=_LIKE_ESCAPE)
            )
        with self.read_session() as s:
            return list(s.exec(q.order_by(col(Article.id).desc()).limit(limit)).all())

    def set_photo_alt(
        self, post_id: int, number: int, alt: str, actor: str, seen: Seen, *, now: datetime
    ) -> Post:
        """The alt text of the post's photo ``number``; a compare-and-set like any edit, and
        like any edit of approved words it sends the post back to draft for a new approval."""
        from sosmed.store.posts import back_to_draft

        alt = " ".join(alt.split())
        with self.session(immediate=True) as s:
            q = select(Post).where(Post.id == post_id).with_for_update()
            post = s.exec(q).first()
            if post is None:
                raise NotFound(_("tidak ada post dengan id {id}").format(id=post_id))
            guard(post, None, Actor.person, now, seen, self.tz)
            if post.status not in states.EDITABLE:
                raise InvalidTransition(
                    _("post {id} ({status}) tidak bisa diubah lagi").format(
                        id=post_id, status=label(post.status)
                    )
                )
            if not 1 <= number <= len(post.photos):
                have = (
                    _("foto 1–{n}").format(n=len(post.photos))
                    if post.photos
                    else _("tidak ada foto")
                )
                raise InputError(
                    _("post {id} tidak punya foto {number} ({have})").format(
                        id=post_id, number=number, have=have
                    )
                )
            limit = limits_for(post.platform).alt_max_length
            if not alt or len(alt) > limit:
                raise InputError(
                    _("teks alt harus 1–{limit} karakter untuk {platform}").format(
                        limit=limit, platform=post.platform
                    )
                )
            photos = [dict(p) for p in post.photos]
            before = photos[number - 1].get("alt")
            photos[number - 1]["alt"] = alt
            was = post.status
            if was in states.APPROVED_WORDS:
                states.check(was, PostStatus.draft, Actor.person)
                back_to_draft(post)
            post.photos, post.armed_key = photos, None  # a prepared upload has the old alt
            moved(post, now)
            s.add(post)
            s.add(
                Event(
                    at=now,
                    actor=actor,
                    action="alt",
                    post_id=post.id,
                    article_id=post.article_id,
                    detail=note(
                        "alt",
                        photo=number,
                        before=before,
                        after=alt,
                        was=was if was != post.status else None,
                    ),
                )
            )
            return post


def _position(photo: Photo) -> int:
    return photo.position


def _blocked(article_id: int, posts: list[Post], tried: set[int]) -> str:
    def why(p: Post) -> str:
        if p.status in (PostStatus.published, PostStatus.publishing):
            return _("sudah tayang") if p.status == PostStatus.published else _("sedang dikirim")
        if p.status in (PostStatus.in_doubt, PostStatus.needs_review):
            return _("mungkin sudah tayang")
        if p.id in tried:
            return _("punya catatan di log kiriman")
        return _("{status}; batalkan dulu dengan 'sosmed cancel {id}'").format(
            status=label(p.status), id=p.id
        )

    listed = ", ".join(f"post {p.id} ({p.account}: {why(p)})" for p in posts)
    return _("berita {id} tidak dihapus; yang menahannya: {listed}").format(
        id=article_id, listed=listed
    )
