"""The Log, Laporan and Status pages over real HTTP on a month of history: filters, the CSV
export, one post's story, the report, what needs a person; an article title made of HTML
shows as text, and no secret of the home appears in any page."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from tests.support.month_history import EVIL_TITLE, FB_TOKEN, Seeded
from tests.support.web_home import month_home, secret_values
from tests.support.webapp import WebClient, Workspace, start_workspace

from sosmed.attempts import LogFilter
from sosmed.web.pages.status import problem_post

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Seeded]]:
    settings, seeded = month_home(tmp_path_factory.mktemp("web") / "home")
    with start_workspace(settings) as ws:
        yield ws, seeded


@pytest.fixture(scope="module")
def staf(month: tuple[Workspace, Seeded]) -> WebClient:
    return month[0].login("staf")


def rows_of(html: str) -> int:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return body.count("<tr>")


def test_the_log_shows_the_newest_attempts(
    staf: WebClient, month: tuple[Workspace, Seeded]
) -> None:
    _ws, seeded = month
    page = staf.get("/log?baris=1000")
    assert page.status_code == 200
    assert rows_of(page.text) == seeded.attempts
    assert "2026-11-" in page.text and "WIB" in page.text
    assert FB_TOKEN not in page.text and "access_token=" in page.text  # masked, not dropped


def test_the_log_s_filters(staf: WebClient, month: tuple[Workspace, Seeded]) -> None:
    ws, _seeded = month
    x_only = staf.get("/log?akun=HUMAS-X&baris=1000")
    expected = len(ws.office.log_newest(LogFilter(account="humas-x"), 1000))
    assert rows_of(x_only.text) == expected > 0
    assert "humas-fb" not in x_only.text.split("<tbody>", 1)[1]
    failed = staf.get("/log?hasil=failed&baris=1000")
    assert rows_of(failed.text) == len(ws.office.log_newest(LogFilter(outcome="failed"), 1000))
    one_day = staf.get("/log?dari=2026-11-02&sampai=2026-11-02&baris=1000")
    assert 0 < rows_of(one_day.text) < rows_of(staf.get("/log?baris=1000").text)
    assert "2026-11-03" not in one_day.text.split("<tbody>", 1)[1]
    nothing = staf.get("/log?dari=2030-01-01")
    assert nothing.status_code == 200 and "tidak ada percobaan yang cocok" in nothing.text


def test_a_filter_that_cannot_be_used_says_why(staf: WebClient) -> None:
    bad = staf.get("/log?hasil=meledak")
    assert bad.status_code == 400 and "pilih salah satu dari" in bad.text
    unknown = staf.get("/log?akun=tidak-ada")
    assert unknown.status_code == 400 and "humas-x" in unknown.text
    date = staf.get("/log?dari=2026-13-45")
    assert date.status_code == 400 and "bukan tanggal" in date.text


def test_the_csv_export_holds_every_matching_attempt(
    staf: WebClient, month: tuple[Workspace, Seeded]
) -> None:
    _ws, seeded = month
    answer = staf.get("/log.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.content.decode("utf-8"))))
    assert len(rows) == seeded.attempts
    assert rows[0]["started_at_utc"] <= rows[-1]["started_at_utc"]  # oldest first, as `log --csv`
    assert FB_TOKEN not in answer.text
    x_rows = list(csv.DictReader(io.StringIO(staf.get("/log.csv?akun=humas-x").text)))
    assert x_rows and {r["account"] for r in x_rows} == {"humas-x"}


def test_a_post_s_story_names_who_did_what(
    staf: WebClient, month: tuple[Workspace, Seeded]
) -> None:
    ws, _seeded = month
    rows = ws.office.log_newest(LogFilter(outcome="failed"), 1)
    story = staf.get(f"/log/post/{rows[0].post_id}")
    assert story.status_code == 200
    assert "Riwayat" in story.text and "percobaan kirim" in story.text
    assert FB_TOKEN not in story.text
    assert staf.get("/log/post/999999").status_code == 404


def test_an_html_title_is_text_in_every_page(
    staf: WebClient, month: tuple[Workspace, Seeded]
) -> None:
    ws, _seeded = month
    evil = next(
        p.id
        for p in ws.office.posts()
        if ws.office.store.get_article(p.article_id).title == EVIL_TITLE
    )
    story = staf.get(f"/log/post/{evil}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;Judul&lt;/b&gt;" in story.text
    assert "<script>alert" not in story.text


def test_the_report_is_today_s_html(staf: WebClient) -> None:
    page = staf.get("/laporan?bulan=2026-11")
    assert page.status_code == 200 and "<iframe" in page.text
    body = staf.get("/laporan/isi?bulan=2026-11&bahasa=en")
    assert body.status_code == 200
    assert "frame-ancestors 'self'" in body.headers["content-security-policy"]
    assert "script-src" not in body.headers["content-security-policy"]
    assert "<svg" in body.text and FB_TOKEN not in body.text
    assert "<script>alert" not in body.text
    download = staf.get("/laporan/isi?bulan=2026-11&unduh=1")
    assert 'filename="laporan-2026-11.html"' in download.headers["content-disposition"]
    bad = staf.get("/laporan?bulan=2026-13")
    assert bad.status_code == 400 and "2026-11" in bad.text


def test_status_says_what_needs_a_person(staf: WebClient) -> None:
    page = staf.get("/status")
    assert page.status_code == 200
    assert "Perlu orang sekarang" in page.text
    problems = page.text.split('<ul class="problems">', 1)[1].split("</ul>", 1)[0]
    assert problems.count("<li>") >= 3 and "gagal" in problems
    assert "humas-fb" in page.text and "facebook" in page.text
    assert "belum pernah" in page.text  # no daemon has run
    # Each line about one post links to that post's page, beside its command.
    lines = lxml.html.fromstring(problems.join(["<ul>", "</ul>"])).xpath("//li")
    linked = [li for li in lines if re.match(r"post \d+ ", li.text_content())]
    assert linked
    for li in linked:
        pid = li.text_content().split()[1]
        [a] = li.xpath("a[@class='post-link']")
        assert a.get("href") == f"/antrian/post/{pid}" and "sosmed" in li.text_content()
        assert staf.get(a.get("href")).status_code == 200
    assert all(not li.xpath("a") for li in lines if li not in linked)


def test_a_status_line_names_its_post() -> None:
    assert problem_post("post 12 terlewat waktunya — kirim ulang: sosmed retry 12") == 12
    assert problem_post("Post 7 missed its time") == 7
    assert problem_post("post yang jatuh tempo sejak 2026-12-07 08:00 WITA masih menunggu") is None
    assert problem_post("dan 3 post failed lagi (sosmed posts --status failed)") is None
    assert problem_post("akun humas-fb: post 3 ditolak") is None


def test_no_page_shows_a_secret_of_the_home(
    month: tuple[Workspace, Seeded], tmp_path: Path
) -> None:
    ws, _seeded = month
    admin = ws.login("admin")
    pages = ["/status", "/log?baris=1000", "/log.csv", "/laporan?bulan=2026-11"]
    pages += ["/laporan/isi?bulan=2026-11", "/masuk"]
    pages += [f"/log/post/{r.post_id}" for r in ws.office.log_newest(LogFilter(), 40)]
    secrets = [*secret_values(), FB_TOKEN, "kunci-uji-"]
    for path in pages:
        text = admin.get(path).text
        for secret in secrets:
            assert secret not in text, (path, secret[:8])
        assert "CNRY" not in text, path


def test_every_form_that_posts_carries_the_csrf_field(month: tuple[Workspace, Seeded]) -> None:
    import re

    from starlette.routing import Route

    from sosmed.web.app import create_app

    ws, _seeded = month
    admin = ws.login("admin")
    app = create_app(ws.settings, secret_key="x" * 40)
    paths = [
        r.path
        for r in app.routes
        if isinstance(r, Route) and "GET" in (r.methods or ()) and "{" not in r.path
    ]
    pages = [p for p in paths if p not in ("/", "/log.csv", "/laporan/isi")]
    pages.append(f"/log/post/{ws.office.log_newest(LogFilter(), 1)[0].post_id}")
    forms_seen = 0
    for path in pages:
        html = admin.get(path).text
        for form in re.findall(r"<form\b.*?</form>", html, flags=re.S):
            if 'method="post"' in form:
                forms_seen += 1
                assert f'name="csrf_token" value="{admin.token}"' in form, (path, form[:200])
    assert forms_seen >= 5  # sign-out on every page, the people page's forms
