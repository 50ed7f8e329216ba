"""Sending one alert text: Telegram's Bot API (sendMessage) and e-mail (smtplib).

Every send is bounded by ``timeout_seconds``; every failure is an ``AlertFailed`` whose text
has passed the redactor (a bot token sits in the Bot API's URL path).
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import requests

from sosmed.alerts.config import SECRET_FIELDS, SECRETS, Alerts
from sosmed.alerts.decide import subject
from sosmed.errors import AlertFailed, SosmedError
from sosmed.i18n import _
from sosmed.libwords import os_reason
from sosmed.redact import redact
from sosmed.settings import Settings

TELEGRAM_MAX = 4000  # under the Bot API's 4096 characters


def remember_secrets(settings: Settings) -> None:
    """Read the alert secrets, so that the redactor masks them in every text from now on
    (an account's error may quote one before any send has read it)."""
    for field in SECRET_FIELDS:
        with contextlib.suppress(SosmedError):  # an unreadable secrets file: the send says so
            settings.secret(SECRETS, field, required=False)


def send(channel: str, text: str, settings: Settings) -> None:
    """Send ``text`` on ``channel`` ("telegram" or "email"); AlertFailed if it did not go."""
    cfg = settings.config.alerts
    try:
        # Read (and so remembered by the redactor) before the text is cleaned.
        if channel == "telegram":
            token = settings.secret(SECRETS, "telegram_bot_token", required=False)
            if not token:
                raise AlertFailed(
                    _(
                        "telegram: token bot belum ada; isi SOSMED_ALERTS_TELEGRAM_BOT_TOKEN atau "
                        "jalankan: sosmed alerts set-secret telegram_bot_token"
                    )
                )
            send_telegram(cfg, token, redact(text))
        else:
            password = settings.secret(SECRETS, "smtp_password", required=False)
            if cfg.smtp_user and not password:
                raise AlertFailed(
                    _(
                        "e-mail: kata sandi SMTP belum ada; isi SOSMED_ALERTS_SMTP_PASSWORD atau "
                        "jalankan: sosmed alerts set-secret smtp_password"
                    )
                )
            send_email(cfg, password, redact(text), settings.home)
    except AlertFailed as e:
        raise AlertFailed(redact(str(e))) from None
    except Exception as e:  # the edge: whatever went wrong, one redacted line
        first = (str(e).strip().splitlines() or ["?"])[0]
        raise AlertFailed(
            redact(_("{channel}: gagal ({error})").format(channel=channel, error=first))
        ) from None


def send_telegram(cfg: Alerts, token: str, text: str) -> None:
    if len(text) > TELEGRAM_MAX:
        text = text[: TELEGRAM_MAX - 1] + "…"
    url = f"{cfg.telegram_api_base}/bot{token}/sendMessage"
    try:
        r = requests.post(
            url,
            data={"chat_id": cfg.telegram_chat, "text": text, "disable_web_page_preview": "true"},
            timeout=cfg.timeout_seconds,
        )
    except requests.RequestException as e:
        why = _("waktu habis") if isinstance(e, requests.Timeout) else _("tidak tersambung")
        raise AlertFailed(
            _("telegram: {why} ke {url}").format(why=why, url=cfg.telegram_api_base)
        ) from None
    try:
        body = r.json()
    except ValueError:
        body = {}
    if r.status_code != 200 or not body.get("ok"):
        why = body.get("description") or f"HTTP {r.status_code}"
        raise AlertFailed(redact(_("telegram: ditolak ({why})").format(why=why)))


def send_email(cfg: Alerts, password: str | None, text: str, home: Path | None = None) -> None:
    host = cfg.smtp_host or "localhost"
    msg = EmailMessage()
    msg["Subject"] = subject(text)
    msg["From"] = cfg.email_from or cfg.smtp_user or f"sosmed@{host}"
    msg["To"] = ", ".join(cfg.email_to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain="sosmed")
    msg.set_content(text)
    timeout = cfg.timeout_seconds
    try:
        smtp: smtplib.SMTP
        if cfg.smtp_security == "ssl":
            smtp = smtplib.SMTP_SSL(timeout=timeout, context=tls_context(cfg, home))
        else:
            smtp = smtplib.SMTP(timeout=timeout)
        port = cfg.smtp_port or (465 if cfg.smtp_security == "ssl" else 587)
        # Made without a host, so that connecting and the greeting run under the cut-off below;
        # the name the certificate must carry is set as SMTP(host) would set it.
        smtp._host = host  # type: ignore[attr-defined]
        with _cut_off_after(smtp, timeout):
            code, greeting = smtp.connect(host, port)
            if code != 220:
                smtp.close()
                raise smtplib.SMTPConnectError(code, greeting)
            with smtp:
                _converse(smtp, cfg, host, password, msg, home)
    except smtplib.SMTPAuthenticationError:
        raise AlertFailed(
            _("e-mail: login {user} ditolak oleh {host}").format(user=cfg.smtp_user, host=host)
        ) from None
    except smtplib.SMTPResponseException as e:
        said = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else ""
        raise AlertFailed(
            _("e-mail: ditolak oleh {host} ({said})").format(
                host=host, said=f"{e.smtp_code} {said}"
            )
        ) from None
    except smtplib.SMTPRecipientsRefused:
        raise AlertFailed(_("e-mail: penerima ditolak oleh {host}").format(host=host)) from None
    except ssl.SSLCertVerificationError as e:
        raise AlertFailed(
            _(
                "e-mail: sertifikat {host} tidak dipercaya ({why}); bila server memakai CA "
                "sendiri, isi smtp_ca_file"
            ).format(host=host, why=e.verify_message or e.reason)
        ) from None
    except ssl.SSLError as e:
        raise AlertFailed(
            _(
                "e-mail: sambungan TLS ke {host} gagal ({why}); periksa smtp_port dan smtp_security"
            ).format(host=host, why=e.reason or e)
        ) from None
    except smtplib.SMTPException as e:
        raise AlertFailed(
            _("e-mail: gagal dikirim lewat {host} ({error})").format(host=host, error=e)
        ) from None
    except TimeoutError:
        raise AlertFailed(_("e-mail: waktu habis menunggu {host}").format(host=host)) from None
    except OSError as e:
        why = os_reason(e)
        raise AlertFailed(
            _("e-mail: tidak tersambung ke {host} ({why})").format(host=host, why=why)
        ) from None


def _converse(
    smtp: smtplib.SMTP,
    cfg: Alerts,
    host: str,
    password: str | None,
    msg: EmailMessage,
    home: Path | None,
) -> None:
    if cfg.smtp_security == "starttls":
        smtp.ehlo()
        if not smtp.has_extn("starttls"):
            # Never a silent fall back to plain text: the password would travel bare.
            raise AlertFailed(
                _(
                    "e-mail: {host} tidak menawarkan STARTTLS; tidak dikirim tanpa "
                    'enkripsi (periksa smtp_port, atau smtp_security = "ssl")'
                ).format(host=host)
            )
        smtp.starttls(context=tls_context(cfg, home))
    if cfg.smtp_user:
        smtp.login(cfg.smtp_user, password or "")
    smtp.send_message(msg)


@contextlib.contextmanager
def _cut_off_after(smtp: smtplib.SMTP, seconds: float) -> Iterator[None]:
    """The whole conversation ends after ``seconds``, whatever the server does: each read
    already waits at most that long, and at the end the socket is shut, so a server that
    answers line by line, slowly, cannot hold the daemon's tick longer either."""
    fired = threading.Event()

    def cut() -> None:
        fired.set()
        if smtp.sock is not None:
            with contextlib.suppress(OSError):
                smtp.sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    started = time.monotonic()
    timer.start()
    try:
        yield
    except (OSError, smtplib.SMTPException):
        # smtplib tells a read that timed out as a lost connection: the clock says which
        if fired.is_set() or time.monotonic() - started >= seconds:
            raise TimeoutError from None
        raise
    finally:
        timer.cancel()


def tls_context(cfg: Alerts, home: Path | None) -> ssl.SSLContext:
    """What the mail server's certificate is checked against: ``smtp_ca_file`` alone when it
    is set, else the system's CAs; the host name is always checked."""
    if not cfg.smtp_ca_file:
        return ssl.create_default_context()
    path = Path(cfg.smtp_ca_file).expanduser()
    if not path.is_absolute() and home is not None:
        path = home / path
    try:
        return ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError):
        raise AlertFailed(
            _("e-mail: smtp_ca_file {path} tidak dapat dibaca sebagai sertifikat PEM").format(
                path=path
            )
        ) from None
