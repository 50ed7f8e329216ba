"""The office's alerts: after each daemon tick, the problems a person must settle are told
to the staff's Telegram group and e-mail; `sosmed alerts test`, `sosmed alerts` and
`sosmed watchdog` (from cron) come here too.

Nothing here ever stops publishing: every send is time-bounded, every failure is caught,
logged, recorded and tried again on the next tick.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from sosmed.alerts.config import SECRET_FIELDS, SECRETS, Alerts
from sosmed.alerts.decide import Event, due, ended, hold, message, test_message
from sosmed.errors import AlertFailed, ConfigError, InputError
from sosmed.i18n import _
from sosmed.redact import redact

if TYPE_CHECKING:
    from pathlib import Path

    from sosmed.models import Alert
    from sosmed.office import Office

log = logging.getLogger(__name__)

DAEMON_KINDS = ("daemon:",)


@dataclass(frozen=True)
class Sent:
    """One message on one channel: how many events it told, and why it failed (None: went)."""

    channel: str
    events: int
    error: str | None


class AlertDesk:
    def __init__(self, office: Office) -> None:
        self.office = office

    @property
    def config(self) -> Alerts:
        return self.office.settings.config.alerts

    def after_tick(self) -> list[Sent]:
        """Tell what went wrong; never raises (a failed alert is tried again next tick)."""
        if not self.config.channels:
            return []
        from sosmed.alerts.channels import remember_secrets  # smtplib only where alerts are set

        try:
            remember_secrets(self.office.settings)
            return self.send_due(self.current(), ("post:", "token:"))
        except Exception as e:  # the edge: alerts never stop the daemon's publishing
            log.warning(_("peringatan tidak diproses; dicoba lagi pada putaran berikut: %s"), e)
            return []

    def current(self) -> list[Event]:
        from sosmed.office.alert_events import budget_events, post_events, token_events

        store, settings = self.office.store, self.office.settings
        days, now, lang = self.config.token_warning_days, self.office.now(), self.config.lang
        tokens = token_events(store, now, days, settings.tz, lang)
        budget = budget_events(store, settings, now, lang)
        return post_events(store, lang) + budget + tokens

    def send_due(self, events: list[Event], kinds: tuple[str, ...]) -> list[Sent]:
        """Send, on each channel, the events due now as one message; record each event.
        Daemons sharing a PostgreSQL database take turns: one sends, the others skip."""
        with self.office.store.alert_turn() as mine:
            return self._send_due(events, kinds) if mine else []

    def _send_due(self, events: list[Event], kinds: tuple[str, ...]) -> list[Sent]:
        from sosmed.alerts.channels import remember_secrets, send

        remember_secrets(self.office.settings)
        store, settings = self.office.store, self.office.settings
        now = self.office.now()
        local = now.astimezone(settings.tz)
        keys = [e.key for e in events]
        over: set[str] = set()
        results = []
        for channel in self.config.channels:
            told = store.alerts_open(channel)
            over.update(ended(told, keys, kinds))
            go = hold(due(events, told, now), local, self.config.quiet_hours)
            if not go:
                continue
            error = None
            try:
                send(channel, message(go, self.config.lang), settings)
            except AlertFailed as failed:
                error = str(failed)
                log.warning(_("peringatan lewat %s gagal; dicoba lagi nanti: %s"), channel, error)
            else:
                log.info(_("peringatan terkirim lewat %s: %d hal"), channel, len(go))
            for event in go:
                store.alert_tried(event.key, channel, redact(event.line), now, error)
            results.append(Sent(channel, len(go), error))
        store.alerts_ended(over, now)
        return results

    def test(self) -> list[Sent]:
        """A test message on every configured channel; each says whether it went."""
        from sosmed.alerts.channels import remember_secrets, send

        channels = self.config.channels
        if not channels:
            raise ConfigError(
                _("{path}: kunci '{key}': {message}").format(
                    path=self.office.settings.config_path,
                    key="alerts",
                    message=_("belum ada saluran peringatan; isi telegram_chat atau email_to"),
                )
            )
        out = []
        remember_secrets(self.office.settings)
        for channel in channels:
            try:
                send(channel, test_message(self.config.lang), self.office.settings)
                out.append(Sent(channel, 0, None))
            except AlertFailed as e:
                out.append(Sent(channel, 0, redact(str(e))))
        return out

    def recent(self, limit: int) -> list[Alert]:
        return self.office.store.recent_alerts(limit)

    def default_stale_minutes(self) -> float:
        """As `status` judges a heartbeat: four poll intervals, at least two minutes."""
        every = self.office.settings.config.daemon.publish_every_seconds
        return max(120.0, 4 * every) / 60

    def watchdog(self, stale_minutes: float | None) -> tuple[bool, list[Sent]]:
        """Whether the daemon's heartbeat is stale; if so the "daemon mati" alert is sent
        (once per stale period, then once a day); when it beats again that period ends."""
        from sosmed.office.alert_events import daemon_event

        minutes = self.default_stale_minutes() if stale_minutes is None else stale_minutes
        if minutes <= 0:
            raise InputError(
                _("--stale-minutes harus lebih dari 0 (bukan {value})").format(value=f"{minutes:g}")
            )
        store, settings = self.office.store, self.office.settings
        beats = store.heartbeats()
        last = beats[0].beat_at if beats else None
        now = self.office.now()
        stale = last is None or now - last > timedelta(minutes=minutes)
        event = daemon_event(last, now, settings.tz, self.config.lang)
        if not self.config.channels:
            return stale, []
        return stale, self.send_due([event] if stale else [], DAEMON_KINDS)

    def save_secret(self, field: str, value: str) -> Path:
        from sosmed.settings import write_secret

        if field not in SECRET_FIELDS:
            raise InputError(
                _("rahasia peringatan {field} tidak dikenal; yang ada: {known}").format(
                    field=repr(field), known=", ".join(SECRET_FIELDS)
                )
            )
        if not value.strip():
            raise InputError(_("nilai rahasia kosong; tidak disimpan"))
        return write_secret(self.office.settings, SECRETS, field, value.strip())
