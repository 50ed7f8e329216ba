"""A real headless Chromium driven over the DevTools protocol on a pipe
(``--remote-debugging-pipe``: file descriptors 3 and 4, NUL-separated JSON), so no network,
port or websocket library is needed: open a page, fill and click, evaluate script, read the
console's errors, take a screenshot.

    browser = Browser(chromium_path(), profile_dir)
    browser.open("http://127.0.0.1:8766/masuk")
    browser.fill("input[name=name]", "Staf Uji")
    browser.click("form.edit button[type=submit]")  # waits for the page it leads to
    browser.js("document.title")
    browser.console_errors()                  # since the last page load
    browser.screenshot(tmp_path / "log.png")
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
from pathlib import Path
from typing import Any

import pytest


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

    navigate = open

    def wait_for_load(self, timeout: float = 30) -> None:
        """Until the page a click or a form led to has loaded."""
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == "Page.loadEventFired" for e in self.events):
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the page did not load in time")
            self.events.append(self._read(left))

    def _element(self, selector: str, action: str) -> Any:
        found = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            f" if (!e) return false; {action}; return true; }})()"
        )
        if not found:
            raise AssertionError(f"no element matches {selector!r}")

    def fill(self, selector: str, value: str) -> None:
        """Type ``value`` into the field (its value set, its input and change events sent)."""
        self._element(
            selector,
            f"e.focus(); e.value = {json.dumps(value)};"
            " e.dispatchEvent(new Event('input', {bubbles: true}));"
            " e.dispatchEvent(new Event('change', {bubbles: true}))",
        )

    def click(self, selector: str, navigates: bool = True) -> None:
        """Click the element; with ``navigates``, wait for the page it leads to (the console's
        errors then count from that page)."""
        if navigates:
            self.events.clear()
        self._element(selector, "e.click()")
        if navigates:
            self.wait_for_load()

    def text(self, selector: str) -> str:
        """The text of the first element that matches (as the reader sees it)."""
        value = self.js(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " return e ? e.textContent : null; })()"
        )
        if value is None:
            raise AssertionError(f"no element matches {selector!r}")
        return str(value)

    def evaluate(self, expression: str) -> Any:
        return self.js(expression)

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
