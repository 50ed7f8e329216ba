"""Archive addresses of the content systems government sites run, and story addresses that
look like them but go on past them."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.address import archive_address
from sosmed.ingest.extract import parse_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "general_shapes"


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://x.go.id/2021/05/", "/2021/05/"),
        ("https://x.blogspot.com/2017/07", "/2017/07"),
        ("https://x.go.id/2022/08/29/", "/2022/08/29/"),
        ("https://x.go.id/2021/", "/2021/"),
        ("https://x.go.id/category/berita/", "/category/berita/"),
        ("https://x.go.id/category/berita/page/3/", "/category/berita/page/3/"),
        ("https://x.blogspot.com/search/label/Berita", "/search/label/Berita"),
        ("https://x.go.id/index.php/kategori/pemerintahan", "/index.php/kategori/pemerintahan"),
        ("https://x.go.id/tag/pilkada/", "/tag/pilkada/"),
        ("https://x.go.id/author/admin/", "/author/admin/"),
        ("https://x.go.id/topik-pilihan", "/topik-pilihan"),
        ("https://x.go.id/indeks-berita", "/indeks-berita"),
        ("https://x.go.id/arsip", "/arsip"),
        ("https://x.go.id/berita/", "/berita/"),
        ("https://x.go.id/index.php/berita-terkini", "/index.php/berita-terkini"),
        ("http://x.go.id/?cat=1", "/?cat=1"),  # the query names the archive
        ("http://x.go.id/?s=pasar", "/?s=pasar"),
        ("https://x.blogspot.com/search?q=pasar", "/search"),
        ("http://x.go.id/berita?page=2", "/berita?page=2"),
        # Stories: a slug or a number after the archive's part.
        ("https://x.go.id/2019/10/walikota-tinjau-jalan/", None),
        ("https://x.go.id/2022/02/17/apel-rutin/", None),
        ("https://x.go.id/archives/584/tahun-depan-wali-kota/", None),
        ("https://x.go.id/index.php/akses-link/arsip-berita/1158-pembinaan-teknis", None),
        ("https://x.go.id/berita/baca/2019", None),
        ("https://x.go.id/berita/123", None),
        ("https://x.go.id/berita-utama/bupati-hadir", None),
        ("https://x.go.id/kategori/berita/bupati-resmikan-jembatan", None),
        ("https://x.go.id/index.php?page=detailberita&id=3412", None),
        ("https://x.blogspot.com/2024/03/bupati-hadir.html?m=1", None),
        ("https://x.go.id/web/detailberita/9190/2019/01/07/gubri-hadir", None),
        (None, None),
    ],
)
def test_archive_addresses(url: str | None, path: str | None) -> None:
    assert archive_address(url) == path


def _page(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


def test_a_copy_at_an_archive_address_with_two_stories_is_refused() -> None:
    with pytest.raises(NotAnArticle, match="arsip"):
        parse_text(_page("section_page"), url="https://x.go.id/topik-pilihan")


def test_the_same_copy_at_a_story_address_is_not_refused_for_its_address() -> None:
    text = _page("dateline_with_date")
    article = parse_text(text, url="https://x.go.id/2024/03/")  # one headline, one story
    assert article.place == "Sumberasri"
