"""A failed post retried from the Antrian page goes out with the next `sosmed daemon --once`
against the sandbox (real processes), and the page then shows it published."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import lxml.html
import pytest
from tests.support.daemon import daemon_once
from tests.support.posts import add_post
from tests.support.sandbox_process import SandboxProcess
from tests.support.webapp import start_workspace

from sosmed.settings import Settings

pytestmark = [pytest.mark.timeout(180), pytest.mark.slow]


def test_retry_on_the_page_then_the_daemon_publishes_it(home: Path) -> None:
    sandbox = SandboxProcess(home)
    try:
        settings = Settings.load(home)
        with start_workspace(settings) as ws:
            failed_at = datetime.now(UTC) - timedelta(hours=2)
            pid = add_post(
                ws.office.store,
                "mastodon_sandbox",
                "mastodon",
                status="failed",
                scheduled_at=failed_at,
                approved_by="Sari",
                last_error="Transient: 503",
            )
            staf = ws.login("staf")
            page = staf.get(f"/antrian/post/{pid}")
            doc = lxml.html.fromstring(page.text)
            [form] = doc.xpath("//form[contains(@action, '/ulangi')]")
            fields = {i.get("name"): i.get("value") for i in form.xpath(".//input")}
            del fields["csrf_token"]
            assert staf.post(f"/antrian/post/{pid}/ulangi", data=fields).status_code == 303
            assert ws.office.post(pid).status == "scheduled"

            ran = daemon_once(home)
            assert ran.returncode == 0, ran.stderr[-2000:]
            post = ws.office.post(pid)
            assert post.status == "published" and post.remote_url
            sent = [e for e in sandbox.ledger() if e["remote_id"] == post.remote_id]
            assert len(sent) == 1 and sent[0]["text"].strip() == post.text.strip()
            week = lxml.html.fromstring(staf.get("/antrian").text)
            [li] = week.xpath(f'//li[@id="post-{pid}"]')
            assert "st-published" in li.get("class") and "Terbit" in li.text_content()
            detail = staf.get(f"/antrian/post/{pid}").text
            assert post.remote_url in detail and "/ulangi" not in detail
    finally:
        sandbox.stop()
