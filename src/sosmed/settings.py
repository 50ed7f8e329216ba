"""Configuration and secrets: the only reader of config files and of the ``SOSMED_*`` settings.

(``SOSMED_HOME`` is read by the command line to find the home; ``SOSMED_CRASHPOINT`` by the
fault tests' hook in publish.py.)

The home directory holds ``sosmed.toml`` (documented in ``config/sosmed.example.toml``), the
SQLite database, ``media/`` and an optional ``secrets.toml`` (mode 0600). Secrets come from
``SOSMED_<ACCOUNT>_<FIELD>`` environment variables first, then from that file; never from the
database or the repository.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sosmed.alerts.config import Alerts
from sosmed.engagement.config import Engagement
from sosmed.errors import ConfigError
from sosmed.i18n import _
from sosmed.libwords import os_reason, toml_reason
from sosmed.media_config import Media
from sosmed.redact import remember
from sosmed.settings_errors import describe
from sosmed.site_profile_config import SiteProfile as SiteProfile  # [[sites]]

CONFIG_NAME = "sosmed.toml"
SECRETS_NAME = "secrets.toml"
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Slots(_Strict):
    """When an account may post, in the office's local time."""

    times: list[str] = Field(default_factory=lambda: ["08:00", "12:00", "16:00", "19:00"])
    days: list[str] = Field(default_factory=lambda: list(_DAYS))
    min_gap_minutes: int = Field(default=60, ge=0)
    daily_cap: int = Field(default=6, ge=1)
    quiet_hours: str | None = None

    @field_validator("times")
    @classmethod
    def _times(cls, v: list[str]) -> list[str]:
        for t in v:
            if not _TIME.match(t):
                raise ValueError(
                    _("jam {time} bukan HH:MM (00:00 sampai 23:59)").format(time=repr(t))
                )
        return sorted(v)

    @field_validator("days")
    @classmethod
    def _days(cls, v: list[str]) -> list[str]:
        bad = [d for d in v if d.lower() not in _DAYS]
        if bad:
            raise ValueError(
                _("hari {bad} tidak ada di antara {days}").format(bad=bad, days=list(_DAYS))
            )
        return [d.lower() for d in v]

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, v: str | None) -> str | None:
        if v is not None:
            parts = v.split("-")
            if len(parts) != 2 or not all(_TIME.match(p.strip()) for p in parts):
                raise ValueError(_("quiet_hours {value} bukan HH:MM-HH:MM").format(value=repr(v)))
        return v


class Account(_Strict):
    """One social account of the office."""

    name: str
    platform: str  # a name in the ``sosmed.platforms`` entry-point group
    template: str | None = None
    hashtags: list[str] = Field(default_factory=list)
    hashtag_cap: int | None = Field(default=None, ge=0)
    link: bool = True
    utm: dict[str, str] = Field(default_factory=dict)
    require_approval: bool = True
    api_base: str | None = None
    timeout: float = Field(default=30.0, gt=0)
    options: dict[str, str] = Field(default_factory=dict)
    slots: Slots = Field(default_factory=Slots)
    # Read the public's counters of its posts ([engagement]); unset: its platform's default
    # (on, except X, where each read is paid).
    collect: bool | None = None

    @field_validator("options", mode="before")
    @classmethod
    def _options(cls, v: Any) -> Any:
        # A number is written bare in TOML (monthly_budget_usd = 25); options are kept as text.
        if isinstance(v, dict):
            return {
                k: str(x) if isinstance(x, int | float) and not isinstance(x, bool) else x
                for k, x in v.items()
            }
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]{0,62}", v):
            raise ValueError(_("nama hanya boleh huruf, angka, '_' atau '-' (paling banyak 63)"))
        return v

    @field_validator("platform")
    @classmethod
    def _platform(cls, v: str) -> str:
        # The entry points are the one list of platforms, and a plugin's platform is as good
        # as a built-in one. Their names only: loading the platforms costs every command that
        # reads the config their client libraries.
        from sosmed.platforms.names import platform_names

        known = platform_names()
        if v not in known:
            raise ValueError(
                _("platform {name} tidak dikenal; yang tersedia: {known}").format(
                    name=repr(v), known=", ".join(known)
                )
            )
        return v


class FeedConfig(_Strict):
    url: str
    accounts: list[str] = Field(default_factory=list)
    auto_approve: bool = False


class Fetch(_Strict):
    timeout: float = Field(default=10.0, gt=0)
    max_bytes: int = Field(default=5_000_000, gt=0)
    max_redirects: int = Field(default=3, ge=0, le=10)
    user_agent: str = "sosmed/0.1 (+https://github.com/sosmed)"


class Daemon(_Strict):
    publish_every_seconds: float = Field(default=15.0, gt=0)
    poll_feeds_cron: str = "*/30 * * * *"
    lease_seconds: int = Field(default=120, gt=0)
    max_attempts: int = Field(default=5, ge=1)
    max_lateness_hours: float = Field(default=6.0, gt=0)
    batch: int = Field(default=50, ge=1)
    workers: int = Field(default=6, ge=1, le=64)
    reconcile_after_seconds: float = Field(default=30.0, ge=0)
    check_tokens_at: str = "06:00"


