"""A whole day of the workspace in a real headless Chromium, against the sandbox and a real
`sosmed daemon --once`: a staf pastes an article on Berita and composes its drafts there, types
past X's limit on Draf and sees the count turn red, then fixes it; the approve button is not
offered to a staf and the server refuses the approval anyway; a penyetuju signs in, approves
two posts and moves them to now on Antrian; the staf edits one of them afterwards (it returns
to draft); the daemon publishes the other only, which Antrian and Log then show as Terbit; a
form sent without its CSRF token is refused; no page visited has a console error.

Screenshots in the test's tmp_path, one per step: 01-masuk-staf.png, 02-berita-ditambah.png,
03-draf-disusun.png, 04-draf-x-merah.png, 05-draf-x-diperbaiki.png, 06-staf-tanpa-setujui.png,
07-penyetuju-setujui.png, 08-antrian-dipindah.png, 09-staf-ubah-setelah-setuju.png,
10-tanpa-csrf.png, 11-antrian-terbit.png, 12-log-terbit.png."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path

import pytest
from tests.support.browser import Browser, chromium_path
from tests.support.daemon import daemon_once
from tests.support.sandbox_process import SandboxProcess
from tests.support.webapp import NAMES, PASSWORD, Workspace, start_workspace

from sosmed.settings import Settings

pytestmark = [pytest.mark.timeout(300), pytest.mark.slow]
BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"
RED = "rgb(164, 22, 26)"
COUNT_COLOUR = "getComputedStyle(document.getElementById('post-count')).color"


def wait_until(check: object, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


class Day:
    """The browser and the workspace of one day; every page checked for console errors and
    screenshot as it is left."""

    def __init__(self, browser: Browser, ws: Workspace, shots: Path) -> None:
        self.browser, self.ws, self.shots = browser, ws, shots
        self.taken: list[str] = []

    def clean(self, name: str) -> None:
        assert self.browser.console_errors() == [], name
        icons = "[...document.querySelectorAll('link[rel~=icon]')].map(l => l.href)"
        assert self.browser.js(icons) == [self.ws.url + "/static/favicon.svg"], name
        self.browser.screenshot(self.shots / name)
        self.taken.append(name)

    def path(self) -> str:
        return str(self.browser.js("location.pathname"))

    def sign_in(self, role: str, to: str) -> None:
        self.browser.open(f"{self.ws.url}/masuk?next={to}")
        assert self.browser.console_errors() == []
        self.browser.fill("input[name=name]", NAMES[role])
        self.browser.fill("input[name=password]", PASSWORD)
        self.browser.click("form[action='/masuk'] button[type=submit]")
        assert self.path() == to
        assert NAMES[role] in self.browser.text("header.top .who")

    def sign_out(self) -> None:
        self.browser.click("form.who button[type=submit]")
        assert self.path() == "/masuk"

    def move_to_now(self, pid: int) -> None:
        """Antrian: the post moved to the current minute (forced past quiet hours), so the
        daemon's next cycle finds it due."""
        b = self.browser
        b.open(f"{self.ws.url}/antrian/post/{pid}")
        assert b.console_errors() == []
        now = datetime.now(self.ws.office.settings.tz).strftime("%Y-%m-%dT%H:%M")
        b.fill("input[type=datetime-local][name=at]", now)
        b.js("document.querySelector('input[name=paksa]').checked = true")
        b.click("form:has(input[name=paksa]) button[type=submit]")
        assert b.js("location.pathname") == "/antrian", b.js("document.body.innerText")
        assert f"Post {pid} dijadwalkan pada" in b.text("p.flash")


