"""A humas office's working day, as staff type it: the real `sosmed` command against a real
`sosmed sandbox` process, in Indonesian (LANG=id_ID.UTF-8) on an 80-column terminal.

Five articles come in at once; one gets its photo late (so its Instagram post, held back for
want of a photo, can go). Posts of three are composed, approved, one is edited after its
approval and approved again, they are scheduled and the daemon publishes them while Telegram
refuses the token; the token is renewed and the failed post sent again; one post is
cancelled and restored and published by hand, another cancelled for good. Then the log,
status and the monthly report. Every post ends published or cancelled as intended, each
published one is on its platform exactly once, and the edited post went out with its new
words, after its second approval.
"""

from __future__ import annotations

import json
import os
import subprocess
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.support.cli import SOSMED
from tests.support.sandbox_process import SandboxProcess

ARTICLES = Path(__file__).parent.parent / "fixtures" / "articles"
WIDTH = 80
EDITED = (
    "Pj Wali Kota Balikpapan meminta distributor menjaga stok beras menjelang akhir tahun. "
    "#Balikpapan"
)
# Words that give away an English sentence in what a person reads.
ENGLISH = (
    " the ",
    "error:",
    "Traceback",
    " approved (",
    " cancelled (",
    "scheduled for",
    "published on",
    "needs a person",
    "all well",
    "read one with",
    "no posts",
    "last daemon heartbeat",
)


class Day:
    """The office's home and every command run in it, with what each printed."""

    def __init__(self, home: Path) -> None:
        self.home = home
        self.env = {
            k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "SOSMED_LANG")
        }
        self.env.update(SOSMED_HOME=str(home), COLUMNS=str(WIDTH), LANG="id_ID.UTF-8")
        self.printed: list[tuple[str, str]] = []  # (command, text a person reads)
        self.ids: dict[str, int] = {}  # the day's posts by a short name: "fb2", "tg3"...

    def run(self, *args: str, code: int = 0, stdin: str | None = None) -> str:
        r = subprocess.run(
            [SOSMED, *args], capture_output=True, text=True, env=self.env, input=stdin, timeout=90
        )
        shown = f"sosmed {' '.join(args)}\n{r.stdout}{r.stderr}"
        assert "Traceback" not in r.stdout + r.stderr, shown
        assert r.returncode == code, shown
        if "--json" not in args:
            self.printed.append((args[0], r.stdout + r.stderr))
        return r.stdout

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--json"))


@pytest.mark.slow
def test_a_working_day_in_indonesian_at_80_columns(tmp_path: Path) -> None:
    home = tmp_path / "kantor"
    home.mkdir()
    # Telegram refuses the bot's token until the fault is lifted, as a revoked token would.
    sandbox = SandboxProcess(home, faults="telegram:auth")
    try:
        day = Day(home)
        _work_the_day(day, sandbox)
        ledger = sandbox.ledger()
    finally:
        sandbox.stop()
    _check_what_people_read(day)
    _check_the_platforms(day, ledger)


