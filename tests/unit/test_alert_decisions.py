"""The pure decisions about alerts: which events go out, which are over, quiet hours, the
message of one tick; and the [alerts] table's one-line configuration errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.config import write_config

from sosmed.alerts.decide import Event, Told, due, ended, hold, in_quiet, message, subject
from sosmed.errors import ConfigError
from sosmed.models import Post
from sosmed.publish.health import next_step
from sosmed.settings import Settings

NOW = datetime(2026, 12, 7, 3, 0, tzinfo=UTC)  # 10:00 WIB
E = Event("post:5:failed:1", "x_humas: post 5 gagal … sosmed retry 5 --by NAMA")
DEAD = Event("daemon:2026-12-07T02:00:00+00:00", "daemon mati: …", urgent=True)


@pytest.mark.parametrize(
    ("told", "send"),
    [
        (None, True),  # new
        (Told(sent_at=None), True),  # tried before, failed: again
        (Told(sent_at=NOW - timedelta(minutes=1)), False),  # told already
        (Told(sent_at=NOW - timedelta(hours=23, minutes=59)), False),
        (Told(sent_at=NOW - timedelta(days=1)), True),  # still unresolved a day later
        (Told(sent_at=NOW - timedelta(hours=1), resolved_at=NOW), True),  # over, and back
    ],
)
def test_due(told: Told | None, send: bool) -> None:
    known = {E.key: told} if told else {}
    assert due([E], known, NOW) == ([E] if send else [])


@pytest.mark.parametrize(
    ("told", "current", "kinds", "over"),
    [
        ({"post:1:failed:1": Told(NOW)}, [], ("post:",), ["post:1:failed:1"]),
        ({"post:1:failed:1": Told(NOW)}, ["post:1:failed:1"], ("post:",), []),
        ({"daemon:x": Told(NOW)}, [], ("post:", "token:"), []),  # not the tick's to end
        ({"post:1:failed:1": Told(NOW, resolved_at=NOW)}, [], ("post:",), []),  # ended already
        ({"token:a:rejected": Told(None)}, [], ("post:", "token:"), ["token:a:rejected"]),
    ],
)
def test_ended(
    told: dict[str, Told], current: list[str], kinds: tuple[str, ...], over: list[str]
) -> None:
    assert ended(told, current, kinds) == over


@pytest.mark.parametrize(
    ("clock", "spec", "quiet"),
    [
        ("23:00", "22:00-06:00", True),
        ("22:00", "22:00-06:00", True),
        ("05:59", "22:00-06:00", True),
        ("06:00", "22:00-06:00", False),  # the end is not quiet
        ("12:00", "22:00-06:00", False),
        ("13:00", "12:00-14:00", True),
        ("14:00", "12:00-14:00", False),
        ("03:00", None, False),
    ],
)
def test_in_quiet(clock: str, spec: str | None, quiet: bool) -> None:
    hour, minute = map(int, clock.split(":"))
    local = datetime(2026, 12, 7, hour, minute, tzinfo=ZoneInfo("Asia/Jakarta"))
    assert in_quiet(local, spec) is quiet


def test_quiet_hours_hold_all_but_a_dead_daemon() -> None:
    night = datetime(2026, 12, 7, 23, 30, tzinfo=ZoneInfo("Asia/Jakarta"))
    day = night.replace(hour=9)
    assert hold([E, DEAD], night, "22:00-06:00") == [DEAD]
    assert hold([E, DEAD], day, "22:00-06:00") == [E, DEAD]
    assert hold([E], night, None) == [E]


@pytest.mark.parametrize(
    ("events", "lang", "lines"),
    [
        ([E], "id", ["sosmed: ada yang perlu ditangani", E.line]),
        ([E, DEAD], "id", ["sosmed: 2 hal perlu ditangani", f"- {E.line}", f"- {DEAD.line}"]),
        ([E], "en", ["sosmed: something needs attention", E.line]),
    ],
)
def test_one_message_per_tick(events: list[Event], lang: str, lines: list[str]) -> None:
    text = message(events, lang)
    assert text.split("\n") == lines
    assert subject(text) == lines[0]


@pytest.mark.parametrize(
    ("alerts", "said"),
    [
        ({"quiet_hours": "22-06"}, "kunci 'alerts.quiet_hours'"),
        ({"smtp_security": "tls"}, "kunci 'alerts.smtp_security'"),
        ({"email_to": ["humas"], "smtp_host": "h"}, "kunci 'alerts.email_to'"),
        ({"email_to": ["a@b.id"]}, "smtp_host wajib diisi"),
        ({"lang": "fr"}, "kunci 'alerts.lang'"),
        ({"token_warning_days": -1}, "kunci 'alerts.token_warning_days'"),
        ({"telegram_bot_token": "123:abc"}, "kunci 'alerts.telegram_bot_token'"),  # a secret
    ],
)
def test_config_errors_are_one_line_naming_the_key(
    home: Path, alerts: dict[str, object], said: str
) -> None:
    with pytest.raises(ConfigError) as e:
        write_config(home, {"alerts": alerts})
    assert said in str(e.value)
    assert "\n" not in str(e.value)


def test_config_defaults_and_channels(home: Path) -> None:
    cfg = write_config(home, {}).config.alerts
    assert (cfg.channels, cfg.lang, cfg.token_warning_days) == ([], "id", 7)
    cfg = write_config(
        home, {"alerts": {"telegram_chat": "-100123", "email_to": ["a@b.id"], "smtp_host": "h"}}
    ).config.alerts
    assert cfg.channels == ["telegram", "email"]
    assert Settings.load(home).config.alerts.telegram_api_base == "https://api.telegram.org"


@pytest.mark.parametrize(
    ("status", "error", "id_words", "en_words"),
    [
        ("failed", "AuthError: 401 Unauthorized", "token ditolak", "token refused"),
        ("failed", "Transient: 503", "gagal setelah beberapa kali", "failed after several"),
        ("missed", None, "terlewat waktunya", "missed its time"),
        ("needs_review", None, "mungkin sudah tayang", "may be online"),
    ],
)
def test_post_lines_in_both_languages_name_the_post_and_the_command(
    status: str, error: str | None, id_words: str, en_words: str
) -> None:
    post = Post(id=12, account="x_humas", platform="x", text="t", status=status, last_error=error)
    indonesian, english = next_step(post), next_step(post, "en")
    assert id_words in indonesian and en_words in english
    for line in (indonesian, english):
        assert "post 12" in line and "sosmed " in line and "\n" not in line


def test_a_long_message_counts_the_rest() -> None:
    events = [Event(f"post:{i}:failed:1", f"post {i} gagal") for i in range(25)]
    lines = message(events, "id").split("\n")
    assert lines[0] == "sosmed: 25 hal perlu ditangani"
    assert lines[1:3] == ["- post 0 gagal", "- post 1 gagal"]
    assert lines[-1] == "- dan 5 lagi: sosmed status"
    assert len(lines) == 22
