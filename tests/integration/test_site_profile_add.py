"""A site profile reaches the stored article: the office adds a file copied from the site's
address with the profile of that site, and a file from elsewhere without it."""

from __future__ import annotations

from pathlib import Path

from tests.support.config import write_config

from sosmed.office import Office

PAGE = Path(__file__).resolve().parent.parent / "fixtures" / "html" / "ci_portal.html"
PROFILE = {"host": "hstkab.go.id", "title": "^(?P<title>Wakil Bupati Tinjau .+?) Rakyat"}


def test_the_office_adds_with_the_profile_of_the_pages_site(home: Path) -> None:
    office = Office(write_config(home, {"sites": [PROFILE]}))
    elsewhere = Office(write_config(home.parent / "lain", {"sites": [PROFILE]}))
    try:
        ours = office.add_file(PAGE, "https://hstkab.go.id/berita/detail/1286/x", [], None)
        other = elsewhere.add_file(PAGE, "https://lain.go.id/berita/1", [], None)
        mine = office.article_view(ours.article_id)["title"]
        theirs = elsewhere.article_view(other.article_id)["title"]
    finally:
        office.close()
        elsewhere.close()
    assert mine == "Wakil Bupati Tinjau Pembangunan Pasar"
    assert theirs == "Wakil Bupati Tinjau Pembangunan Pasar Rakyat Barabai"
