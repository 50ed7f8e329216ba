"""`sosmed add` tells which fields a person should check, and where they came from.

The JSON view of the same record is checked without a process in
tests/store/test_store_field_sources.py; here one run of the command is enough."""

from __future__ import annotations

from pathlib import Path

from tests.support.cli import run_cli
from tests.support.config import write_config

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "pages" / "tanggal_isi.txt"


def test_add_names_the_fields_to_check(home: Path) -> None:
    write_config(home, {})
    shown = run_cli(home, "add", str(PAGE))
    assert shown.returncode == 0, shown.stderr
    assert "tanggal diambil dari isi berita — periksa" in shown.stdout
    assert "judul diambil" not in shown.stdout  # the headline is the only one: nothing to check
