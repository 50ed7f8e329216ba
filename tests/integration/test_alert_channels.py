"""Each alert channel against a real server: e-mail with a login (aiosmtpd on loopback), and
what a channel that cannot send says (one line, in Indonesian, no secret)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tests.support.config import write_config
from tests.support.net import closed_port_url
from tests.support.smtp import smtp_server

from sosmed.office import Office
from sosmed.settings import write_secret

USER, PASSWORD = "humas@example.go.id", "sandi-rahasia-123"


def _office(home: Path, alerts: dict[str, Any]) -> Office:
    return Office(write_config(home, {"alerts": alerts}))


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
def test_email_logs_in_with_the_password_secret(home: Path) -> None:
    with smtp_server(login=(USER, PASSWORD)) as (box, port):
        alerts = {
            "email_to": ["kepala@example.go.id", "staf@example.go.id"],
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_security": "none",
            "smtp_user": USER,
            "timeout_seconds": 5,
        }
        office = _office(home, alerts)
        (missing,) = office.alerts.test()
        assert missing.error is not None
        assert "sosmed alerts set-secret smtp_password" in missing.error

        write_secret(office.settings, "alerts", "smtp_password", "salah-sandi-999")
        (refused,) = _office(home, alerts).alerts.test()
        assert refused.error == f"e-mail: login {USER} ditolak oleh 127.0.0.1"

        write_secret(office.settings, "alerts", "smtp_password", PASSWORD)
        (ok,) = _office(home, alerts).alerts.test()
        assert ok.error is None
        (mail,) = box.messages
        assert mail["To"] == "kepala@example.go.id, staf@example.go.id"
        assert mail["From"] == USER
        assert "pesan uji" in (mail["Subject"] or "")


def test_a_channel_that_cannot_send_says_why_in_one_line(home: Path) -> None:
    office = _office(
        home,
        {
            "telegram_chat": "-1001",
            "telegram_api_base": closed_port_url(),
            "email_to": ["a@example.go.id"],
            "smtp_host": "127.0.0.1",
            "smtp_port": int(closed_port_url().rsplit(":", 1)[1]),
            "smtp_security": "none",
            "timeout_seconds": 2,
        },
    )
    (no_token, no_smtp) = office.alerts.test()
    assert no_token.error is not None and "token bot belum ada" in no_token.error
    assert no_smtp.error is not None and no_smtp.error.startswith("e-mail: tidak tersambung")
    token = "7000000001:AAHabcdefghijklmnopqrstuvwxyz0123456"
    write_secret(office.settings, "alerts", "telegram_bot_token", token)
    again = _office(home, office.settings.config.alerts.model_dump(exclude_none=True))
    (unreachable, _) = again.alerts.test()
    assert unreachable.error is not None
    assert unreachable.error.startswith("telegram: tidak tersambung ke http://127.0.0.1:")
    for error in (no_token.error, no_smtp.error, unreachable.error):
        assert "\n" not in error and "Error" not in error and token not in error
