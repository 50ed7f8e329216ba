"""`sosmed add FILE --url URL`: a copied text with no date of its own takes the address's day."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.config import write_config

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ingest"


def test_add_with_url_takes_the_day_from_the_address(tmp_path: Path) -> None:
    home = tmp_path / "home"
    write_config(home, {})
    page = FIXTURES / "berita_tanpa_tanggal.txt"
    r = run_cli(
        home, "add", str(page), "--url", "https://pemkab.go.id/2018/06/13/gotong-royong", "--json"
    )
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["published_at"] == "2018-06-13T00:00:00+07:00"
    assert data["sources"]["published_at"] == {"origin": "url", "sure": False}
    assert "tanggal diambil dari alamat halaman — periksa" in data["check"]
    # Without an address the same text has no date at all: nothing is guessed.
    other = tmp_path / "other"
    write_config(other, {})
    bare = run_cli(other, "add", str(page), "--json")
    assert bare.returncode == 0, bare.stderr
    assert json.loads(bare.stdout)["published_at"] is None
