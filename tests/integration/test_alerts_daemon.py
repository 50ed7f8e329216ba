"""Alerts as staff meet them: a daemon tick whose post fails tells the staff's Telegram group
(the sandbox's) and their e-mail (a local SMTP server) once, in Indonesian, with the post and
the command; `sosmed watchdog` tells them once that the daemon is dead."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest
from tests.support.cli import run_cli
from tests.support.net import closed_port_url
from tests.support.posts import add_post, due_post
from tests.support.smtp import Mailbox, smtp_server
from tests.support.world import sandbox_world

from sosmed.daemon import Daemon
from sosmed.models import utcnow
from sosmed.office import Office
from sosmed.sandbox.core import Sandbox, parse_fault_spec
from sosmed.sandbox.telegram import DEMO_CHAT, DEMO_TOKEN
from sosmed.settings import Settings, write_secret
from sosmed.store import Store

World = tuple[Settings, Store, Sandbox, Mailbox]


@pytest.fixture
def world(home: Path) -> Iterator[World]:
    with smtp_server() as (box, port):
        alerts: dict[str, Any] = {
            "telegram_chat": DEMO_CHAT,
            "email_to": ["humas@example.go.id"],
            "email_from": "sosmed@example.go.id",
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_security": "none",
            "timeout_seconds": 5,
        }
        with sandbox_world(home, {"alerts": alerts}) as (settings, store, sb):
            alerts["telegram_api_base"] = sb.base_url
            settings = _with_alerts(home, alerts)
            write_secret(settings, "alerts", "telegram_bot_token", DEMO_TOKEN)
            yield settings, store, sb, box


def _with_alerts(home: Path, alerts: dict[str, Any]) -> Settings:
    import tomllib

    import tomli_w

    path = home / "sosmed.toml"
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    config["alerts"] = alerts
    path.write_bytes(tomli_w.dumps(config).encode())
    return Settings.load(home)


def told(sb: Sandbox) -> list[str]:
    """What the staff group's chat received (the sandbox's Telegram ledger)."""
    return [e["text"] for e in sb.ledger.snapshot() if e["account"] == DEMO_CHAT]


def test_a_failed_post_is_told_once_on_telegram_and_by_email(world: World) -> None:
    settings, store, sb, box = world
    sb.faults.rules = parse_fault_spec("x:auth")
    post_id = due_post(store, "x_sandbox", "x", utcnow() - timedelta(minutes=1))
    daemon = Daemon(Office(settings, store))

    daemon.run_once()

    assert store.get_post(post_id).status == "failed"
    (message,) = told(sb)
    assert f"post {post_id} gagal" in message
    assert f"sosmed retry {post_id} --by NAMA" in message
    assert "x_sandbox" in message
    assert DEMO_TOKEN not in message
    (mail,) = box.bodies()
    assert f"sosmed retry {post_id} --by NAMA" in mail
    assert box.messages[0]["To"] == "humas@example.go.id"

    restarted = Daemon(Office(Settings.load(settings.home), store))
    restarted.run_once()  # the same failure, a tick later, by a restarted daemon: not again

    assert len(told(sb)) == 1
    assert len(box.messages) == 1
    rows = store.recent_alerts(10)
    assert rows and all(r.sent_at is not None and r.last_error is None for r in rows)


def test_watchdog_tells_once_that_the_daemon_is_dead(world: World) -> None:
    settings, store, sb, box = world
    store.beat("old-daemon", utcnow() - timedelta(minutes=30), 1, "host")

    first = run_cli(settings.home, "watchdog", "--stale-minutes", "5")
    second = run_cli(settings.home, "watchdog", "--stale-minutes", "5")

    assert first.returncode == 1, first.stderr
    assert second.returncode == 1
    (message,) = told(sb)
    assert "daemon mati" in message
    assert len(box.messages) == 1
    store.beat("old-daemon", utcnow(), 1, "host")
    alive = run_cli(settings.home, "watchdog", "--stale-minutes", "5")
    assert (alive.returncode, alive.stdout, alive.stderr) == (0, "", "")


def test_alerts_test_says_per_channel_whether_it_went(world: World) -> None:
    settings, _store, sb, box = world
    sb.stop()  # Telegram unreachable; e-mail works

    r = run_cli(settings.home, "alerts", "test")

    assert r.returncode == 1
    assert "baik email" in r.stdout
    assert "gagal telegram" in r.stderr
    assert DEMO_TOKEN not in r.stdout + r.stderr
    assert len(box.messages) == 1


def test_quiet_hours_hold_an_alert_and_a_failed_send_is_tried_again(
    world: World, home: Path
) -> None:
    settings, store, sb, box = world
    alerts = settings.config.alerts.model_dump(exclude_none=True)
    good_base = alerts["telegram_api_base"]
    alerts.update(quiet_hours="22:00-06:00", email_to=[], telegram_api_base=closed_port_url())
    settings = _with_alerts(home, alerts)
    post_id = add_post(store, "x_sandbox", "x", status="missed")
    night = datetime(2026, 12, 7, 16, 0, tzinfo=UTC)  # 23:00 WIB
    clock = [night]
    office = Office(settings, store, clock=lambda: clock[0])

    assert office.alerts.after_tick() == []  # held until 06:00
    clock[0] = night + timedelta(hours=7, minutes=5)  # 06:05 WIB: Telegram unreachable
    (failed,) = office.alerts.after_tick()
    assert failed.error is not None and "telegram" in failed.error
    listed = run_cli(home, "alerts")
    assert "gagal" in listed.stdout and f"post {post_id} terlewat" in listed.stdout

    office.use_settings(_with_alerts(home, {**alerts, "telegram_api_base": good_base}))
    clock[0] += timedelta(seconds=15)
    (sent,) = office.alerts.after_tick()
    assert sent.error is None
    (message,) = told(sb)
    assert f"sosmed retry {post_id} --by NAMA" in message
    clock[0] += timedelta(hours=1)
    assert office.alerts.after_tick() == []  # told; again only tomorrow
    clock[0] += timedelta(days=1)
    assert [s.events for s in office.alerts.after_tick()] == [1]
    assert box.messages == []


def test_no_secret_goes_out_in_an_alert(world: World, home: Path) -> None:
    settings, store, sb, box = world
    password = f"pw-{uuid4().hex}"
    write_secret(settings, "alerts", "smtp_password", password)
    account_token = DEMO_TOKEN.replace("AAH", "BBH")
    error = f"AuthError: token {account_token} ditolak; smtp {password}"
    store.save_account_check("x_sandbox", utcnow(), None, None, error)
    office = Office(Settings.load(home), store)

    sent = office.alerts.after_tick()

    assert [s.error for s in sent] == [None, None]
    (message,) = told(sb)
    (mail,) = box.bodies()
    for text in (message, mail, *(r.text for r in store.recent_alerts(5))):
        assert "x_sandbox: token ditolak" in text
        assert password not in text and account_token not in text
