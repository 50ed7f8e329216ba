"""compose / posts / preview / edit / approve / cancel through the installed command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.support.articles import insert_article, open_store, photo
from tests.support.config import PLATFORMS, make_home
from tests.support.images import tall_jpeg

from sosmed.compose.build import compose_article


def _sosmed() -> str:
    beside = Path(sys.executable).with_name("sosmed")
    found = str(beside) if beside.exists() else shutil.which("sosmed")
    if not found:
        pytest.skip("the sosmed command is not installed")
    return found


def run(
    home: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [_sosmed(), "--home", str(home), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "COLUMNS": "200", **(env or {})},
        timeout=120,
    )


def as_json(home: Path, *args: str) -> Any:
    out = run(home, *args, "--json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A home with six accounts, article 1 (with a photo) and article 2 (text only)."""
    h = tmp_path / "home"
    store = open_store(make_home(h))
    insert_article(store, photos=[photo(tall_jpeg(tmp_path / "tall.jpg"))])
    insert_article(store, {"title": "Tanpa Foto", "paragraphs": ["Satu kalimat saja di sini."]})
    store.close()
    return h


def drafts(home: Path, article_id: int) -> dict[str, str]:
    """Compose in-process (the compose command has its own test): platform → post id."""
    settings = make_home(home)
    store = open_store(settings)
    try:
        return {p.platform: str(p.id) for p in compose_article(store, settings, article_id)}
    finally:
        store.close()


def test_compose_then_list_and_preview(home: Path) -> None:
    posts = as_json(home, "compose", "1")
    assert [p["platform"] for p in posts] == list(PLATFORMS)
    for p in posts:
        assert {"id", "account", "platform", "text", "hashtags", "length", "limit"} <= set(p)
        assert p["status"] == "draft" and p["length"] <= p["limit"]
        (image,) = p["photos"]
        assert {"path", "width", "height", "bytes", "alt"} <= set(image)
        assert Path(image["path"]).is_file()
    x = posts[0]
    assert x["limit"] == 280
    listed = as_json(home, "posts", "--status", "draft")
    assert [p["id"] for p in listed] == [p["id"] for p in posts]
    assert {"problem", "scheduled_at", "remote_id", "remote_url"} <= set(listed[0])
    shown = run(home, "preview", str(x["id"]))
    assert shown.returncode == 0, shown.stderr
    assert f"{x['length']}/280" in shown.stdout and "karakter berbobot" in shown.stdout
    assert "alt:" in shown.stdout and "×" in shown.stdout


def test_edit_with_text_or_the_editor_refuses_what_does_not_fit(home: Path, tmp_path: Path) -> None:
    ids = drafts(home, 1)
    refused = run(home, "edit", ids["x"], "--text", "a" * 300, "--by", "Siti")
    assert refused.returncode == 2
    assert "300" in refused.stderr and "280" in refused.stderr
    done = run(home, "edit", ids["x"], "--text", "Teks baru #Bengkalis", "--by", "Siti")
    assert done.returncode == 0, done.stderr
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\npathlib.Path(sys.argv[1]).write_text('Diedit di editor #Riau')\n"
    )
    editor = {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
    done = run(home, "edit", ids["mastodon"], "--by", "Siti", env=editor)
    assert done.returncode == 0, done.stderr
    posts = {p["platform"]: p for p in as_json(home, "posts")}
    assert posts["x"]["text"] == "Teks baru #Bengkalis"
    assert posts["mastodon"]["text"] == "Diedit di editor #Riau"
    assert posts["mastodon"]["hashtags"] == ["#Riau"]


def test_approve_and_cancel(home: Path) -> None:
    ids = drafts(home, 2)
    mixed = run(home, "approve", ids["x"], ids["instagram"], ids["facebook"], "--by", "kabag")
    assert mixed.returncode == 2 and "perlu foto" in mixed.stderr
    assert run(home, "cancel", ids["telegram"], "--by", "Siti").returncode == 0
    again = run(home, "cancel", ids["telegram"], "--by", "Siti")
    assert again.returncode != 0 and "cancelled" in again.stderr
    posts = {p["platform"]: p for p in as_json(home, "posts")}
    assert posts["x"]["status"] == posts["facebook"]["status"] == "approved"
    assert posts["x"]["approved_by"] == "kabag"
    assert posts["instagram"]["status"] == "draft"
    assert posts["telegram"]["status"] == "cancelled"


def test_unknown_things_are_one_line_errors(home: Path) -> None:
    missing = run(home, "preview", "999")
    assert missing.returncode == 2 and "999" in missing.stderr
    assert "Traceback" not in missing.stderr and len(missing.stderr.strip().splitlines()) == 1
    bad = run(home, "compose", "1", "--accounts", "humas_tiktok")
    assert bad.returncode == 2 and "humas_tiktok" in bad.stderr
