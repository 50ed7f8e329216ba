"""Posts per second through the full publish path (claim, arm, send, record) per platform.

    python benchmarks/publish.py [--posts N] [--photos]

Runs the sandbox in this process (posting windows lifted) and a Publisher on a fresh SQLite
file; every post goes through the real client code over loopback HTTP. One account at a time,
so each figure is one account's sequential rate.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
import uuid
from pathlib import Path

from PIL import Image
from sqlmodel import Session

from sosmed.models import Article, Post, utcnow
from sosmed.publish.publisher import Publisher
from sosmed.sandbox.app import build, write_sandbox_config
from sosmed.settings import Settings
from sosmed.store import Store


def photo(home: Path, base_url: str) -> dict[str, object]:
    path = home / "media" / "variants" / "bench.jpg"
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 900), (30, 120, 90)).save(path, quality=85)
    data = path.read_bytes()
    return {
        "path": str(path),
        "width": 1200,
        "height": 900,
        "bytes": len(data),
        "alt": "Foto kegiatan",
        "sha256": hashlib.sha256(data).hexdigest(),
        "mime": "image/jpeg",
        "url": f"{base_url}/_media/bench.jpg",
    }


def seed(
    store: Store, account: str, platform: str, n: int, images: list[dict[str, object]]
) -> None:
    now = utcnow()
    with Session(store.engine) as s:
        for i in range(n):
            art = Article(content_hash=uuid.uuid4().hex, source="file", paragraphs=["x"])
            s.add(art)
            s.flush()
            s.add(
                Post(
                    article_id=art.id or 0,
                    account=account,
                    platform=platform,
                    text=f"Kabar {i} {uuid.uuid4().hex[:10]} #Bench",
                    photos=images,
                    status="scheduled",
                    scheduled_at=now,
                )
            )
        s.commit()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--posts", type=int, default=100, help="posts per platform")
    ap.add_argument("--photos", action="store_true", help="one photo per post")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        sb = build(media_dir=home / "media", quotas=False).start()
        write_sandbox_config(
            home / "sosmed.toml",
            sb.base_url,
            force=True,
            extra={"daemon": {"batch": 200, "workers": 1}},
        )
        settings = Settings.load(home)
        store = Store.open_url(settings.database_url)
        image = [photo(home, sb.base_url)]
        print(f"{args.posts} posts per platform, {'one photo' if args.photos else 'text only'}")
        for acc in settings.config.accounts:
            images = image if args.photos or acc.platform == "instagram" else []
            seed(store, acc.name, acc.platform, args.posts, images)
            publisher = Publisher(store, settings, worker="bench")
            start = time.perf_counter()
            report = publisher.tick()
            elapsed = time.perf_counter() - start
            done = len(report.published)
            print(
                f"  {acc.platform:10s} {done / elapsed:7.1f} posts/s "
                f"({done} published in {elapsed:.2f} s)"
            )
        store.close()
        sb.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