class Config(_Strict):
    timezone: str = "Asia/Jakarta"
    database_url: str | None = None
    allow_private_hosts: bool = False
    trusted_hosts: list[str] = Field(default_factory=list)
    compose_on_add: bool = False
    # Who approves, cancels, edits, retries, restores and resolves is named with --by (the OS
    # user of a shared server says nothing); with ``staff`` set, only those names.
    require_named_approver: bool = True
    staff: list[str] = Field(default_factory=list)
    media: Media = Field(default_factory=Media)
    fetch: Fetch = Field(default_factory=Fetch)
    daemon: Daemon = Field(default_factory=Daemon)
    accounts: list[Account] = Field(default_factory=list)
    feeds: list[FeedConfig] = Field(default_factory=list)
    sites: list[SiteProfile] = Field(default_factory=list)
    alerts: Alerts = Field(default_factory=Alerts)
    engagement: Engagement = Field(default_factory=Engagement)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ValueError(
                _("zona waktu {zone} tidak dikenal (misalnya Asia/Jakarta)").format(zone=repr(v))
            ) from e
        return v

    @field_validator("accounts")
    @classmethod
    def _unique(cls, v: list[Account]) -> list[Account]:
        seen: set[str] = set()
        for a in v:
            if a.name.lower() in seen:
                raise ValueError(_("nama akun {name} dipakai dua kali").format(name=repr(a.name)))
            seen.add(a.name.lower())
        return v


def default_home() -> Path:
    env = os.environ.get("SOSMED_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("sosmed", appauthor=False))


def _env_overrides(raw: dict[str, Any]) -> dict[str, Any]:
    if url := os.environ.get("SOSMED_DATABASE_URL"):
        raw["database_url"] = url
    if tz := os.environ.get("SOSMED_TIMEZONE"):
        raw["timezone"] = tz
    if (priv := os.environ.get("SOSMED_ALLOW_PRIVATE_HOSTS")) is not None:
        raw["allow_private_hosts"] = priv.strip().lower() in ("1", "true", "yes", "on")
    return raw


def read_config_file(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(
            _("{path}: bukan TOML yang sah: {error}").format(path=path, error=toml_reason(e))
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            _("{path}: bukan teks UTF-8; simpan ulang berkasnya sebagai UTF-8").format(path=path)
        ) from None
    except OSError as e:
        raise ConfigError(
            _("{path}: tidak bisa dibaca: {error}").format(path=path, error=os_reason(e))
        ) from None


class Settings:
    """The home, its configuration and its secrets."""

    def __init__(self, home: Path, config: Config, config_path: Path) -> None:
        self.home = home
        self.config = config
        self.config_path = config_path

    @classmethod
    def load(cls, home: Path | str | None = None) -> Settings:
        root = Path(home).expanduser() if home else default_home()
        path = root / CONFIG_NAME
        raw = _env_overrides(read_config_file(path))
        try:
            config = Config.model_validate(raw)
        except ValidationError as e:
            raise ConfigError(describe(e, path)) from None
        return cls(root, config, path)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.config.timezone)

    @property
    def database_url(self) -> str:
        return self.config.database_url or f"sqlite:///{self.home / 'sosmed.db'}"

    @property
    def media_dir(self) -> Path:
        p = Path(self.config.media.dir).expanduser()
        return p if p.is_absolute() else self.home / p

    @property
    def secrets_path(self) -> Path:
        return self.home / SECRETS_NAME

    def account(self, name: str) -> Account:
        for a in self.config.accounts:
            if a.name.lower() == name.lower():
                return a
        known = ", ".join(a.name for a in self.config.accounts) or _("belum ada")
        raise ConfigError(
            _("{path}: tidak ada akun bernama {name} (akun: {known})").format(
                path=self.config_path, name=repr(name), known=known
            )
        )

    @cached_property
    def _secrets_file(self) -> dict[str, Any]:
        path = self.secrets_path
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            return {}
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise ConfigError(
                _(
                    "{path}: bisa dibaca grup atau orang lain (mode {mode}); "
                    "jalankan: chmod 600 {path}"
                ).format(path=path, mode=f"{stat.S_IMODE(mode):o}")
            )
        return read_config_file(path)

    def secret(self, account: str, field: str, required: bool = True) -> str | None:
        """A secret of an account: env ``SOSMED_<ACCOUNT>_<FIELD>``, else the secrets file."""
        env_name = secret_env_name(account, field)
        value = os.environ.get(env_name)
        if value:
            remember(value)
            return value
        section = self._secrets_file.get(account)
        if isinstance(section, dict) and isinstance(section.get(field), str) and section[field]:
            remember(section[field])
            return str(section[field])
        if required:
            raise ConfigError(
                _(
                    "akun {account} perlu rahasia '{field}': isi {env} atau jalankan "
                    "'sosmed accounts set-secret {name} {field}'"
                ).format(account=repr(account), field=field, env=env_name, name=account)
            )
        return None


def secret_env_name(account: str, field: str) -> str:
    norm = re.sub(r"[^A-Za-z0-9]", "_", f"{account}_{field}").upper()
    return f"SOSMED_{norm}"


def write_secret(settings: Settings, account: str, field: str, value: str) -> Path:
    """Store one secret in the home's 0600 secrets file (created with that mode)."""
    import tomli_w

    path = settings.secrets_path
    data = read_config_file(path) if path.exists() else {}
    data.setdefault(account, {})[field] = value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        tomli_w.dump(data, f)
    os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    settings.__dict__.pop("_secrets_file", None)
    return path
