"""Canary secrets for every platform, a daemon run under faults with DEBUG logs: no secret leaks.

The sandbox (in this process) accepts only the canaries; the daemon and the CLI run as real
processes with ``--verbose``. Afterwards every byte the tool produced is searched: the daemon's
stdout and stderr (urllib3's DEBUG lines carry request URLs with Graph tokens and Telegram's
bot path), ``accounts check``, ``log`` and its JSON / CSV exports, ``status --json``, the monthly
report, and a full SQL dump of the database. Searched for: each canary (and any fragment of one,
through the "CNRY" mark), and every credential the sandbox saw on the wire (OAuth1 signatures and
nonces, Bearer tokens, ``appsecret_proof``, Bluesky session JWTs).
"""

from __future__ import annotations

import re
import sqlite3
import subprocess
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from tests.support.canaries import (
    MARK,
    WireRecorder,
    accept_canaries,
    canary_values,
    env_for_canaries,
    revoke_some,
    write_canary_secrets,
)
from tests.support.cli import run_cli
from tests.support.daemon import fast_forward
from tests.support.images import photo_entry
from tests.support.sandbox_process import tune_config

from sosmed.models import Article, Attempt, Post, utcnow
from sosmed.sandbox.app import build, write_sandbox_config
from sosmed.sandbox.core import Faults, Sandbox
from sosmed.settings import Settings
from sosmed.store import Store

pytestmark = pytest.mark.slow
POSTS = 42
DAEMON = {"reconcile_after_seconds": 0, "lease_seconds": 30, "max_attempts": 6, "batch": 100}


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[tuple[Path, Sandbox, WireRecorder]]:
    home = tmp_path / "home"
    home.mkdir()
    sb = build(
        faults=Faults(0.3, "*:auth:0.1", seed=6),
        media_dir=home / "media",
        hang_seconds=1.2,
        quotas=False,
    )
    accept_canaries(sb)
    recorder = WireRecorder(sb)
    sb.start()
    write_sandbox_config(home / "sosmed.toml", sb.base_url, force=True)
    write_canary_secrets(home)
    tune_config(home, DAEMON, timeout=0.6)
    yield home, sb, recorder
    sb.stop()


def _seed(store: Store, settings: Settings, base_url: str) -> None:
    photo = photo_entry(settings.home, base_url, "canary.jpg")
    accounts = settings.config.accounts
    now = utcnow()
    with Session(store.engine) as s:
        for i in range(POSTS):
            acc = accounts[i % len(accounts)]
            if i % len(accounts) == 0:
                art = Article(
                    content_hash=uuid.uuid4().hex,
                    source="file",
                    title=f"Berita uji {i}",
                    paragraphs=["Uji."],
                )
                s.add(art)
                s.flush()
            s.add(
                Post(
                    article_id=art.id or 0,
                    account=acc.name,
                    platform=acc.platform,
                    text=f"Kabar Pemkab nomor {i} ({uuid.uuid4().hex[:8]}) #Uji",
                    photos=[photo] if acc.platform == "instagram" or i % 4 == 0 else [],
                    status="scheduled",
                    scheduled_at=now,
                    approved_by="uji",
                    approved_at=now,
                )
            )
        s.commit()


def _open_posts(store: Store) -> int:
    with Session(store.engine) as s:
        rows = s.exec(select(Post).where(Post.status.in_(("scheduled", "in_doubt", "publishing"))))  # type: ignore[attr-defined]
        return len(rows.all())


def _run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_cli(home, *args, env=env_for_canaries(), timeout=120)


def _sql_dump(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def test_no_canary_anywhere_after_a_faulty_run(sandbox: tuple[Path, Sandbox, WireRecorder]) -> None:
    home, sb, recorder = sandbox
    settings = Settings.load(home)
    store = Store.open_url(settings.database_url)
    _seed(store, settings, sb.base_url)
    outputs: dict[str, str] = {}

    def keep(name: str, r: subprocess.CompletedProcess[str]) -> None:
        outputs[f"{name}.stdout"] = r.stdout
        outputs[f"{name}.stderr"] = r.stderr

    for n in range(14):
        r = _run(home, "--verbose", "daemon", "--once")
        assert r.returncode == 0, r.stderr[-2000:]
        keep(f"daemon{n}", r)
        if not _open_posts(store):
            break
        fast_forward(store)
    assert _open_posts(store) == 0
    sb.faults = Faults()
    keep("accounts", _run(home, "--verbose", "accounts", "check", "--json"))
    revoke_some(sb)  # the error paths of a refused token, with the token in the URL
    refused = _run(home, "--verbose", "accounts", "check", "--json")
    assert refused.returncode == 1 and '"ok": false' in refused.stdout
    keep("accounts-refused", refused)
    for args in (("log",), ("log", "--json"), ("log", "--csv"), ("status", "--json")):
        keep(" ".join(args), _run(home, "--verbose", *args))
    report = home / "laporan.html"
    keep("report", _run(home, "--verbose", "report", "--out", str(report)))
    outputs["report.html"] = report.read_text(encoding="utf-8")
    outputs["database"] = _sql_dump(home / "sosmed.db")
    store.close()

    # The run went through every kind of trouble, and tokens really travelled in logged URLs.
    with Session(Store.open_url(settings.database_url).engine) as s:
        outcomes = Counter(a.outcome for a in s.exec(select(Attempt)).all())
    assert outcomes["published"] and outcomes["in_doubt"] and outcomes["retry"], outcomes
    assert outcomes["failed"], outcomes
    logs = "".join(v for k, v in outputs.items() if k.startswith("daemon"))
    assert "access_token=***" in logs and "/bot***/" in logs
    derived = recorder.seen - set(canary_values())
    assert any(v.startswith("eyJ") for v in derived), "no Bluesky session was seen"
    assert any(re.fullmatch("[0-9a-f]{64}", v) for v in derived), "no appsecret_proof was seen"
    assert len(derived) > 10, "too few OAuth1 signatures were seen"

    secrets = set(canary_values()) | recorder.seen
    for name, text in outputs.items():
        assert not MARK.search(text), f"a canary in {name}: {_around(text, MARK.search(text))}"
        leaked = [s for s in secrets if s in text]
        assert not leaked, f"{len(leaked)} wire secrets in {name}, e.g. {leaked[0][:6]}…"


def _around(text: str, m: re.Match[str] | None) -> str:
    return text[max(0, m.start() - 80) : m.end() + 40] if m else ""
