"""What a person does to an article after adding it: correct it, give or take its photos,
compose its drafts again, delete it, find it; and several sources added in one go.

Every time here is the office's clock. Composing again touches drafts only: a post that was
approved, queued, sent (or may have been) or cancelled is kept, and the caller hears why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sosmed.errors import ArticleConflict, InputError
from sosmed.i18n import N_, _

if TYPE_CHECKING:
    from sosmed.ingest.sources import Added
    from sosmed.models import Article, ArticleEdit, Photo, Post
    from sosmed.office import Office
    from sosmed.store import Store
    from sosmed.store.corrections import Correction

FIELDS = ("title", "date", "place", "editor", "reporter", "photographer", "caption")
# Why a post is not composed again, by its status (a draft is).
KEPT = {
    "approved": N_("sudah disetujui"),
    "scheduled": N_("sudah dijadwalkan"),
    "publishing": N_("sedang dikirim"),
    "published": N_("sudah tayang"),
    "failed": N_("gagal terkirim dan menunggu keputusan orang"),
    "in_doubt": N_("mungkin sudah tayang"),
    "needs_review": N_("mungkin sudah tayang"),
    "missed": N_("terlewat jadwalnya"),
    "cancelled": N_("dibatalkan"),
    "retracted": N_("sudah ditarik dari platformnya"),
}
# What happened to each account's post, a word that stays the same in --json; shown through
# the catalogue: _(composed.how).
HOW = (N_("baru"), N_("disusun ulang"), N_("dibiarkan"))


@dataclass(frozen=True)
class Composed:
    """One account's post after composing again: ``how`` is "baru", "disusun ulang" or
    "dibiarkan" (with ``why``)."""

    post: Post
    how: str
    why: str | None = None


def _is_url(source: str) -> bool:
    return "://" in source


class ArticleDesk:
    """An office's operations on its articles."""

    def __init__(self, office: Office) -> None:
        self.office = office

    @property
    def store(self) -> Store:
        return self.office.store

    # Adding

    def add(
        self,
        source: str,
        url: str | None,
        photos: list[Path],
        caption: str | None,
        stdin: bytes | None = None,
    ) -> Added:
        """One file, URL or ``-`` (``stdin`` holds what standard input gave). When the article
        is there already, what came with it (photos, caption, URL) is not dropped silently:
        ArticleConflict says how to give it to the existing article."""
        office = self.office
        if source == "-":
            data = stdin or b""
            added = office.add_bytes(data, _("masukan standar"), url, photos, caption)
        elif _is_url(source):
            added = office.add_url(source, photos, caption)
        else:
            added = office.add_file(Path(source), url, photos, caption)
        dup = added.duplicate_of
        if dup is not None and (photos or caption or url):
            raise ArticleConflict(_given_to_existing(dup, photos, caption, url))
        return added

    # Correcting

    def article(self, article_id: int) -> Article:
        return self.store.get_article(article_id)

    def edit(
        self, seen: Article, values: dict[str, str], body: str | None, actor: str
    ) -> list[str]:
        """Correct the fields given in ``values`` (and the body), as the person saw the
        article; the names of the fields that changed. Bad input changes nothing."""
        from sosmed.ingest import corrections as c
        from sosmed.ingest.records import published_local
        from sosmed.store.corrections import Correction

        if not actor.strip():
            raise InputError(_("--by kosong: tulis siapa yang mengoreksi"))
        assert seen.id is not None
        todo: list[Correction] = []
        for field, raw in values.items():
            if field == "date":
                when = c.parse_person_date(raw, self.office.settings.tz)
                old = published_local(seen)
                cols = {
                    "published_at": when.value,
                    "published_offset": when.offset_minutes,
                    "date_source": c.PERSON,
                }
                before = old.isoformat() if old else None
                todo.append(
                    Correction("date", cols, seen.published_at, before, when.value.isoformat())
                )
            elif field == "caption":
                first = next(iter(self.store.article_photos(seen.id)), None)
                old_caption = first.caption if first else None
                new = " ".join(raw.split()) or None
                todo.append(Correction("caption", {"caption": new}, old_caption, old_caption, new))
            else:
                new = c.text_value(field, raw)
                old_value = getattr(seen, field)
                todo.append(Correction(field, {field: new}, old_value, old_value, new))
        if body is not None:
            paragraphs = c.body_paragraphs(body)
            cols = {"paragraphs": paragraphs, "lead": c.lead_of(paragraphs)}
            before, after = c.body_text(list(seen.paragraphs)), c.body_text(paragraphs)
            todo.append(Correction("body", cols, list(seen.paragraphs), before, after))
        if not todo:
            raise InputError(
                _("tidak ada yang dikoreksi: beri --title, --date, --body atau lainnya")
            )
        return self.store.correct_article(seen.id, todo, actor.strip(), self.office.now())

    def edits(self, article_id: int) -> list[ArticleEdit]:
        return self.store.article_edits(article_id)

    def set_by_person(self, article_id: int) -> dict[str, dict[str, str]]:
        """The fields a person set, each with the latest who and when (office time)."""
        from sosmed.timefmt import short_form

        tz = self.office.settings.tz
        return {
            e.field: {"by": e.actor, "at": short_form(e.at, tz) if e.at else ""}
            for e in self.store.article_edits(article_id)
            if e.field != "photo"
        }

    @staticmethod
    def body_text(article: Article) -> str:
        from sosmed.ingest.corrections import body_text

        return body_text(list(article.paragraphs))

    # Photos

    def add_photo(
        self, article_id: int, path: Path, caption: str | None, alt: str | None, actor: str
    ) -> tuple[int, list[Post]]:
        """Give the article a photo (checked first); its number, and the drafts composed
        again with it."""
        from sosmed.ingest.photos import checked_photo

        self.store.get_article(article_id)  # an unknown id before the photo is read
        photo = checked_photo(path, caption, alt)
        number = self.store.add_photo(article_id, photo, actor, self.office.now())
        return number, self._recompose_drafts(article_id)

    def remove_photo(self, article_id: int, number: int, actor: str) -> tuple[Photo, list[Post]]:
        gone = self.store.remove_photo(article_id, number, actor, self.office.now())
        return gone, self._recompose_drafts(article_id)

    def photos(self, article_id: int) -> list[Photo]:
        return self.store.article_photos(article_id)

    def _recompose_drafts(self, article_id: int) -> list[Post]:
        configured = {a.name for a in self.office.settings.config.accounts}
        names = [
            p.account
            for p in self.store.list_posts(article_id=article_id)
            if p.status == "draft" and p.account in configured
        ]
        return self.office.compose(article_id, names) if names else []

    # Composing again

    def recompose(self, article_id: int, by: str | None = None) -> list[Composed]:
        """Every account's post from the article as it is now: drafts composed again, a new
        draft where an account has none, every other post kept as it is. ``by``: the person
        who asked, named in each post's history (else sosmed itself)."""
        before = {p.account: p for p in self.store.list_posts(article_id=article_id)}
        out: list[Composed] = []
        if by is None:
            composed = self.office.compose(article_id, None)
        else:
            from sosmed.compose.build import compose_article

            office = self.office
            composed = compose_article(
                self.store, office.settings, article_id, None, office.now(), actor=by
            )
        for post in composed:
            old = before.get(post.account)
            if old is None:
                out.append(Composed(post, "baru"))
            elif old.status == "draft" and post.status in ("draft", "approved"):
                out.append(Composed(post, "disusun ulang"))
            else:
                why = _(KEPT[post.status]) if post.status in KEPT else str(post.status)
                out.append(Composed(post, "dibiarkan", why))
        return out

    # Deleting and finding

    def delete(self, article_id: int, actor: str) -> tuple[str, int]:
        """Delete the article with its drafts and cancelled posts; its title and how many
        posts went. Refused, naming them, while other posts hold it."""
        return self.store.delete_article(article_id, actor, self.office.now())

    def search(self, words: list[str], limit: int) -> list[Article]:
        found = [w for w in words if w.strip()]
        if not found:
            raise InputError(_("--search kosong: tulis kata yang dicari"))
        return self.store.search_articles(found, limit)

    # A post's photos

    def set_alt(self, post_id: int, number: int, alt: str, actor: str) -> Post:
        """The alt text of photo ``number`` of the post, refused if the post moved meanwhile
        or is (or may be) online."""
        from sosmed.store.guard import Seen

        seen = self.office.post(post_id)
        return self.store.set_photo_alt(
            post_id, number, alt, actor, Seen.of(seen), now=self.office.now()
        )


def _given_to_existing(
    article_id: int, photos: list[Path], caption: str | None, url: str | None
) -> str:
    """How to give the existing article what came with a second add of it."""
    steps = []
    for p in photos or []:
        cap = f" --caption {_quote(caption)}" if caption else " --caption '…'"
        steps.append(f"'sosmed article photo add {article_id} {_quote(str(p))}{cap}'")
    if caption and not photos:
        steps.append(f"'sosmed article edit {article_id} --caption {_quote(caption)} --by NAMA'")
    unused = _("; --url {url} tidak dipakai").format(url=url) if url else ""
    how = _("; tambahkan dengan ") + _(" lalu ").join(steps) if steps else ""
    return _("berita ini sudah ada (berita {id}); tidak ada yang disimpan").format(
        id=article_id
    ) + (how + unused)


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