def test_a_day_in_the_workspace(home: Path, tmp_path: Path) -> None:
    sandbox = SandboxProcess(home)
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    browser = Browser(chromium_path(), profile)
    try:
        with start_workspace(Settings.load(home)) as ws:
            for role in ("staf", "penyetuju"):
                ws.add_person(NAMES[role], role)
            day = Day(browser, ws, tmp_path)
            _staf_adds_composes_and_counts(day)
            out, edited = _penyetuju_approves_and_schedules(day)
            _staf_edits_after_approval(day, edited)
            _a_form_without_its_token_is_refused(day, edited)

            ran = daemon_once(home)
            assert ran.returncode == 0, ran.stderr[-2000:]
            published = ws.office.post(out)
            assert published.status == "published" and published.remote_url
            assert ws.office.post(edited).status == "draft"  # edited after approval: held
            sent = sandbox.ledger()
            assert [e["remote_id"] for e in sent] == [published.remote_id]

            b = day.browser
            b.open(f"{ws.url}/antrian")
            assert "Terbit" in b.text(f"#post-{out} .st")
            assert "st-published" in b.js(f"document.getElementById('post-{out}').className")
            assert b.js(f"document.getElementById('post-{edited}')") is None
            day.clean("11-antrian-terbit.png")
            b.open(f"{ws.url}/log")
            rows = b.js(
                "[...document.querySelectorAll('table.log tbody tr')].map(r => r.innerText)"
            )
            assert any(str(out) in r and "terbit" in r.lower() for r in rows), rows
            assert not any(str(edited) in r.split("\t")[:3] for r in rows), rows
            day.clean("12-log-terbit.png")
            b.open(f"{ws.url}/log/post/{out}")
            assert published.remote_url in b.js("document.body.innerText")
            assert b.console_errors() == []
            assert len(day.taken) == 12
            icon = _get_in_page(b, "/static/favicon.svg")
            assert icon["status"] == 200 and icon["type"] == "image/svg+xml", icon
    finally:
        browser.close()
        sandbox.stop()


def _staf_adds_composes_and_counts(day: Day) -> None:
    b, ws = day.browser, day.ws
    day.sign_in("staf", "/berita")
    day.clean("01-masuk-staf.png")
    b.fill("#add-text textarea[name=text]", BERITA.read_text("utf-8"))
    b.click("#add-text button[type=submit]")
    assert b.js("location.pathname").startswith("/berita/")
    article_id = int(b.js("location.pathname").rsplit("/", 1)[1])
    assert f"berita {article_id} ditambahkan" in b.text("p.flash")
    day.clean("02-berita-ditambah.png")

    b.click("#recompose")  # the article page composes the drafts
    posts = ws.office.posts(article=article_id)
    assert {p.account for p in posts} >= {"x_sandbox", "mastodon_sandbox", "telegram_sandbox"}
    assert {p.status for p in posts} == {"draft"}
    cards = b.js("document.querySelectorAll('.pcard').length")
    assert cards == len(posts)
    day.clean("03-draf-disusun.png")

    x = next(p.id for p in posts if p.account == "x_sandbox")
    b.open(f"{ws.url}/draf/{x}")
    text = "Jembatan Harapan diresmikan. " + "kata " * 60  # 329 weighted
    b.fill("#post-text", text)
    assert wait_until(lambda: b.text("#post-count").startswith("329 "))
    assert b.js("document.getElementById('post-count').classList.contains('over')")
    assert b.js(COUNT_COLOUR) == RED
    day.clean("04-draf-x-merah.png")
    fixed = "Jembatan Harapan diresmikan hari ini."
    b.fill("#post-text", fixed)
    assert wait_until(lambda: b.text("#post-count").startswith(f"{len(fixed)} "))
    assert b.js(COUNT_COLOUR) != RED
    b.click("form.edit button[type=submit]")
    assert ws.office.post(x).text.startswith(fixed)
    assert b.js("document.getElementById('post-count').classList.contains('over')") is False
    day.clean("05-draf-x-diperbaiki.png")

    # A staf is offered no approve button, and the server refuses the approval all the same.
    m = next(p.id for p in posts if p.account == "mastodon_sandbox")
    b.open(f"{ws.url}/draf/{m}")
    assert b.js("document.getElementById('approve')") is None
    day.clean("06-staf-tanpa-setujui.png")
    answer = _send_in_page(b, f"/draf/{m}/setujui", token=True)
    assert answer["status"] == 403, answer
    assert "Peran Anda tidak boleh melakukan ini." in str(answer["text"])
    assert ws.office.post(m).status == "draft"
    assert [e for e in b.console_errors() if "403" not in e] == []  # the refusal only
    day.sign_out()


