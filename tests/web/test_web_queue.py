"""The Antrian page over real HTTP (uvicorn on loopback): posts in the right office day and slot
(WITA, WIT), moves, unschedule and retry as the person signed in, and the refusals (no one
signed in, no CSRF token, a post that changed, quiet hours)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from tests.support.config import write_config
from tests.support.posts import add_post
from tests.support.webapp import WebClient, Workspace, start_workspace

from sosmed.models import Article
from sosmed.settings import Settings

WITA = ZoneInfo("Asia/Makassar")
WIT = ZoneInfo("Asia/Jayapura")
SLOTS = {"times": ["08:00", "12:00", "19:00"], "quiet_hours": "21:00-06:00"}


def office_home(home: Path, tz: str) -> Settings:
    return write_config(
        home,
        {"timezone": tz, "accounts": [{"name": "x_humas", "platform": "x", "slots": SLOTS}]},
    )


@pytest.fixture
def wita(home: Path) -> Iterator[Workspace]:
    with start_workspace(office_home(home, "Asia/Makassar")) as ws:
        yield ws


def post_at(ws: Workspace, when: datetime | None, status: str = "scheduled", **kw: object) -> int:
    return add_post(ws.office.store, status=status, scheduled_at=when, approved_by="uji", **kw)


def place(html: str, pid: int) -> tuple[str, str, str]:
    """(row's time, day's header, the entry's words) of post ``pid`` in the week's table."""
    doc = lxml.html.fromstring(html)
    [li] = doc.xpath(f'//table[@class="calendar"]//li[@id="post-{pid}"]')
    td = li.getparent().getparent()
    tr = td.getparent()
    days = [th.text_content().strip() for th in doc.xpath('//table[@class="calendar"]//thead//th')]
    column = tr.xpath("td").index(td)
    return tr.xpath("th")[0].text_content().strip(), days[1 + column], li.text_content()


def seen_form(client: WebClient, pid: int, week: str = "") -> dict[str, str]:
    """The hidden fields of the post's page, as a browser sends them back (the CSRF token is
    the client's to add, or to leave out)."""
    page = client.get(f"/antrian/post/{pid}?minggu={week}")
    assert page.status_code == 200
    doc = lxml.html.fromstring(page.text)
    form = doc.xpath("//form[contains(@action, '/pindah') or contains(@action, '/ulangi')]")[0]
    hidden = form.xpath(".//input[@type='hidden']")
    return {i.get("name"): i.get("value") for i in hidden if i.get("name") != "csrf_token"}


def test_the_week_shows_posts_in_their_wita_day_and_slot(wita: Workspace) -> None:
    monday = datetime(2030, 1, 7, tzinfo=WITA)
    eight = post_at(wita, monday.replace(hour=8))
    late = post_at(wita, datetime(2030, 1, 13, 23, 30, tzinfo=WITA), "failed")
    gone = post_at(wita, datetime(2030, 1, 8, 19, 0, tzinfo=WITA), "published")
    with wita.office.store.session() as s:  # published: placed where it went out
        from sosmed.models import Post

        p = s.get(Post, gone)
        assert p is not None
        p.published_at = datetime(2030, 1, 8, 12, 0, tzinfo=WITA)
    draft = add_post(wita.office.store, status="draft")
    page = wita.login("staf").get("/antrian?minggu=2030-W02")
    assert page.status_code == 200
    assert place(page.text, eight)[:2] == ("08:00", "Senin, 7 Jan 2030")
    row, day, words = place(page.text, late)
    assert (row, day) == ("23:30di luar slot", "Minggu, 13 Jan 2030") and "Gagal" in words
    assert place(page.text, gone)[:2] == ("12:00", "Selasa, 8 Jan 2030")
    assert "WITA" in page.text and "3 post minggu ini" in page.text
    doc = lxml.html.fromstring(page.text)
    assert doc.xpath('//ul[@class="unplaced"]/li[contains(@class, "st-draft")]//a/@href') == [
        f"/antrian/post/{draft}?minggu=2030-W02"
    ]
    # Every state in the legend has a word beside its colour.
    legend = [li.text_content().strip() for li in doc.xpath('//ul[@class="legend"]/li')]
    assert "✕ Gagal" in legend and "● Terbit" in legend and len(legend) == 9
    nxt = wita.login("staf").get("/antrian?minggu=2030-W03")
    assert f'id="post-{eight}"' not in nxt.text


def test_the_same_instant_is_monday_in_a_wit_office(home: Path) -> None:
    instant = datetime(2030, 1, 13, 15, 30, tzinfo=UTC)  # Sunday 23:30 WITA, Monday 00:30 WIT
    with start_workspace(office_home(home, "Asia/Jayapura")) as ws:
        pid = post_at(ws, instant)
        staf = ws.login("staf")
        row, day, _words = place(staf.get("/antrian?minggu=2030-W03").text, pid)
        assert (row, day) == ("00:30di luar slot", "Senin, 14 Jan 2030")
        assert f'id="post-{pid}"' not in staf.get("/antrian?minggu=2030-W02").text
        detail = staf.get(f"/antrian/post/{pid}")
        assert "2030-01-14 00:30 WIT" in detail.text
        assert f'href="/log/post/{pid}"' in detail.text  # the post's story on the Log page
        assert staf.get(f"/log/post/{pid}").status_code == 200


def test_move_to_the_next_free_slot_in_the_person_s_name(wita: Workspace) -> None:
    pid = post_at(wita, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    staf = wita.login("staf")
    fields = seen_form(staf, pid, "2030-W02")
    moved = staf.post(f"/antrian/post/{pid}/pindah", data={**fields, "slot_berikutnya": "1"})
    assert moved.status_code == 303, moved.text
    post = wita.office.post(pid)
    local = post.scheduled_at.astimezone(WITA) if post.scheduled_at else None
    assert local is not None and f"{local:%H:%M}" in SLOTS["times"]
    assert local > datetime.now(UTC) and post.status == "scheduled"
    assert wita.office.history(pid)[-1][1] == "Staf Uji"
    week = f"{local.isocalendar()[0]}-W{local.isocalendar()[1]:02d}"
    assert moved.headers["location"] == f"/antrian?minggu={week}#post-{pid}"
    landing = staf.get(moved.headers["location"])
    assert f"Post {pid} dijadwalkan pada {local:%Y-%m-%d %H:%M} WITA." in landing.text
    assert place(landing.text, pid)[0] == f"{local:%H:%M}"
    assert "dijadwalkan pada" not in staf.get(moved.headers["location"]).text  # said once


def test_a_time_in_quiet_hours_is_refused_with_the_office_message_unless_forced(
    wita: Workspace,
) -> None:
    slot = datetime(2030, 1, 9, 19, 0, tzinfo=WITA)
    pid = post_at(wita, slot)
    staf = wita.login("staf")
    fields = seen_form(staf, pid)
    refused = staf.post(f"/antrian/post/{pid}/pindah", data={**fields, "at": "2030-01-09T22:00"})
    assert refused.status_code == 400
    assert "22:00 ada di jam tenang 21:00-06:00" in refused.text
    assert wita.office.post(pid).scheduled_at == slot
    forced = staf.post(
        f"/antrian/post/{pid}/pindah", data={**fields, "at": "2030-01-09T22:00", "paksa": "1"}
    )
    assert forced.status_code == 303
    assert wita.office.post(pid).scheduled_at == datetime(2030, 1, 9, 22, 0, tzinfo=WITA)


def test_unschedule_then_a_stale_form_is_refused(wita: Workspace) -> None:
    pid = post_at(wita, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    staf = wita.login("staf")
    fields = seen_form(staf, pid, "2030-W02")
    off = staf.post(f"/antrian/post/{pid}/keluarkan", data=fields)
    assert (
        off.status_code == 303 and off.headers["location"] == f"/antrian?minggu=2030-W02#post-{pid}"
    )
    post = wita.office.post(pid)
    assert post.status == "approved" and post.scheduled_at is None
    week = staf.get(off.headers["location"]).text
    assert f'id="post-{pid}"' not in week and f"/antrian/post/{pid}?" in week
    again = staf.post(f"/antrian/post/{pid}/pindah", data={**fields, "slot_berikutnya": "1"})
    assert again.status_code == 409 and "berubah sejak halaman dibuka" in again.text
    assert wita.office.post(pid).status == "approved"


def test_refused_without_a_person_or_without_the_csrf_token(wita: Workspace) -> None:
    pid = post_at(wita, datetime(2030, 1, 9, 19, 0, tzinfo=WITA))
    staf = wita.login("staf")
    fields = seen_form(staf, pid)
    nobody = wita.client()
    assert nobody.get("/antrian").status_code == 303  # to the login page
    answer = nobody.post(f"/antrian/post/{pid}/keluarkan", data=fields)
    assert answer.status_code == 401
    no_token = staf.post(f"/antrian/post/{pid}/keluarkan", data=fields, csrf=False)
    assert no_token.status_code == 403
    assert wita.office.post(pid).status == "scheduled"


def test_article_titles_and_words_are_shown_as_text(wita: Workspace) -> None:
    pid = post_at(wita, datetime(2030, 1, 9, 19, 0, tzinfo=WITA), text="<b>tebal</b> & <i>x")
    with wita.office.store.session() as s:
        article = s.get(Article, wita.office.post(pid).article_id)
        assert article is not None
        article.title = '<script>alert("judul")</script><img src=x onerror=alert(1)>'
    staf = wita.login("staf")
    for url in ("/antrian?minggu=2030-W02", f"/antrian/post/{pid}"):
        page = staf.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page and "<b>tebal" not in page
        assert "&lt;script&gt;alert(&#34;judul&#34;)&lt;/script&gt;" in page


def test_a_week_nobody_can_read_shows_this_week_and_why(wita: Workspace) -> None:
    page = wita.login("staf").get("/antrian?minggu=minggu-depan")
    assert page.status_code == 400 and "tulis seperti 2026-W50" in page.text
    today = datetime.now(WITA).date()
    assert f"{today.isocalendar()[0]}-W{today.isocalendar()[1]:02d}" in page.text


def test_retry_of_a_failed_post_only_for_failed_and_missed(wita: Workspace) -> None:
    past = datetime.combine(datetime.now(WITA).date(), time(0), tzinfo=WITA)
    pid = post_at(wita, past, "failed", last_error="Rejected: 403")
    staf = wita.login("staf")
    page = staf.get(f"/antrian/post/{pid}").text
    assert "/ulangi" in page and "/keluarkan" not in page and "Rejected: 403" in page
    answer = staf.post(f"/antrian/post/{pid}/ulangi", data=seen_form(staf, pid))
    assert answer.status_code == 303
    post = wita.office.post(pid)
    assert post.status == "scheduled" and post.scheduled_at is not None
    assert post.scheduled_at > past and wita.office.history(pid)[-1][1] == "Staf Uji"


def test_an_unknown_post_is_not_found(wita: Workspace) -> None:
    staf = wita.login("staf")
    assert staf.get("/antrian/post/999").status_code == 404
    answer = staf.post("/antrian/post/999/ulangi", data={"status": "failed", "fence": "0"})
    assert answer.status_code == 404 and "tidak ada post dengan id 999" in answer.text


def test_the_page_in_english(wita: Workspace, english: None) -> None:
    pid = post_at(wita, datetime(2030, 1, 9, 19, 0, tzinfo=WITA), "failed")
    page = wita.login("staf").get("/antrian?minggu=2030-W02").text
    assert place(page, pid)[1:] == ("Wed 9 Jan 2030", "✕ Failed x_humas Jembatan")
    assert "Next week" in page and "Colour key" in page


def test_a_token_in_a_title_or_an_error_is_masked(wita: Workspace) -> None:
    token = "EAABwzLixnjYBO" + "q" * 30  # the shape of a Facebook access token
    pid = post_at(
        wita,
        datetime(2030, 1, 9, 19, 0, tzinfo=WITA),
        "failed",
        last_error=f"AuthError: expired access_token={token}",
    )
    with wita.office.store.session() as s:
        article = s.get(Article, wita.office.post(pid).article_id)
        assert article is not None
        article.title = f"Jembatan access_token={token}"
    staf = wita.login("staf")
    week = staf.get("/antrian?minggu=2030-W02").text
    detail = staf.get(f"/antrian/post/{pid}").text
    assert f'id="post-{pid}"' in week
    assert token not in week and token not in detail
    assert "access_token=" in week and "AuthError: expired access_token=" in detail
