"""`sosmed add` tells which fields came from where, and which a person should check."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_cli

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "pages" / "tanggal_isi.txt"


def test_add_names_the_fields_to_check(home: Path) -> None:
    shown = run_cli(home, "add", str(PAGE))
    assert shown.returncode == 0, shown.stderr
    assert "tanggal diambil dari isi berita — periksa" in shown.stdout
    data = json.loads(run_cli(home, "article", "1", "--json").stdout)
    assert data["sources"]["published_at"] == {"origin": "body", "sure": False}
    assert data["sources"]["title"]["origin"] == "header"
    assert data["check"] == ["tanggal diambil dari isi berita — periksa"]