def _work_the_day(day: Day, sandbox: SandboxProcess) -> None:
    names = ("a01.txt", "a02.txt", "a03.txt", "a04.txt", "a05.txt")
    added = day.run("add", *(str(ARTICLES / n) for n in names))
    assert all(f"berita {i}" in added for i in range(1, 6)), added

    # Article 1 first without its photo: the Instagram post waits for one.
    first = day.json("compose", "1", "--accounts", "x_sandbox,instagram_sandbox")
    assert [p["problem"] for p in first] == [None, "needs a photo"]
    photo = day.home.parent / "foto-nelayan.jpg"
    Image.new("RGB", (1600, 1200), (30, 120, 200)).save(photo, quality=85)
    day.run(
        "article", "photo", "add", "1", str(photo), "--caption", "Penyerahan bantuan nelayan.",
        "--alt", "Bupati menyerahkan jaring kepada seorang nelayan", "--by", "Siti",
    )  # fmt: skip
    ids = day.ids
    ids.update(x1=first[0]["id"], ig1=first[1]["id"])
    # Articles 4 and 5 wait for another day (each compose loads the composer: the test's time).
    for article, accounts, keys in (
        ("2", "facebook_sandbox,mastodon_sandbox,x_sandbox", ("fb2", "ma2", "x2")),
        ("3", "telegram_sandbox,bluesky_sandbox,facebook_sandbox", ("tg3", "bs3", "fb3")),
    ):
        posts = day.json("compose", article, "--accounts", accounts)
        ids.update(zip(keys, (p["id"] for p in posts), strict=True))
    drafts = {p["id"]: p for p in day.json("posts")}
    assert all(p["status"] == "draft" and p["problem"] is None for p in drafts.values())
    assert drafts[ids["ig1"]]["photos"], "the late photo reached the Instagram draft"

    everyone = [str(i) for i in ids.values()]
    day.run("approve", *everyone, "--by", "Siti")
    # Words changed after the approval: back to draft, and a second approval is needed.
    edited = day.run("edit", str(ids["fb2"]), "--text", EDITED, "--by", "Budi")
    assert "kembali ke draf" in edited
    day.run("approve", str(ids["fb2"]), "--by", "Siti")

    by_daemon = ["x1", "ig1", "fb2", "ma2", "tg3", "bs3"]
    day.run("schedule", *(str(ids[k]) for k in by_daemon), "--at", "now", "--force")
    day.run("queue")
    day.run("daemon", "--once")
    waiting = day.run("status", code=1)  # the failed Telegram post needs a person
    failed = {p["id"] for p in day.json("posts", "--status", "failed")}
    assert failed == {ids["tg3"]}, waiting

    # The token renewed: entered again through the prompt's stdin, and the platform takes it.
    token = tomllib.loads((day.home / "secrets.toml").read_text())["telegram_sandbox"]
    day.run("accounts", "set-secret", "telegram_sandbox", "bot_token", stdin=token["bot_token"])
    sandbox.set_faults()
    day.run("retry", str(ids["tg3"]), "--by", "Siti")

    # Cancelled by mistake, restored, approved again and published by hand.
    day.run("cancel", str(ids["x2"]), "--by", "Siti")
    day.run("restore", str(ids["x2"]), "--by", "Siti")
    day.run("approve", str(ids["x2"]), "--by", "Siti")
    day.run("publish", str(ids["x2"]))
    day.run("cancel", str(ids["fb3"]), "--by", "Budi")  # this one stays cancelled

    day.run("daemon", "--once")
    day.run("posts")
    day.run("status")
    day.run("log")
    day.run("preview", str(ids["ig1"]))
    day.run("posts", "--history", str(ids["fb2"]))
    report = day.home.parent / "laporan.html"
    day.run("report", "--out", str(report))
    assert report.stat().st_size > 1000


def _check_what_people_read(day: Day) -> None:
    too_wide = {
        (command, line)
        for command, text in day.printed
        for line in text.splitlines()
        # A file's path is printed whole, however long the folder's name is.
        if len(line) > WIDTH and str(day.home.parent) not in line
    }
    assert too_wide == set()
    english = {
        (command, marker) for command, text in day.printed for marker in ENGLISH if marker in text
    }
    assert english == set()


def _check_the_platforms(day: Day, ledger: list[dict[str, Any]]) -> None:
    ids = day.ids
    posts = {p["id"]: p for p in day.json("posts")}
    cancelled = {ids["fb3"]}
    assert {i for i, p in posts.items() if p["status"] == "cancelled"} == cancelled
    published = {i: p for i, p in posts.items() if i not in cancelled}
    assert all(p["status"] == "published" for p in published.values()), posts
    # On its platform once, with the words it has now; nothing else was posted.
    for post in published.values():
        sent = [e for e in ledger if e["remote_id"] == post["remote_id"]]
        assert len(sent) == 1, (post["id"], sent)
        assert sent[0]["text"].strip() == post["text"].strip()
    assert len(ledger) == len(published)
    assert posts[ids["fb2"]]["text"] == EDITED
    instagram = next(e for e in ledger if e["url"] == posts[ids["ig1"]]["remote_url"])
    assert len(instagram["images"]) == 1

    # The failed post's attempt stays in the log beside the one that went out.
    log = day.json("log")
    tries = [(a["outcome"], a["error_class"]) for a in log if a["post_id"] == ids["tg3"]]
    assert tries == [("failed", "AuthError"), ("published", None)]

    # The edited post went out once, after its second approval.
    sent = [a for a in log if a["post_id"] == ids["fb2"]]
    assert [a["outcome"] for a in sent] == ["published"]
    second = datetime.fromisoformat(posts[ids["fb2"]]["approved_at"])
    assert datetime.fromisoformat(sent[0]["started_at_utc"]) > second
    history = day.json("posts", "--history", str(ids["fb2"]))
    steps = [h["what"] for h in history]
    approvals = [i for i, h in enumerate(history) if h["action"] == "approve"]
    edits = [i for i, h in enumerate(history) if h["action"] == "edit"]
    sends = [i for i, h in enumerate(history) if h["action"] == "attempt:publish"]
    assert len(approvals) == 2 and len(edits) == 1 and len(sends) == 1, steps
    assert approvals[0] < edits[0] < approvals[1] < sends[0], steps
    assert "terbit" in steps[sends[0]]
