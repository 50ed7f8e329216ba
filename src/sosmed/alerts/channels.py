"""Sending one alert text: Telegram's Bot API (sendMessage) and e-mail (smtplib).

Every send is bounded by ``timeout_seconds``; every failure is an ``AlertFailed`` whose text
has passed the redactor (a bot token sits in the Bot API's URL path).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import requests

from sosmed.alerts.config import SECRET_FIELDS, SECRETS, Alerts
from sosmed.alerts.decide import subject
from sosmed.errors import AlertFailed, SosmedError
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
            token = settings.secret(SECRETS, "telegram_bot_token") or ""
            send_telegram(cfg, token, redact(text))
        else:
            password = settings.secret(SECRETS, "smtp_password", required=False)
            send_email(cfg, password, redact(text))
    except AlertFailed:
        raise
    except Exception as e:  # the edge: whatever went wrong, one redacted line
        raise AlertFailed(redact(f"{channel}: {type(e).__name__}: {e}")) from None


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
        raise AlertFailed(redact(f"telegram: tidak tersambung ({type(e).__name__})")) from None
    try:
        body = r.json()
    except ValueError:
        body = {}
    if r.status_code != 200 or not body.get("ok"):
        why = body.get("description") or f"HTTP {r.status_code}"
        raise AlertFailed(redact(f"telegram: ditolak ({why})"))


def send_email(cfg: Alerts, password: str | None, text: str) -> None:
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
            context = ssl.create_default_context()
            smtp = smtplib.SMTP_SSL(host, cfg.smtp_port or 465, timeout=timeout, context=context)
        else:
            smtp = smtplib.SMTP(host, cfg.smtp_port or 587, timeout=timeout)
        with smtp:
            if cfg.smtp_security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if cfg.smtp_user:
                smtp.login(cfg.smtp_user, password or "")
            smtp.send_message(msg)
    except (smtplib.SMTPException, OSError) as e:
        raise AlertFailed(redact(f"e-mail: gagal dikirim ({type(e).__name__}: {e})")) from None
