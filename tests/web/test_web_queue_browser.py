"""The Antrian page in a real headless Chromium (tests/support/browser.py): a staf signs in,
reads the week (each state's colour from the stylesheet, beside its word), a title made of HTML
stays text, no console error; moves a post to the next free slot and retries a failed one by
clicking. Screenshots in the test's tmp_path: ``antrian.png`` (the calendar) and
``antrian_post.png`` (a post's page with its moves)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image
from tests.support.browser import Browser, chromium_path
from tests.support.config import write_config
from tests.support.posts import add_post
from tests.support.webapp import PASSWORD, start_workspace

from sosmed.models import Article
from sosmed.schedule.week import monday_of

pytestmark = pytest.mark.timeout(180)
WITA = ZoneInfo("Asia/Makassar")
EVIL = '<img src=x onerror="window.pwned=1">Bupati & "warga"'


def test_a_staf_reads_and_moves_posts_in_the_browser(home: Path, tmp_path: Path) -> None:
    settings = write_config(
        home,
        {
            "timezone": "Asia/Makassar",
            "accounts": [
                {"name": "x_humas", "platform": "x"},
                {"name": "fb_humas", "platform": "facebook"},
            ],
        },
    )
    monday = datetime.combine(monday_of(datetime.now(WITA).date()), datetime.min.time(), WITA)
    with start_workspace(settings) as ws:
        store = ws.office.store

        def post(account: str, status: str, day: int, hour: int, **kw: object) -> int:
            when = monday + timedelta(days=day, hours=hour)
            return add_post(store, account, status=status, scheduled_at=when, **kw)

        moving = post("x_humas", "scheduled", 0, 8, approved_by="Sari")
        failed = post("fb_humas", "failed", 1, 12, last_error="Rejected: 403")
        post("x_humas", "published", 2, 16, published_at=monday + timedelta(days=2, hours=16))
        post("fb_humas", "missed", 3, 19)
        post("x_humas", "needs_review", 4, 12)
        for day in range(7):
            post("fb_humas", "scheduled", day, 16, approved_by="Sari")
        with store.session() as s:
            article = s.get(Article, ws.office.post(moving).article_id)
            assert article is not None
            article.title = EVIL
        ws.add_person("Staf Uji", "staf")

        profile = tmp_path / "profile"
        profile.mkdir()
        browser = Browser(chromium_path(), profile)
        try:
            browser.open(ws.url + "/antrian")
            assert browser.js("location.pathname") == "/masuk"
            browser.fill("input[name=name]", "Staf Uji")
            browser.fill("input[name=password]", PASSWORD)
            browser.click("form[action='/masuk'] button[type=submit]")
            assert browser.js("location.pathname") == "/antrian"
            assert browser.console_errors() == []
            assert browser.js("window.pwned") is None
            assert browser.text(f"#post-{moving} .ttl") == EVIL
            assert browser.text(f"#post-{failed} .st") == "Gagal"

            def border(selector: str) -> str:
                return str(
                    browser.js(
                        f"getComputedStyle(document.querySelector('{selector}')).borderLeftColor"
                    )
                )

            colours = {border(f"#post-{moving}"), border(f"#post-{failed}")}
            assert len(colours) == 2 and "rgb(179, 38, 30)" in colours  # failed: red
            shot = tmp_path / "antrian.png"
            browser.screenshot(shot)
            with Image.open(shot) as im:
                assert im.width == 1280 and im.height > 400
                assert sum(im.convert("L").histogram()[:128]) > 1000

            browser.click(f"#post-{moving} a")
            assert browser.js("location.pathname") == f"/antrian/post/{moving}"
            assert browser.console_errors() == []
            browser.screenshot(tmp_path / "antrian_post.png")
            browser.click("input[name=slot_berikutnya] ~ button")
            assert browser.js("location.pathname") == "/antrian"
            assert f"Post {moving} dijadwalkan pada" in browser.text("p.flash")
            moved = ws.office.post(moving)
            assert moved.scheduled_at is not None and moved.scheduled_at > monday
            assert ws.office.history(moving)[-1][1] == "Staf Uji"

            browser.open(ws.url + f"/antrian/post/{failed}")
            browser.click("form[action$='/ulangi'] button")
            assert ws.office.post(failed).status == "scheduled"
            assert browser.console_errors() == []
        finally:
            browser.close()
