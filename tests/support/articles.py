"""The sample article (tests/fixtures/compose/article.json) and ways to put articles in a store."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any

from sosmed.models import Article, Photo
from sosmed.settings import Settings
from sosmed.store import Store

ARTICLE: dict[str, Any] = json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "compose" / "article.json").read_text(
        encoding="utf-8"
    )
)


def open_store(settings: Settings) -> Store:
    return Store.open_url("sqlite:///" + str(settings.home / "sosmed.db"))


def insert_article(
    store: Store, data: dict[str, Any] | None = None, photos: list[Photo] | None = None
) -> int:
    d = dict(ARTICLE if data is None else data)
    digest = hashlib.sha256(json.dumps(d, sort_keys=True).encode()).hexdigest()
    article = Article(
        url=d.get("url"),
        content_hash=digest,
        title=d.get("title"),
        published_at=datetime.fromisoformat(d["published_at"]) if d.get("published_at") else None,
        published_offset=d.get("published_offset"),
        place=d.get("place"),
        editor=d.get("editor"),
        reporter=d.get("reporter"),
        photographer=d.get("photographer"),
        paragraphs=list(d.get("paragraphs", [])),
        lead=d.get("lead"),
        source="file",
    )
    article_id, duplicate = store.save_article(article, list(photos or []))
    assert duplicate is None
    return article_id


def photo(path: Path, caption: str | None = ARTICLE["caption"]) -> Photo:
    return Photo(article_id=0, path=str(path), caption=caption)
