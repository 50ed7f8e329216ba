"""Alert e-mail over real TLS: STARTTLS and implicit TLS against aiosmtpd holding a certificate
that a CA made for the test signed, trusted through ``smtp_ca_file``; a server that offers no
TLS is refused, never written to in plain text; a server that stalls holds a daemon's tick no
longer than ``timeout_seconds``."""

from __future__ import annotations

import logging
import shutil
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.support.config import write_config
from tests.support.posts import due_post
from tests.support.smtp import smtp_server, stalling_server
from tests.support.tls import Certificates, make_certificates
from tests.support.world import sandbox_world

from sosmed.daemon import Daemon
from sosmed.models import utcnow
from sosmed.office import Office
from sosmed.sandbox.core import parse_fault_spec
from sosmed.settings import write_secret

USER, PASSWORD = "humas@example.go.id", "sandi-TLS-rahasia-7781"


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    return make_certificates(tmp_path_factory.mktemp("tls"))


def office_for(home: Path, port: int, security: str, **more: Any) -> Office:
    alerts = {
        "email_to": ["kepala@example.go.id"],
        "email_from": "sosmed@example.go.id",
        "smtp_host": "127.0.0.1",
        "smtp_port": port,
        "smtp_security": security,
        "smtp_user": USER,
        "timeout_seconds": 5,
        **more,
    }
    office = Office(write_config(home, {"alerts": alerts}))
    write_secret(office.settings, "alerts", "smtp_password", PASSWORD)
    return Office(write_config(home, {"alerts": alerts}))


@pytest.fixture
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    caplog.set_level(logging.DEBUG)
    yield caplog
    assert PASSWORD not in caplog.text


@pytest.mark.parametrize("security", ["starttls", "ssl"])
def test_mail_goes_with_a_login_over_tls_to_a_server_the_office_ca_signed(
    home: Path,
    certs: Certificates,
    security: str,
    logs: pytest.LogCaptureFixture,
    capfd: pytest.CaptureFixture[str],
) -> None:
    context = certs.server_context()
    tls = {"starttls": context} if security == "starttls" else {"implicit_tls": context}
    shutil.copy(certs.ca_file, home / "kantor-ca.pem")  # relative to the home
    with smtp_server(login=(USER, PASSWORD), **tls) as (box, port):
        (untrusted,) = office_for(home, port, security).alerts.test()
        assert untrusted.error is not None
        assert untrusted.error.startswith("e-mail: sertifikat 127.0.0.1 tidak dipercaya")
        assert "smtp_ca_file" in untrusted.error and box.messages == []

        (sent,) = office_for(home, port, security, smtp_ca_file="kantor-ca.pem").alerts.test()
        assert sent.error is None
        (mail,) = box.messages
        assert box.tls == [True]
        assert mail["To"] == "kepala@example.go.id" and "pesan uji" in (mail["Subject"] or "")
    out, err = capfd.readouterr()
    assert PASSWORD not in out + err


def test_a_server_without_starttls_is_refused_not_written_to_in_plain_text(
    home: Path, logs: pytest.LogCaptureFixture
) -> None:
    with smtp_server() as (box, port):  # plain: it offers no STARTTLS
        office = office_for(home, port, "starttls")
        (refused,) = office.alerts.test()
        assert refused.error == (
            "e-mail: 127.0.0.1 tidak menawarkan STARTTLS; tidak dikirim tanpa enkripsi "
            '(periksa smtp_port, atau smtp_security = "ssl")'
        )
        (refused_ssl,) = office_for(home, port, "ssl").alerts.test()
        assert refused_ssl.error is not None
        assert refused_ssl.error.startswith("e-mail: sambungan TLS ke 127.0.0.1 gagal")
        assert box.messages == []
    assert PASSWORD not in refused.error + refused_ssl.error


def test_a_bad_ca_file_is_named(home: Path, certs: Certificates) -> None:
    (home / "rusak.pem").write_text("bukan sertifikat\n")
    with smtp_server(starttls=certs.server_context()) as (box, port):
        (failed,) = office_for(home, port, "starttls", smtp_ca_file="rusak.pem").alerts.test()
    assert failed.error == (
        f"e-mail: smtp_ca_file {home / 'rusak.pem'} tidak dapat dibaca sebagai sertifikat PEM"
    )
    assert box.messages == []


@pytest.mark.parametrize("drip", [None, 0.2], ids=["silent", "one-line-at-a-time"])
def test_a_stalling_mail_server_holds_a_tick_no_longer_than_the_timeout(
    home: Path, drip: float | None, logs: pytest.LogCaptureFixture
) -> None:
    timeout = 1.0
    with stalling_server(drip) as port:
        alerts = {
            "email_to": ["kepala@example.go.id"],
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_security": "starttls",
            "smtp_user": USER,
            "timeout_seconds": timeout,
        }
        with sandbox_world(home, {"alerts": alerts}) as (settings, store, sb):
            write_secret(settings, "alerts", "smtp_password", PASSWORD)
            sb.faults.rules = parse_fault_spec("x:auth")  # a failed post: an alert is due
            failed = due_post(store, "x_sandbox", "x", utcnow() - timedelta(minutes=1))
            daemon = Daemon(Office(settings, store))
            started = time.monotonic()
            daemon.run_once()
            took = time.monotonic() - started

            assert store.get_post(failed).status == "failed"
            (alert,) = store.recent_alerts(5)
            assert alert.last_error == "e-mail: waktu habis menunggu 127.0.0.1"
            assert timeout <= took < timeout + 2.0

            sb.faults.rules = parse_fault_spec("")
            later = due_post(store, "telegram_sandbox", "telegram", utcnow())
            daemon.run_once()  # the alert is tried again; publishing goes on
            assert store.get_post(later).status == "published"
    assert "waktu habis" in logs.text
