"""The Berita page in a real uvicorn server on loopback: an article added by pasted text and
by upload, a photo that is no image refused whole, a title with markup shown as text, fields
corrected and drafts composed again under the person's name."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.config import make_home
from tests.support.hostile_images import jpeg
from tests.support.web import WebServer
from tests.support.webapp import Workspace, start_workspace

from sosmed.office import uploads

pytestmark = pytest.mark.timeout(120)
BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"
SCRIPT = "<script>alert('judul')</script>"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with start_workspace(make_home(tmp_path / "home")) as w:
        yield w


def added_id(answer: object) -> int:
    location = answer.headers["location"]  # type: ignore[attr-defined]
    assert location.startswith("/berita/")
    return int(location.rsplit("/", 1)[1])


def test_add_by_pasted_text_shows_fields_and_checks(ws: Workspace) -> None:
    staf = ws.login("staf")
    answer = staf.post("/berita", data={"text": BERITA.read_text("utf-8")}, files={"x": ("", b"")})
    assert answer.status_code == 303
    aid = added_id(answer)
    page = staf.get(f"/berita/{aid}")
    assert page.status_code == 200
    assert "Bupati Resmikan Jembatan Penghubung Dua Desa" in page.text
    assert "Rina Wulandari" in page.text and "dari kepala halaman" in page.text
    assert staf.get("/berita").text.count(f'href="/berita/{aid}"') == 1


def test_add_by_upload_with_a_photo(ws: Workspace) -> None:
    staf = ws.login("staf")
    answer = staf.post(
        "/berita",
        data={"caption": "Peresmian jembatan"},
        files=[
            ("file", ("berita.txt", BERITA.read_bytes(), "text/plain")),
            ("photos", ("jembatan.jpg", jpeg((1000, 800)), "image/jpeg")),
        ],
    )
    assert answer.status_code == 303
    aid = added_id(answer)
    photos = ws.office.desk.photos(aid)
    assert [p.caption for p in photos] == ["Peresmian jembatan"]
    assert Path(photos[0].path or "").parent == ws.settings.media_dir / uploads.UPLOADS
    img = staf.get(f"/berita/{aid}/foto/1")
    assert img.status_code == 200 and img.content == Path(photos[0].path or "").read_bytes()


def test_a_large_file_that_is_no_image_is_refused_with_nothing_written(ws: Workspace) -> None:
    staf = ws.login("staf")
    big = b"%PDF-1.7\n" + bytes(10 * 1024 * 1024)
    answer = staf.post(
        "/berita",
        data={"text": BERITA.read_text("utf-8")},
        files=[("photos", ("laporan.pdf", big, "application/pdf"))],
    )
    assert answer.status_code == 400
    assert answer.text.count('role="alert"') == 1 and "laporan.pdf" in answer.text
    assert ws.office.articles(10) == []
    assert not (ws.settings.media_dir / uploads.UPLOADS).exists()


def test_a_title_with_markup_shows_as_text(ws: Workspace, tmp_path: Path) -> None:
    staf = ws.login("staf")
    aid = added_id(staf.post("/berita", data={"text": BERITA.read_text("utf-8")}))
    page = staf.get(f"/berita/{aid}").text
    fields = {"title": SCRIPT, "place": "Sukamaju"}
    answer = staf.post(f"/berita/{aid}/koreksi", data={**fields, "body": ""})
    assert answer.status_code == 303
    assert ws.office.desk.article(aid).title == SCRIPT
    for path in (f"/berita/{aid}", "/berita"):
        html = staf.get(path).text
        assert SCRIPT not in html
        assert "&lt;script&gt;alert(&#39;judul&#39;)&lt;/script&gt;" in html
    assert [e.actor for e in ws.office.desk.edits(aid)] == ["Staf Uji"]
    (tmp_path / "berita.html").write_text(page, encoding="utf-8")


def test_composing_again_says_which_posts_were_kept(ws: Workspace) -> None:
    staf = ws.login("staf")
    aid = added_id(staf.post("/berita", data={"text": BERITA.read_text("utf-8")}))
    posts = ws.office.compose(aid, ["humas_x", "humas_mastodon"])
    kept = next(p.id for p in posts if p.account == "humas_mastodon")
    ws.office.approve(kept or 0, "Penyetuju Uji")
    answer = staf.post(f"/berita/{aid}/susun", allow_redirects=True)
    assert answer.status_code == 200
    assert f"post {kept} (humas_mastodon): dibiarkan, karena sudah disetujui" in answer.text
    assert "(humas_x): disusun ulang" in answer.text
    redone = next(p.id or 0 for p in posts if p.account == "humas_x")
    last = ws.office.history(redone)[-1]
    assert (last[1], last[3]) == ("Staf Uji", "recompose") and "draf" in last[2]


def test_fields_read_from_the_story_are_marked_to_check(ws: Workspace) -> None:
    staf = ws.login("staf")
    page_text = (BERITA.parent / "pages" / "keterangan_di_bawah_judul.txt").read_text("utf-8")
    aid = added_id(staf.post("/berita", data={"text": page_text}))
    html = staf.get(f"/berita/{aid}").text
    expected = ws.office.article_view(aid)["check"]
    assert expected and all(line in html for line in expected)  # as `sosmed add` says it
    assert html.count('<td class="check">periksa</td>') == 2  # the date and the caption
    assert "Harapan Baru untuk Pelayanan Informasi Publik" in html


def test_a_photo_given_to_an_article_and_one_refused(ws: Workspace) -> None:
    staf = ws.login("staf")
    aid = added_id(staf.post("/berita", data={"text": BERITA.read_text("utf-8")}))
    ws.office.compose(aid, ["humas_x"])
    before = ws.office.desk.photos(aid)  # the text's caption, without a picture
    refused = staf.post(
        f"/berita/{aid}/foto", files={"photo": ("bukan.jpg", b"<html>bukan foto</html>")}
    )
    assert refused.status_code == 400 and "bukan.jpg" in refused.text
    assert ws.office.desk.photos(aid) == before
    given = staf.post(
        f"/berita/{aid}/foto",
        data={"caption": "Jembatan", "alt": "Jembatan beton di atas sungai"},
        files={"photo": ("jembatan.jpg", jpeg((900, 600)))},
    )
    assert given.status_code == 303
    pictures = [p for p in ws.office.desk.photos(aid) if p.path]
    assert [p.alt for p in pictures] == ["Jembatan beton di atas sungai"]
    x = ws.office.posts(article=aid)[0]
    assert x.photos and "1 draf disusun ulang" in staf.get(f"/berita/{aid}").text


def test_add_by_address(tmp_path: Path, web: WebServer) -> None:
    url = web.page("/berita/jembatan-harapan", (BERITA.parent / "berita.html").read_text("utf-8"))
    with start_workspace(make_home(tmp_path / "home", allow_private_hosts=True)) as ws:
        staf = ws.login("staf")
        answer = staf.post("/berita", data={"url": url})
        assert answer.status_code == 303
        article = ws.office.desk.article(added_id(answer))
        assert article.source == "url" and article.title
        assert web.hits == ["/berita/jembatan-harapan"]


def test_a_long_pasted_text_is_read_and_an_endless_one_refused_as_too_long(
    ws: Workspace,
) -> None:
    from sosmed.web.forms import FIELD_LIMIT

    staf = ws.login("staf")
    story = BERITA.read_text("utf-8")
    paragraph = story.split("\n\n")[-1]
    long_text = story + ("\n\n" + paragraph) * (2_000_000 // len(paragraph))
    assert len(long_text.encode()) > 1024 * 1024  # over the form reader's own default
    answer = staf.post("/berita", data={"text": long_text}, files={"x": ("", b"")})
    assert answer.status_code == 303, answer.text[:300]
    endless = staf.post("/berita", data={"text": "a" * (FIELD_LIMIT + 1)}, files={"x": ("", b"")})
    assert endless.status_code == 413 and "terlalu panjang" in endless.text
    assert "kedaluwarsa" not in endless.text
    assert len(ws.office.articles(10)) == 1
