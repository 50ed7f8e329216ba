"""The monthly report in a real headless Chromium: no console errors, both charts with the right
number of bars, an HTML-titled article shown as text, a full-page screenshot.

Chromium is driven over the DevTools protocol on a pipe (tests/support/browser.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.support.browser import Browser, chromium_path
from tests.support.month_history import EVIL_TITLE, FB_TOKEN, WIB, Seeded, seed_month

from sosmed.report.build import ReportInput, build, read_report, render
from sosmed.store import Store

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    b = Browser(chromium_path(), tmp_path_factory.mktemp("chromium-profile"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Seeded]:
    root = tmp_path_factory.mktemp("report")
    store = Store.open_url(f"sqlite:///{root / 'sosmed.db'}")
    seeded = seed_month(store, root / "media")
    inp = read_report(store, ReportInput(seeded.start, seeded.end, WIB), [root])
    store.close()
    page = root / "laporan-2026-11.html"
    page.write_text(render(build(inp)), encoding="utf-8")
    return page, seeded


def test_the_harness_catches_a_script_error(browser: Browser, tmp_path: Path) -> None:
    # Proves that "no console errors" below could fail: a page with a broken script.
    page = tmp_path / "broken.html"
    page.write_text("<p>x</p><script>console.error('boom'); notAFunction();</script>")
    browser.open(page.as_uri())
    errors = browser.console_errors()
    assert any("boom" in e for e in errors)
    assert any("notAFunction" in e for e in errors)


def test_report_opens_without_console_errors(browser: Browser, month: tuple[Path, Seeded]) -> None:
    page, _ = month
    browser.open(page.as_uri())
    assert browser.console_errors() == []
    assert browser.js("document.scripts.length") == 0
    assert browser.js("document.title").startswith("Laporan media sosial")


def test_charts_have_one_bar_per_figure(browser: Browser, month: tuple[Path, Seeded]) -> None:
    page, seeded = month
    browser.open(page.as_uri())
    daily = browser.js(
        "[...document.querySelectorAll('svg[data-chart=daily] rect[data-bar]')]"
        ".map(r => r.dataset.bar)"
    )
    expected = sorted(f"{p} {d.isoformat()}" for p, d in seeded.daily_bars)
    assert sorted(daily) == expected
    outcomes = browser.js(
        "[...document.querySelectorAll('svg[data-chart=outcomes] rect[data-bar]')]"
        ".map(r => r.dataset.bar)"
    )
    assert sorted(outcomes) == sorted(g for g, n in seeded.groups.items() if n)
    # Each bar is drawn (has a size on screen), not only present in the markup.
    sizes = browser.js(
        "[...document.querySelectorAll('rect[data-bar]')]"
        ".map(r => r.getBoundingClientRect().width > 0)"
    )
    assert sizes and all(sizes)


def test_html_in_a_title_shows_as_text(browser: Browser, month: tuple[Path, Seeded]) -> None:
    page, _ = month
    browser.open(page.as_uri())
    titles = browser.js(
        "[...document.querySelectorAll('[data-article-title]')].map(h => h.textContent)"
    )
    assert EVIL_TITLE in titles
    assert browser.js("document.querySelectorAll('[data-article-title] b').length") == 0
    text = browser.js("document.body.innerText")
    assert FB_TOKEN not in text
    assert "renew" not in text and "perbarui token Facebook Page" in text


def test_screenshot_of_the_whole_report(
    browser: Browser, month: tuple[Path, Seeded], tmp_path: Path
) -> None:
    page, _ = month
    browser.open(page.as_uri())
    shot = tmp_path / "laporan.png"
    browser.screenshot(shot)
    with Image.open(shot) as im:
        assert im.width == 1280 and im.height > 2000
        dark = sum(im.convert("L").histogram()[:100])
    assert dark > 50_000  # text and bars were painted, not a blank page


def test_an_empty_month_is_short_and_clear(browser: Browser, tmp_path: Path) -> None:
    store = Store.open_url(f"sqlite:///{tmp_path / 'empty.db'}")
    seeded = Seeded(*_month_bounds())
    inp = read_report(store, ReportInput(seeded.start, seeded.end, WIB, lang="en"), [tmp_path])
    store.close()
    page = tmp_path / "empty.html"
    page.write_text(render(build(inp)), encoding="utf-8")
    browser.open(page.as_uri())
    assert browser.console_errors() == []
    assert "No posts in this period." in browser.js("document.body.innerText")
    assert browser.js("document.querySelectorAll('svg[data-chart]').length") == 0
    assert browser.js("document.body.scrollHeight") < 600


def _month_bounds() -> tuple[Any, Any]:
    from sosmed.log.periods import month_bounds

    return month_bounds(2026, 2, WIB)
