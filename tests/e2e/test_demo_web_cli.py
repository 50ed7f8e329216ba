"""`sosmed demo --web`: after the demo, the workspace on loopback with a link that signs the
demo person in once; the demo's posts are in its log."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
import requests
from tests.support.cli import SOSMED

pytestmark = [pytest.mark.timeout(240), pytest.mark.slow]


def test_demo_offers_the_workspace_signed_in(tmp_path: Path) -> None:
    home = tmp_path / "demo"
    env = {**os.environ, "SOSMED_HOME": str(tmp_path / "unused")}
    proc = subprocess.Popen(
        [SOSMED, "demo", "--dir", str(home), "--web"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        link = None
        deadline = time.monotonic() + 200
        while link is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            found = re.search(r"http://127\.0\.0\.1:\d+/masuk/sekali/\S+", line)
            link = found.group(0) if found else None
        assert link, proc.stderr.read() if proc.stderr else ""
        browser = requests.Session()
        first = browser.get(link, allow_redirects=False, timeout=10)
        assert first.status_code == 303 and first.headers["location"] == "/"
        base = link.split("/masuk/")[0]
        log = browser.get(base + "/log", timeout=10)
        assert log.status_code == 200 and "demo" in log.text and "published" in log.text
        again = requests.get(link, allow_redirects=False, timeout=10)  # the link is spent
        assert again.status_code == 303 and again.headers["location"] == "/masuk"
        assert requests.get(base + "/log", allow_redirects=False, timeout=10).status_code == 303
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
