"""A home for the workspace's page tests: the month of tests/support/month_history.py in its
database (an article titled with HTML, a Facebook token in an error message), its accounts
in sosmed.toml, and a secret for each in secrets.toml (mode 0600) that no page may show."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import tomli_w
from tests.support.config import write_config
from tests.support.month_history import ACCOUNTS, Seeded, seed_month

from sosmed.models import Attempt
from sosmed.settings import Settings
from sosmed.store import Store

# Each ends in "CNRY" so that a fragment of one is found too.
SECRETS = {
    "humas-fb": {"page_token": "EAAwebPageTokenQ8r2Lm4Np6Rt0Vx3Yb7DcCNRY"},
    "humas-x": {
        "consumer_key": "webConsumerKey9f3a1bCNRY",
        "consumer_secret": "webConsumerSecret7d2e9c4b1a8f6e3dCNRY",
        "access_token": "1234-webAccessToken5b8e2f7a9c1dCNRY",
        "access_token_secret": "webTokenSecret3c6f9a2d5e8b1cCNRY",
    },
    "kanal-tg": {"bot_token": "8123456789:AAwebBotToken_x9Y8z7W6v5U4tCNRY"},
    "humas-masto": {"access_token": "webMastodonBearer-Kd93jf8Qm2LxCNRY"},
    "humas-bsky": {"app_password": "webp-4pp5-p4ss-CNRY"},
    "humas-ig": {"access_token": "EAAwebIgUserToken4Kp8Ms2Qw6Ez0TyCNRY"},
}


def secret_values() -> list[str]:
    return [v for fields in SECRETS.values() for v in fields.values()]


def _echoed_secret(store: Store) -> None:
    """An attempt whose error message holds a token as a platform echoed it, without a word
    that says it is one: only knowing the home's secrets masks it."""
    token = SECRETS["humas-masto"]["access_token"]
    post = next(p for p in store.list_posts(account="humas-masto") if p.status == "published")
    with store.session() as s:
        s.add(
            Attempt(
                post_id=post.id or 0,
                account=post.account,
                platform=post.platform,
                fence=2,
                worker="host:1",
                kind="publish",
                started_at=datetime(2026, 11, 20, 3, 0, tzinfo=UTC),
                finished_at=datetime(2026, 11, 20, 3, 0, 2, tzinfo=UTC),
                outcome="stale",
                error_class="Rejected",
                message=f"Rejected: unknown credential {token} for this instance",
            )
        )


def month_home(home: Path) -> tuple[Settings, Seeded]:
    accounts = [{"name": name, "platform": platform} for name, platform in ACCOUNTS.items()]
    settings = write_config(home, {"accounts": accounts, "timezone": "Asia/Jakarta"})
    path = home / "secrets.toml"
    with path.open("wb") as f:
        tomli_w.dump(SECRETS, f)
    os.chmod(path, 0o600)
    store = Store.open_url(settings.database_url)
    seeded = seed_month(store, home / "media")
    _echoed_secret(store)
    seeded.attempts += 1
    store.close()
    return Settings.load(home), seeded
