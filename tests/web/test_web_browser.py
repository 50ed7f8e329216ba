"""The workspace in a real headless Chromium (tests/support/browser.py): a staf signs in with
the login form, reads the log and a post's story, the report and the status; an article title
made of HTML shows as text; no page has a console error; the session cookie is out of
scripts' reach. Screenshots of each page are saved in the test's tmp_path (login.png,
status.png, log.png, post.png, laporan.png, log-en.png: the log after the
language button)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from tests.support.browser import Browser, chromium_path
from tests.support.month_history import EVIL_TITLE, FB_TOKEN, Seeded
from tests.support.web_home import month_home
from tests.support.webapp import PASSWORD, Workspace, start_workspace

from sosmed.attempts import LogFilter

pytestmark = pytest.mark.timeout(180)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(chromium_path(), tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Workspace, Seeded]]:
    settings, seeded = month_home(tmp_path_factory.mktemp("web-browser") / "home")
    with start_workspace(settings) as ws:
        ws.add_person("Staf Uji", "staf")
        yield ws, seeded


@pytest.fixture(scope="module")
def signed_in(browser: Browser, month: tuple[Workspace, Seeded]) -> Browser:
    ws, _seeded = month
    browser.open(ws.url + "/log")  # sent to the login page, and back after it
    assert browser.js("location.pathname") == "/masuk"
    browser.fill("input[name=name]", "Staf Uji")
    browser.fill("input[name=password]", PASSWORD)
    browser.click("form[action='/masuk'] button[type=submit]")
    assert browser.js("location.pathname") == "/log"
    return browser


def painted(shot: Path) -> int:
    with Image.open(shot) as im:
        assert im.width == 1280
        return sum(im.convert("L").histogram()[:128])


def test_the_harness_sees_a_script_error_and_a_refused_inline_script(
    browser: Browser, tmp_path: Path
) -> None:
    # Proves that the "no console errors" below could fail.
    page = tmp_path / "broken.html"
    page.write_text("<p>x</p><script>console.error('boom'); notAFunction();</script>")
    browser.open(page.as_uri())
    assert any("notAFunction" in e for e in browser.console_errors())


def test_login_page(browser: Browser, month: tuple[Workspace, Seeded], tmp_path: Path) -> None:
    ws, _seeded = month
    browser.open(ws.url + "/masuk")
    assert browser.console_errors() == []
    assert browser.js("document.querySelector('input[name=csrf_token]').value.length") > 20
    browser.screenshot(tmp_path / "login.png")
    assert painted(tmp_path / "login.png") > 500


def test_a_staf_reads_the_log(
    signed_in: Browser, month: tuple[Workspace, Seeded], tmp_path: Path
) -> None:
    ws, _seeded = month
    browser = signed_in
    browser.open(ws.url + "/log?baris=1000")
    assert browser.console_errors() == []
    rows = browser.js("document.querySelectorAll('table.log tbody tr').length")
    assert rows == len(ws.office.log_newest(LogFilter(), 1000))
    assert "Staf Uji" in browser.text("header.top .who")
    assert FB_TOKEN not in browser.js("document.body.innerText")
    assert browser.js("document.cookie") == ""  # the session cookie is HttpOnly
    browser.screenshot(tmp_path / "log.png")
    assert painted(tmp_path / "log.png") > 20_000


def test_the_log_filter_form_filters(signed_in: Browser, month: tuple[Workspace, Seeded]) -> None:
    ws, _seeded = month
    browser = signed_in
    browser.open(ws.url + "/log")
    browser.js("document.querySelector('select[name=hasil]').value = 'failed'")
    browser.js("document.querySelector('select[name=baris]').value = '1000'")
    browser.click("form.filters button[type=submit]")
    assert "hasil=failed" in browser.js("location.search")
    outcomes = browser.js(
        "[...document.querySelectorAll('table.log tbody tr td:nth-child(5)')]"
        ".map(td => td.textContent)"
    )
    assert outcomes and set(outcomes) == {"gagal"}  # the outcome in the reader's words
    assert browser.console_errors() == []


def test_an_html_title_shows_as_text(
    signed_in: Browser, month: tuple[Workspace, Seeded], tmp_path: Path
) -> None:
    ws, _seeded = month
    browser = signed_in
    evil = next(
        p.id
        for p in ws.office.posts()
        if ws.office.store.get_article(p.article_id).title == EVIL_TITLE
    )
    browser.open(f"{ws.url}/log/post/{evil}")
    assert browser.console_errors() == []
    assert browser.text(".article-title").startswith(EVIL_TITLE)
    assert browser.js("document.querySelectorAll('.article-title *:not(a)').length") == 0
    assert browser.js("document.scripts.length") == 1  # the page's own script only
    assert "Riwayat" in browser.js("document.body.innerText")
    browser.screenshot(tmp_path / "post.png")
    assert painted(tmp_path / "post.png") > 5_000


def test_the_report_and_the_status_pages(
    signed_in: Browser, month: tuple[Workspace, Seeded], tmp_path: Path
) -> None:
    ws, _seeded = month
    browser = signed_in
    browser.open(ws.url + "/laporan?bulan=2026-11")
    assert browser.console_errors() == []
    assert browser.js("document.querySelector('iframe.report').getAttribute('sandbox')") == ""
    browser.screenshot(tmp_path / "laporan.png")
    assert painted(tmp_path / "laporan.png") > 5_000
    browser.open(ws.url + "/status")
    assert browser.console_errors() == []
    assert "humas-fb" in browser.js("document.body.innerText")
    browser.screenshot(tmp_path / "status.png")
    assert painted(tmp_path / "status.png") > 5_000


def test_the_language_button_switches_the_pages_and_back(
    signed_in: Browser, month: tuple[Workspace, Seeded], tmp_path: Path
) -> None:
    ws, _seeded = month
    browser = signed_in
    browser.open(ws.url + "/log?hasil=failed")
    assert browser.js("document.documentElement.lang") == "id"
    browser.click("form.lang button[type=submit]")
    assert browser.js("location.pathname + location.search") == "/log?hasil=failed"
    assert browser.js("document.documentElement.lang") == "en"
    outcomes = browser.js(
        "[...document.querySelectorAll('table.log tbody tr td:nth-child(5)')]"
        ".map(td => td.textContent)"
    )
    assert outcomes and set(outcomes) == {"failed"}
    assert browser.console_errors() == []
    browser.screenshot(tmp_path / "log-en.png")
    assert painted(tmp_path / "log-en.png") > 5_000
    browser.click("form.lang button[type=submit]")
    assert browser.js("document.documentElement.lang") == "id"
    assert "Keluar" in browser.text("header.top .who")


def test_signing_out_with_the_button(signed_in: Browser, month: tuple[Workspace, Seeded]) -> None:
    ws, _seeded = month
    browser = signed_in
    browser.open(ws.url + "/status")
    browser.click("form.who button[type=submit]")
    assert browser.js("location.pathname") == "/masuk"
    browser.open(ws.url + "/log")
    assert browser.js("location.pathname") == "/masuk"
