"""The monthly report in a real headless Chromium: no console errors, both charts with the right
number of bars, an HTML-titled article shown as text, a full-page screenshot.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``: file
descriptors 3 and 4, NUL-separated JSON), so no network, port or websocket library is needed.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from tests.support.month_history import EVIL_TITLE, FB_TOKEN, WIB, Seeded, seed_month

from sosmed.report.build import ReportInput, build, read_report, render
from sosmed.store import Store

pytestmark = pytest.mark.timeout(120)


def chromium_path() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    reason = "Chromium is not installed (Debian: apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason + "; CI must install it")
    pytest.skip(reason)


class Browser:
    """One headless Chromium and one page, spoken to over the DevTools pipe."""

    def __init__(self, binary: str, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()

        def wire() -> None:  # in the child: the protocol's fds are 3 (in) and 4 (out)
            a = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
        args += ["--disable-background-networking", "--disable-component-update"]
        args += ["--disable-sync", "--remote-debugging-pipe", f"--user-data-dir={profile}"]
        self.log = profile / "chromium.log"
        with self.log.open("wb") as err:
            self.proc = subprocess.Popen(
                [*args, "about:blank"],
                preexec_fn=wire,
                close_fds=False,
                stdout=subprocess.DEVNULL,
                stderr=err,
            )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buf, self._next, self.events = b"", 0, []  # type: list[dict[str, Any]]
        try:
            self._attach()
        except (RuntimeError, TimeoutError) as e:
            self.close()
            tail = self.log.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"Chromium did not start: {e}\n{tail}") from e

    def _attach(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        attached = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable", session=True)

    def send(self, method: str, params: dict[str, Any] | None = None, session: bool = False) -> Any:
        self._next += 1
        msg: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = self.session
        os.write(self._to_child, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from_child], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._from_child, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return dict(json.loads(raw))

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=True)
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            self.events.append(self._read())

    def js(self, expression: str) -> Any:
        r = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, True)
        return r["result"].get("value")

    def console_errors(self) -> list[str]:
        """Uncaught exceptions, console.error/assert calls and error log entries (a CSP
        violation, a resource that failed to load) since the last ``open``."""
        found = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                found.append(f"{d.get('text')} {d.get('exception', {}).get('description')}")
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                found.append(json.dumps(p.get("args"))[:300])
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                found.append(p["entry"]["text"][:300])
        return found

    def screenshot(self, path: Path, width: int = 1280) -> None:
        height = int(self.send("Page.getLayoutMetrics", session=True)["cssContentSize"]["height"])
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session=True)
        shot = self.send("Page.captureScreenshot", {"format": "png"}, session=True)
        path.write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


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
