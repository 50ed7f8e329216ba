"""The ``[alerts]`` table of sosmed.toml."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sosmed.i18n import _

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
# The pseudo-account whose secrets the alerts use: SOSMED_ALERTS_<FIELD> or [alerts] in
# secrets.toml.
SECRETS = "alerts"
SECRET_FIELDS = ("telegram_bot_token", "smtp_password")


class Alerts(BaseModel):
    """Where problems are told to staff. The bot token and the SMTP password are secrets
    (``SOSMED_ALERTS_TELEGRAM_BOT_TOKEN``, ``SOSMED_ALERTS_SMTP_PASSWORD``, or the ``[alerts]``
    table of secrets.toml that ``sosmed alerts set-secret`` writes)."""

    model_config = ConfigDict(extra="forbid")

    telegram_chat: str | None = None
    telegram_api_base: str = "https://api.telegram.org"
    email_to: list[str] = Field(default_factory=list)
    email_from: str | None = None
    smtp_host: str | None = None
    smtp_port: int | None = Field(default=None, gt=0, lt=65536)
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"
    smtp_user: str | None = None
    # A mail server whose certificate a private CA signed: that CA's PEM file (relative to the
    # home, or absolute); the only CA trusted for it. Empty: the system's CAs.
    smtp_ca_file: str | None = None
    quiet_hours: str | None = None
    lang: Literal["id", "en"] = "id"
    token_warning_days: int = Field(default=7, ge=0)
    timeout_seconds: float = Field(default=10.0, gt=0, le=60)

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, v: str | None) -> str | None:
        if v is not None:
            parts = [p.strip() for p in v.split("-")]
            if len(parts) != 2 or not all(_TIME.match(p) for p in parts) or parts[0] == parts[1]:
                raise ValueError(
                    _("quiet_hours {value} bukan HH:MM-HH:MM (contoh 22:00-06:00)").format(
                        value=repr(v)
                    )
                )
        return v

    @field_validator("email_to")
    @classmethod
    def _emails(cls, v: list[str]) -> list[str]:
        for addr in v:
            if not _EMAIL.fullmatch(addr):
                raise ValueError(_("alamat e-mail {address} tidak sah").format(address=repr(addr)))
        return v

    @field_validator("telegram_api_base")
    @classmethod
    def _base(cls, v: str) -> str:
        if not v.startswith(("https://", "http://")):
            raise ValueError(_("{value} bukan alamat http(s)").format(value=repr(v)))
        return v.rstrip("/")

    @model_validator(mode="after")
    def _smtp(self) -> Alerts:
        if self.email_to and not self.smtp_host:
            raise ValueError(_("smtp_host wajib diisi bila email_to diisi"))
        return self

    @property
    def channels(self) -> list[str]:
        """The channels configured: "telegram", "email"."""
        return (["telegram"] if self.telegram_chat else []) + (["email"] if self.email_to else [])