def _send_in_page(b: Browser, url: str, token: bool) -> dict[str, object]:
    """A form post sent by the page itself (with or without the page's CSRF token): the
    status and the words of the answer."""
    script = f"""
    (async () => {{
      const form = new URLSearchParams();
      const seen = document.querySelector('input[name=fence]');
      if (seen) {{
        form.set('fence', seen.value);
        form.set('status', document.querySelector('input[name=status]').value);
      }}
      if ({json.dumps(token)}) form.set('csrf_token',
        document.querySelector('meta[name=csrf-token]').content);
      const r = await fetch({json.dumps(url)}, {{method: 'POST', body: form,
        redirect: 'manual'}});
      return {{status: r.status, text: await r.text()}};
    }})()"""
    r = b.send(
        "Runtime.evaluate",
        {"expression": script, "returnByValue": True, "awaitPromise": True},
        session=True,
    )
    return dict(r["result"]["value"])


def _get_in_page(b: Browser, url: str) -> dict[str, object]:
    script = f"""
    (async () => {{
      const r = await fetch({json.dumps(url)});
      return {{status: r.status, type: r.headers.get('content-type').split(';')[0]}};
    }})()"""
    r = b.send(
        "Runtime.evaluate",
        {"expression": script, "returnByValue": True, "awaitPromise": True},
        session=True,
    )
    return dict(r["result"]["value"])


def _penyetuju_approves_and_schedules(day: Day) -> tuple[int, int]:
    b, ws = day.browser, day.ws
    posts = ws.office.posts()
    out = next(p.id for p in posts if p.account == "mastodon_sandbox")
    edited = next(p.id for p in posts if p.account == "telegram_sandbox")
    day.sign_in("penyetuju", f"/draf/{out}")
    for pid in (out, edited):
        b.open(f"{ws.url}/draf/{pid}")
        b.click("#approve")
        post = ws.office.post(pid)
        assert post.status in ("approved", "scheduled") and post.approved_by == NAMES["penyetuju"]
        assert b.console_errors() == []
    day.clean("07-penyetuju-setujui.png")
    for pid in (out, edited):
        day.move_to_now(pid)
        assert ws.office.post(pid).status == "scheduled"
    day.clean("08-antrian-dipindah.png")
    day.sign_out()
    return out, edited


def _staf_edits_after_approval(day: Day, pid: int) -> None:
    b, ws = day.browser, day.ws
    day.sign_in("staf", f"/draf/{pid}")
    assert "kembali menjadi draf" in b.text("section.work p.warn")
    b.fill("#post-text", "Jembatan Harapan diresmikan; teks diubah staf sesudah disetujui.")
    b.click("form.edit button[type=submit]")
    post = ws.office.post(pid)
    assert post.status == "draft" and post.approved_by is None
    assert "diubah staf" in post.text
    day.clean("09-staf-ubah-setelah-setuju.png")


def _a_form_without_its_token_is_refused(day: Day, pid: int) -> None:
    b, ws = day.browser, day.ws
    b.open(f"{ws.url}/draf/{pid}")
    before = ws.office.post(pid)
    b.js("document.querySelector('form.edit input[name=csrf_token]').remove()")
    b.fill("#post-text", "Teks tanpa token.")
    b.events.clear()
    b.js("document.querySelector('form.edit').submit()")
    b.wait_for_load()
    assert ws.office.post(pid).text == before.text  # nothing saved
    assert b.js("location.pathname") == f"/draf/{pid}/ubah"
    assert "Formulir ini kedaluwarsa" in b.js("document.body.innerText")
    b.screenshot(day.shots / "10-tanpa-csrf.png")
    day.taken.append("10-tanpa-csrf.png")
    answer = _send_in_page(b, f"/draf/{pid}/ubah", token=False)
    assert answer["status"] == 403
