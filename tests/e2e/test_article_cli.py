"""The installed `sosmed` command on articles after adding them: several sources at once,
a correction of the body in $EDITOR, search, composing again, deletion (the rest is
tested through the office, in tests/integration/test_office_articles.py)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.config import make_home

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def test_several_sources_then_correct_search_recompose_delete(home: Path, tmp_path: Path) -> None:
    make_home(home, [{"name": "humas_mastodon", "platform": "mastodon"}])
    empty = tmp_path / "kosong.txt"
    empty.write_text(" \n")
    sources = [
        str(FIXTURES / "berita.txt"),
        str(FIXTURES.parent / "articles" / "a01.txt"),
        str(empty),
    ]
    r = run_cli(home, "add", *sources, str(FIXTURES / "berita.txt"))
    assert r.returncode == 1, r.stderr
    assert (
        r.stderr.strip().splitlines()[-1]
        == "4 berita: 2 ditambahkan, 1 sudah ada (berita 1), 1 gagal"
    )
    assert "kosong.txt" in r.stderr and "Traceback" not in r.stderr

    # The body in the editor: every "Jembatan" becomes "Titian".
    editor = {"EDITOR": "sed -i s/Jembatan/Titian/g"}
    r = run_cli(home, "article", "edit", "1", "--body", "--by", "siti", env=editor)
    assert r.returncode == 0, r.stderr
    assert "isi" in r.stdout and "compose 1 --again" in r.stdout
    found = json.loads(run_cli(home, "articles", "--search", "TITIAN", "--json").stdout)
    assert [a["id"] for a in found] == [1]
    r = run_cli(home, "compose", "1", "--again")
    assert r.returncode == 0, r.stderr
    assert "humas_mastodon): baru" in r.stdout
    r = run_cli(home, "article", "delete", "1", "--by", "siti")
    assert r.returncode == 0, r.stderr
    assert "berita 1" in r.stdout and "beserta 1 post" in r.stdout
