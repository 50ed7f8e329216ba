"""An article keeps where each of its fields came from."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sosmed.ingest.parsed import Credits, FieldSource, ParsedArticle
from sosmed.ingest.records import article_dict, to_records
from sosmed.store import Store


def test_field_sources_survive_the_store(any_store: Store) -> None:
    parsed = ParsedArticle(
        title="Judul",
        published_at=None,
        has_time=False,
        zone=None,
        date_source=None,
        place="Sukamaju",
        credits=Credits(),
        paragraphs=["Satu paragraf berita yang cukup panjang untuk disimpan."],
        lead="Satu paragraf berita yang cukup panjang untuk disimpan.",
        sources={"title": FieldSource("header", sure=False), "place": FieldSource("body", True)},
    )
    article, photos = to_records(parsed, "file", ZoneInfo("Asia/Jakarta"), caption="Foto warga")
    article_id, _ = any_store.save_article(article, photos)
    stored = any_store.get_article(article_id)
    assert stored.field_sources == {
        "title": {"origin": "header", "sure": False},
        "place": {"origin": "body", "sure": True},
        "caption": {"origin": "person", "sure": True},
    }
    view = article_dict(stored, any_store.article_photos(article_id))
    assert view["sources"]["title"] == {"origin": "header", "sure": False}
    assert view["check"] == ["judul diambil dari kepala halaman — periksa"]
