"""`sosmed add` of big saved pages: a page of megabytes that is mostly scripts and inline
images is added as its story; one with more markup than the limit is refused at once, by file
and by standard input, with a one-line Indonesian message and exit 2."""

from __future__ import annotations

import base64
import json
import random
from pathlib import Path

import pytest
from tests.support.cli import run_cli
from tests.support.config import write_config

from sosmed.ingest.slim import MAX_MARKUP_CHARS

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "html" / "wp_yoast.html"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    write_config(h, {})
    assert run_cli(h, "init").returncode == 0
    return h


def test_a_page_of_megabytes_of_scripts_and_images_is_added_as_its_story(
    home: Path, tmp_path: Path
) -> None:
    image = base64.b64encode(random.Random(1).randbytes(30_000)).decode()
    bulk = f'<script>var s = "{"x" * 30_000}";</script><img src="data:image/png;base64,{image}">'
    page = PAGE.read_text(encoding="utf-8").replace("</body>", bulk * 60 + "</body>", 1)
    path = tmp_path / "berita.html"
    path.write_text(page, encoding="utf-8")
    assert 4_000_000 < path.stat().st_size < 5_000_000
    r = run_cli(home, "add", str(path), "--json")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["title"] == "Bupati Luncurkan Program Sekolah Lapang Petani Cabai"


def test_a_page_with_too_much_markup_is_refused_before_reading(home: Path, tmp_path: Path) -> None:
    menu = '<li class="menu-item"><a href="/opd/dinas/">Dinas Pekerjaan Umum</a></li>'
    items = menu * (MAX_MARKUP_CHARS // len(menu) + 1)
    site = '<div id="page" class="site">'
    page = PAGE.read_text(encoding="utf-8").replace(site, f"<ul>{items}</ul>{site}", 1)
    path = tmp_path / "portal.html"
    path.write_text(page, encoding="utf-8")
    for args, data in (((str(path),), None), (("-",), page.encode())):
        r = run_cli(home, "add", *args, stdin=data)
        assert r.returncode == 2, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
        assert "terlalu besar" in r.stderr and f"{MAX_MARKUP_CHARS:,}" in r.stderr
    assert json.loads(run_cli(home, "articles", "--json").stdout) == []
