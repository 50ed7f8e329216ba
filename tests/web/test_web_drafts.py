"""The Draf page in a real uvicorn server on loopback, through a signed-in client: the count is
the platform's own, an approval needs the role and covers the words seen, an edit after it
needs a new one, a post sent back keeps the comment under the reviewer's name."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from tests.support.config import make_home
from tests.support.hostile_images import jpeg
from tests.support.webapp import Workspace, start_workspace

from sosmed.errors import SosmedError
from sosmed.office import uploads

pytestmark = pytest.mark.timeout(120)
BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with start_workspace(make_home(tmp_path / "home")) as w:
        yield w


def x_post(ws: Workspace, photo: bool = False) -> int:
    office = ws.office
    photos = [uploads.Upload("jembatan.jpg", jpeg((1200, 800)))] if photo else []
    added = uploads.add_article(
        office, url=None, text=BERITA.read_text("utf-8"), file=None, photos=photos, caption=None
    )
    posts = office.compose(added.article_id, ["humas_x", "humas_instagram"])
    return next(p.id or 0 for p in posts if p.account == "humas_x")


def seen(ws: Workspace, pid: int) -> dict[str, str]:
    post = ws.office.post(pid)
    return {"status": str(post.status), "fence": str(post.fence)}


def test_the_count_endpoint_counts_as_x_does(ws: Workspace) -> None:
    pid = x_post(ws)
    staf = ws.login("staf")
    page = staf.get(f"/draf/{pid}")
    assert page.status_code == 200 and 'class="pcard pcard-x"' in page.text
    assert 'data-count-url="/draf/' in page.text
    over = staf.fetch("POST", f"/draf/{pid}/hitung", json={"text": "a" * 270 + "漢" * 10})
    answer = over.json()
    assert (answer["length"], answer["limit"], answer["over"]) == (290, 280, True)
    assert answer["kept"] == "a" * 270 + "漢" * 5 and answer["cut"] == "漢" * 5
    fits = staf.fetch("POST", f"/draf/{pid}/hitung", json={"text": "https://x.co/" + "a" * 80})
    assert (fits.json()["length"], fits.json()["over"]) == (23, False)
    too_long = staf.fetch("POST", f"/draf/{pid}/hitung", json={"text": "a" * 100_001})
    assert too_long.status_code == 413 and "tidak dihitung" in too_long.json()["error"]
    # Without the page's token the endpoint is never reached.
    assert (
        staf.fetch("POST", f"/draf/{pid}/hitung", json={"text": "a"}, csrf=False).status_code == 403
    )


def test_only_an_approver_approves_and_an_edit_needs_a_new_approval(ws: Workspace) -> None:
    pid = x_post(ws)
    staf, boss = ws.login("staf"), ws.login("penyetuju")
    refused = staf.post(f"/draf/{pid}/setujui", data=seen(ws, pid))
    assert refused.status_code == 403
    assert ws.office.post(pid).status == "draft"
    assert "Setujui teks ini" not in staf.get(f"/draf/{pid}").text

    page = boss.get(f"/draf/{pid}")
    assert "Setujui teks ini" in page.text
    done = boss.post(f"/draf/{pid}/setujui", data=seen(ws, pid))
    assert done.status_code == 303
    post = ws.office.post(pid)
    assert (post.status, post.approved_by) == ("approved", "Penyetuju Uji")

    edited = staf.post(f"/draf/{pid}/ubah", data={**seen(ws, pid), "text": "Teks baru staf."})
    assert edited.status_code == 303
    post = ws.office.post(pid)
    assert (post.status, post.approved_by, post.text) == ("draft", None, "Teks baru staf.")
    assert "perlu disetujui lagi" in staf.get(f"/draf/{pid}").text
    # Not publishable until approved again: it cannot be put on the calendar.
    at = ws.office.now() + timedelta(hours=2)
    with pytest.raises(SosmedError):
        ws.office.schedule([pid], at, False, False, "uji", lambda _m: None)
    history = ws.office.history(pid)
    assert ("Penyetuju Uji", "approve") in [(who, act) for _w, who, _what, act in history]
    assert any(
        who == "Staf Uji" and act == "edit" and "→ draf" in what for _w, who, what, act in history
    )


def test_an_approval_of_words_that_changed_is_refused(ws: Workspace) -> None:
    pid = x_post(ws)
    boss, staf = ws.login("penyetuju"), ws.login("staf")
    shown = seen(ws, pid)  # the reviewer's page is open ...
    staf.post(f"/draf/{pid}/ubah", data={**seen(ws, pid), "text": "Kata lain."})
    answer = boss.post(f"/draf/{pid}/setujui", data=shown, allow_redirects=True)
    assert "berubah sejak dilihat" in answer.text
    assert ws.office.post(pid).status == "draft"


def test_sent_back_with_a_comment_under_the_reviewers_name(ws: Workspace) -> None:
    pid = x_post(ws)
    ws.office.approve(pid, "Penyetuju Uji")
    staf, boss = ws.login("staf"), ws.login("penyetuju")
    assert (
        staf.post(f"/draf/{pid}/kembalikan", data={**seen(ws, pid), "comment": "x"}).status_code
        == 403
    )
    back = boss.post(
        f"/draf/{pid}/kembalikan", data={**seen(ws, pid), "comment": "Sebut nama desanya"}
    )
    assert back.status_code == 303 and ws.office.post(pid).status == "draft"
    page = boss.get(f"/draf/{pid}").text
    assert "Sebut nama desanya" in page and "Penyetuju Uji" in page


def test_photos_alt_text_and_the_platform_cards(ws: Workspace, tmp_path: Path) -> None:
    pid = x_post(ws, photo=True)
    staf = ws.login("staf")
    listing = staf.get("/draf")
    assert listing.status_code == 200
    assert "pcard-instagram" in listing.text and "pcard-x" in listing.text
    assert "ig-square" in listing.text and "ig-portrait" in listing.text  # the crops
    img = staf.get(f"/draf/{pid}/foto/1")
    assert img.status_code == 200 and img.headers["content-type"] == "image/jpeg"
    assert staf.get(f"/draf/{pid}/foto/9").status_code == 404
    saved = staf.post(f"/draf/{pid}/alt/1", data={**seen(ws, pid), "alt": "Jembatan baru"})
    assert saved.status_code == 303
    assert ws.office.post(pid).photos[0]["alt"] == "Jembatan baru"
    (tmp_path / "draf.html").write_text(listing.text, encoding="utf-8")


def test_the_draf_page_speaks_english(ws: Workspace, english: None) -> None:
    pid = x_post(ws)
    page = ws.login("penyetuju").get(f"/draf/{pid}").text
    assert 'lang="en"' in page and "Edit the text" in page and "Approve this text" in page
    assert "weighted characters" in page and "Ubah teks" not in page
    answer = ws.login("staf").fetch("POST", f"/draf/{pid}/hitung", json={"text": "a" * 281})
    assert answer.json()["label"] == "281 / 280 weighted characters"


def test_the_list_goes_page_by_page_when_there_are_more_posts_than_one_page(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sosmed.web.pages import drafts

    x_post(ws)  # one article for X and Instagram: two posts waiting
    monkeypatch.setattr(drafts, "LIST_MAX", 1)
    staf = ws.login("staf")
    first = staf.get("/draf").text
    assert "Halaman 1 dari 2 (2 post)" in first and first.count('class="pcard ') == 1
    assert 'href="/draf?halaman=2"' in first and 'rel="prev"' not in first
    second = staf.get("/draf?halaman=2").text
    assert second.count('class="pcard ') == 1 and 'href="/draf?halaman=1"' in second
    assert 'rel="next"' not in second and first != second
    assert "Halaman 2 dari 2" in staf.get("/draf?halaman=99").text  # past the end: the last
    assert "Halaman 1 dari 2" in staf.get("/draf?halaman=abc").text
    approved = staf.get("/draf?status=draft").text  # a filter stays on the page's links
    assert 'href="/draf?status=draft&amp;halaman=2"' in approved
    one = staf.get("/draf?akun=humas_x").text
    assert one.count('class="pcard ') == 1 and "Halaman 1 dari" not in one
