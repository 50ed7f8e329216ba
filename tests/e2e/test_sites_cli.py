"""`sosmed sites` and `sosmed sites test` as an office runs them: a profile listed, a page (a
file or an address) read source by source at 80 columns, a bad pattern a configuration error."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.cli import run_cli
from tests.support.web import WebServer

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
PROFILE = """
[[sites]]
host = "hstkab.go.id"
date_line = '^(?P<date>\\w+, \\d+ \\w+ \\d{4} \\| \\d\\d:\\d\\d \\w+)'
credit_labels = { editor = ["Editor", "Ed"] }
"""
NARROW = {"COLUMNS": "80"}


def test_sites_test_shows_each_source_and_the_value_kept(home: Path) -> None:
    (home / "sosmed.toml").write_text(PROFILE)
    listed = run_cli(home, "sites", env=NARROW)
    assert listed.returncode == 0, listed.stderr
    assert "hstkab.go.id" in listed.stdout and "date_line" in listed.stdout
    page = str(PAGES / "ci_portal.html")
    r = run_cli(
        home, "sites", "test", page, "--url", "https://hstkab.go.id/berita/1286", env=NARROW
    )
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "Profil situs: hstkab.go.id"
    assert max(len(line) for line in lines) <= 80
    assert all(w in r.stdout for w in ("kolom", "sumber", "temuan", "OpenGraph", "meta name"))
    assert "2024-08-05 14:20 WITA (profil situs)" in r.stdout
    assert "Muhammad Rizal (profil situs)" in r.stdout
    assert "Barabai (isi berita)" in r.stdout


def test_sites_test_reads_an_address(home: Path) -> None:
    (home / "sosmed.toml").write_text("allow_private_hosts = true\n")
    web = WebServer()
    try:
        url = web.page("/2024/03/12/bupati/", (PAGES / "wp_yoast.html").read_bytes())
        r = run_cli(home, "sites", "test", url, "--json")
    finally:
        web.sb.stop()
    assert r.returncode == 0, r.stderr
    fields = {f["field"]: f for f in json.loads(r.stdout)["fields"]}
    date = fields["published_at"]
    assert date["value"] == "2024-03-12 10:15 WIB" and date["sure"] is True
    assert {"source": "alamat (URL)", "value": "2024-03-12"} in date["found"]


def test_a_pattern_that_does_not_compile_is_a_config_error(home: Path) -> None:
    (home / "sosmed.toml").write_text('[[sites]]\nhost = "x.go.id"\ndrop_lines = ["(tutup"]\n')
    r = run_cli(home, "sites")
    assert r.returncode == 3
    assert "sites.0.drop_lines" in r.stderr and len(r.stderr.strip().splitlines()) == 1
