"""A post's history reads in the reader's language, whoever acted and in whatever language:
the audit rows keep codes and their parameters, put into words when shown. Rows written
before that (free text) still show as they were written."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from tests.support.config import write_config
from tests.support.forked import run_forked
from tests.support.posts import add_post

from sosmed.attempts import AttemptKind, AttemptOutcome
from sosmed.models import Attempt, Event, utcnow
from sosmed.store import Store

CONFIG = {"accounts": [{"name": "x_humas", "platform": "x"}]}
LEGACY = "ditulis versi lama, tanpa kode"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("history")
    home = root / "home"
    settings = write_config(home, CONFIG)
    store = Store.open_url(settings.database_url)
    try:
        pid = add_post(store, status="draft", text="Jembatan Harapan dibuka #Sukamaju")
        failed = add_post(store, status="failed", approved_by="Budi")
        with store.session() as s:
            s.add(Event(at=utcnow(), actor="lama", action="cancel", post_id=pid, detail=LEGACY))
            post = store.get_post(failed)
            s.add(
                Attempt(
                    post_id=failed,
                    account=post.account,
                    platform=post.platform,
                    fence=1,
                    worker="daemon:uji",
                    kind=AttemptKind.publish,
                    started_at=utcnow() - timedelta(minutes=5),
                    finished_at=utcnow(),
                    outcome=AttemptOutcome.failed,
                    error_class="AuthError",
                    message="x: 401 Unauthorized",
                )
            )
    finally:
        store.close()
    env = {"SOSMED_HOME": str(home)}
    # Staff act in Indonesian and in English; each reader reads the whole history in theirs.
    steps = [
        ("edit", str(pid), "--text", "Jembatan Harapan resmi dibuka #Sukamaju", "--by", "Siti"),
        ("--lang", "en", "approve", str(pid), "--by", "Budi"),
        ("schedule", str(pid), "--at", "2030-01-02 08:00"),
        ("--lang", "en", "cancel", str(pid), "--by", "Budi"),
        ("restore", str(pid), "--by", "Siti"),
        ("posts", "--history", str(pid)),
        ("--lang", "en", "posts", "--history", str(pid)),
        ("posts", "--history", str(pid), "--json"),
        ("--lang", "en", "posts", "--history", str(failed)),
        ("posts", "--history", str(failed)),
    ]
    runs = [{"args": list(a), "cwd": str(root), "env": env} for a in steps]
    answers = run_forked(runs, root)
    assert [a["code"] for a in answers] == [0] * len(steps), answers
    return {"home": home, "pid": pid, "out": [a["stdout"] for a in answers[5:]]}


def test_indonesian_reader_reads_every_step_in_indonesian(history: dict[str, object]) -> None:
    out = history["out"]
    assert isinstance(out, list)
    table = out[0]
    for words in (
        "diubah:",
        "disetujui",
        "dijadwalkan: pada 2030-01-02 08:00 WIB",
        "dibatalkan: sebelumnya terjadwal",
        "dikembalikan ke draf: dibatalkan → draf",
        "karakter",
    ):
        assert words in table, (words, table)
    for english in ("approve", "was scheduled", "cancelled → draft", "characters", "restore"):
        assert english not in table, (english, table)


def test_english_reader_reads_the_same_steps_in_english(history: dict[str, object]) -> None:
    out = history["out"]
    assert isinstance(out, list)
    table = out[1]
    for words in (
        "edited:",
        "approved",
        "scheduled: at 2030-01-02 08:00 WIB",
        "cancelled: was scheduled",
        "restored to draft: cancelled → draft",
        "characters",
    ):
        assert words in table, (words, table)
    for indonesian in ("disetujui", "sebelumnya", "draf:", "karakter", "dibatalkan"):
        assert indonesian not in table, (indonesian, table)


def test_an_older_free_text_row_still_shows_as_written(history: dict[str, object]) -> None:
    out = history["out"]
    assert isinstance(out, list)
    assert LEGACY in out[0] and LEGACY in out[1]
    rows = json.loads(out[2])
    legacy = [r for r in rows if r["by"] == "lama"]
    assert legacy == [{**legacy[0], "action": "cancel", "what": f"dibatalkan: {LEGACY}"}]
    assert [r["action"] for r in rows if r["by"] != "lama"] == [
        "edit",
        "approve",
        "schedule",
        "cancel",
        "restore",
    ]


def test_an_attempt_is_worded_without_its_error_class(history: dict[str, object]) -> None:
    out = history["out"]
    assert isinstance(out, list)
    english, indonesian = out[3], out[4]
    assert "publish attempt" in english and "renew the" in english.lower(), english
    assert "percobaan kirim" in indonesian and "perbarui token" in indonesian, indonesian
    for table in (english, indonesian):
        assert "AuthError" not in table and "attempt:publish" not in table, table


def test_new_rows_keep_a_code_not_a_sentence(history: dict[str, object]) -> None:
    home = history["home"]
    assert isinstance(home, Path)
    con = sqlite3.connect(home / "sosmed.db")
    try:
        rows = con.execute(
            "SELECT action, detail FROM event WHERE post_id = ? AND actor != 'lama' ORDER BY id",
            (history["pid"],),
        ).fetchall()
    finally:
        con.close()
    details = {action: json.loads(detail) for action, detail in rows if detail}
    assert details["cancel"] == {"code": "was", "status": "scheduled"}
    assert details["restore"] == {"code": "restored"}
    assert details["schedule"]["code"] == "at" and details["schedule"]["at"].endswith("+00:00")
    assert set(details["edit"]) == {"code", "before", "after"}  # a draft stays a draft
