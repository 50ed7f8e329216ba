"""The Draf and Berita pages in a real headless Chromium: a staf member types past X's limit,
the server's count says so, and the page turns the count red and marks where X stops, with no
script or style refused by the page's security policy. Screenshots of each page are kept in
the test's tmp_path (draf.png, draf-post-merah.png, berita.png, berita-artikel.png)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.browser import Browser, chromium_path
from tests.support.config import make_home
from tests.support.hostile_images import jpeg
from tests.support.webapp import NAMES, PASSWORD, Workspace, start_workspace

from sosmed.office import uploads

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]
BERITA = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "berita.txt"
RED = "rgb(164, 22, 26)"


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    with start_workspace(make_home(tmp_path / "home")) as w:
        yield w


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    profile = tmp_path / "chromium-profile"
    profile.mkdir()
    b = Browser(chromium_path(), profile)
    yield b
    b.close()


def wait_until(check: object, seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_typing_past_x_limit_turns_the_count_red(
    ws: Workspace, browser: Browser, tmp_path: Path
) -> None:
    added = uploads.add_article(
        ws.office,
        url=None,
        text=BERITA.read_text("utf-8"),
        file=None,
        photos=[uploads.Upload("jembatan.jpg", jpeg((1200, 800)))],
        caption="Peresmian Jembatan Harapan",
    )
    posts = ws.office.compose(added.article_id, None)
    pid = next(p.id for p in posts if p.account == "humas_x")
    ws.add_person(NAMES["staf"], "staf")
    browser.open(ws.url + "/masuk?next=/draf")
    browser.fill("input[name=name]", NAMES["staf"])
    browser.fill("input[name=password]", PASSWORD)
    browser.click("form[action='/masuk'] button[type=submit]")  # to /draf, signed in
    assert browser.js("document.querySelectorAll('.pcard').length") == len(posts)
    broken = "[...document.images].filter(i => !i.naturalWidth).map(i => i.src)"
    assert browser.js(broken) == []
    assert browser.console_errors() == []
    browser.screenshot(tmp_path / "draf.png")

    browser.open(ws.url + f"/draf/{pid}")
    assert "over" not in browser.js("document.getElementById('post-count').className")
    text = "Jembatan Harapan diresmikan. " + "kata " * 60  # 29 + 300 = 329 weighted
    browser.fill("#post-text", text)
    assert wait_until(lambda: browser.text("#post-count").startswith("329 "))
    assert browser.text("#post-count") == "329 / 280 karakter berbobot"
    assert browser.js("document.getElementById('post-count').classList.contains('over')")
    color = "getComputedStyle(document.getElementById('post-count')).color"
    assert browser.js(color) == RED
    # The preview marks where X stops: what is kept measures 280 at most, the rest is marked.
    kept = browser.text(".preview .pcard-text .kept")
    cut = browser.text(".preview .pcard-text mark.cut")
    assert kept + cut == text and len(kept) <= 280 and kept.startswith("Jembatan")
    # The server said so first: the count endpoint's own answer for the same text.
    staf = ws.login("staf")
    answer = staf.fetch("POST", f"/draf/{pid}/hitung", json={"text": text}).json()
    assert (answer["over"], answer["length"], answer["kept"]) == (True, 329, kept)
    assert browser.console_errors() == []
    browser.screenshot(tmp_path / "draf-post-merah.png")

    # Back under the limit: the count is no longer red.
    browser.fill("#post-text", "Jembatan Harapan diresmikan.")
    assert wait_until(lambda: browser.text("#post-count").startswith("28 "))
    assert browser.js(color) != RED
    assert ws.office.post(pid).text != text  # nothing was saved by counting

    browser.open(ws.url + "/berita")
    assert browser.console_errors() == []
    browser.screenshot(tmp_path / "berita.png")
    browser.open(ws.url + f"/berita/{added.article_id}")
    assert browser.js("document.querySelector('.article-photos img').naturalWidth") > 0
    assert browser.console_errors() == []
    browser.screenshot(tmp_path / "berita-artikel.png")
