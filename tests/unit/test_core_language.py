"""The core speaks the reader's language: Indonesian by default, English once the process is
set to it (`--lang en`), both from one catalogue; a report and the office's alerts keep their
own language whatever the process speaks; no Python class name reaches a person."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from tests.support.hostile_images import png_bomb

import sosmed
from sosmed.alerts import decide
from sosmed.alerts.decide import Event, message
from sosmed.attempts import LogRow
from sosmed.compose.media import decode
from sosmed.compose.templates import render, template_for
from sosmed.errors import ConfigError, MediaError, NotFound
from sosmed.i18n import LOCALE_DIR, in_language, language, set_language
from sosmed.log.periods import parse_month, parse_since
from sosmed.log.reasons import explain
from sosmed.log.rows import table_lines
from sosmed.models import Post
from sosmed.office.alert_events import daemon_event, post_events
from sosmed.publish.health import next_step
from sosmed.report.build import ReportInput, build
from sosmed.settings import Account, Settings
from sosmed.store import Store

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)
CATALOGUE = LOCALE_DIR / "en" / "LC_MESSAGES" / "sosmed"
PACKAGE = Path(sosmed.__file__).parent


@pytest.fixture
def speaking() -> Iterator[None]:
    """Each test starts in Indonesian and leaves the process in Indonesian, whatever it set."""
    set_language("id")
    try:
        yield
    finally:
        set_language("id")


pytestmark = pytest.mark.usefixtures("speaking")


def refusal(call: object, *args: object) -> str:
    with pytest.raises(Exception) as caught:
        call(*args)  # type: ignore[operator]
    return str(caught.value)


def test_a_bad_period_in_both_languages() -> None:
    indonesian = refusal(parse_since, "kemarin", NOW, WIB)
    assert indonesian.startswith("--since 'kemarin': tulis rentang seperti 30m")
    assert "2026-11-01" in indonesian
    set_language("en")
    assert refusal(parse_since, "kemarin", NOW, WIB).startswith(
        "--since 'kemarin': expected a span like 30m, 24h, 7d, 2w"
    )
    assert refusal(parse_month, "2026-13", WIB) == (
        "--month '2026-13': expected a year and month like 2026-11"
    )


def test_an_unknown_post_in_both_languages(store: Store) -> None:
    with pytest.raises(NotFound, match=r"^tidak ada post dengan id 4242$"):
        store.get_post(4242)
    set_language("en")
    with pytest.raises(NotFound, match=r"^no post with id 4242$"):
        store.get_post(4242)


def test_a_too_large_image_in_both_languages() -> None:
    bomb = png_bomb(8000, 8000)
    with pytest.raises(MediaError, match=r"^gambar 8000×8000 piksel terlalu besar$"):
        decode(bomb)
    set_language("en")
    with pytest.raises(MediaError, match=r"^image of 8000×8000 pixels is too large$"):
        decode(bomb)


def _failed_report(lang: str) -> dict[str, object]:
    failed = Post(
        id=7, article_id=1, account="humas-fb", platform="facebook", text="t",
        status="failed", last_error="AuthError: facebook: HTTP 401 - token expired",
        scheduled_at=datetime(2026, 11, 3, 1, 0, tzinfo=UTC),
    )  # fmt: skip
    start, end = datetime(2026, 11, 1, tzinfo=WIB), datetime(2026, 12, 1, tzinfo=WIB)
    return build(ReportInput(start, end, WIB, [failed], {}, lang=lang))


@pytest.mark.parametrize("process", ["id", "en"])
def test_a_reports_failure_reason_follows_the_reports_language(process: str) -> None:
    set_language(process)
    english, indonesian = _failed_report("en"), _failed_report("id")
    assert [a["reason"] for a in english["actions"]] == [  # type: ignore[attr-defined]
        "renew the Facebook Page token (sosmed accounts check)"
    ]
    assert [a["reason"] for a in indonesian["actions"]] == [  # type: ignore[attr-defined]
        "perbarui token Facebook Page (sosmed accounts check)"
    ]
    assert english["t"]["title"] == "Social media report"  # type: ignore[index]
    assert indonesian["t"]["title"] == "Laporan media sosial"  # type: ignore[index]
    assert language() == process  # building a report does not change what the process speaks


def test_the_logs_reason_follows_the_process() -> None:
    assert explain("missed", None, None, "x") == (
        "terlambat (melewati max_lateness); jadwalkan ulang bila masih berguna"
    )
    set_language("en")
    assert (
        explain("missed", None, None, "x") == "too late (max_lateness); reschedule if still useful"
    )
    assert explain("missed", None, None, "x", "id").startswith("terlambat")


@pytest.mark.parametrize("process", ["id", "en"])
def test_alert_texts_are_in_the_offices_language(process: str, store: Store) -> None:
    set_language(process)
    dead_en, dead_id = daemon_event(None, NOW, WIB, "en"), daemon_event(None, NOW, WIB, "id")
    assert dead_en.line == (
        "daemon dead: never ran; nothing is published until it runs again: sosmed daemon"
    )
    assert dead_id.line.startswith("daemon mati: belum pernah berjalan; tidak ada yang terbit")
    assert dead_en.key == dead_id.key == "daemon:never"  # the key is data: one language
    events = [Event("post:1:failed:1", "a"), Event("post:2:failed:1", "b")]
    assert message(events, "en").split("\n")[0] == "sosmed: 2 things need attention"
    assert message(events, "id").split("\n")[0] == "sosmed: 2 hal perlu ditangani"
    assert decide.test_message("en") == "sosmed: test alert — this channel works"
    missed = Post(id=12, account="x_humas", platform="x", text="t", status="missed")
    assert next_step(missed, "en").startswith("post 12 missed its time — send it again")
    assert next_step(missed, "id").startswith("post 12 terlewat waktunya — kirim ulang")
    assert post_events(store, "en") == []


def test_config_errors_name_no_python_and_speak_the_readers_language(home: Path) -> None:
    (home / "sosmed.toml").write_text('timezone = "Asia/Jakarta"\ncolour = "merah"\n')
    said = refusal(Settings.load, home)
    assert said.endswith("kunci 'colour': kunci ini tidak dikenal")
    set_language("en")
    said = refusal(Settings.load, home)
    assert said.endswith("key 'colour': not a known key")
    assert "Extra inputs" not in said and "ValidationError" not in said


def test_a_template_error_names_no_exception_class(settings: Settings) -> None:
    path = settings.home / "x.j2"
    path.write_text("{{ nothing_here }}")
    template = template_for(Account(name="humas_x", platform="x", template=str(path)), settings)
    with pytest.raises(ConfigError) as caught:
        render(template, {})
    assert ": nama tidak dikenal: " in str(caught.value)
    assert "UndefinedError" not in str(caught.value)


# The catalogue itself


def _entries() -> dict[str, str]:
    with open(f"{CATALOGUE}.po", "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id}


def test_every_core_message_has_its_english() -> None:
    known = _entries()
    missing = [
        f"{name}:{line} {msgid!r}"
        for name, line, msgid, _comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords={"_": None, "N_": None}
        )
        if not name.startswith(("cli/", "sandbox/")) and msgid not in known
    ]
    assert missing == []


_HOLES = re.compile(r"\{[a-z_]*\}|%[sd]")


def test_english_keeps_every_placeholder_of_its_message() -> None:
    broken = [
        msgid
        for msgid, english in _entries().items()
        if english and sorted(_HOLES.findall(msgid)) != sorted(_HOLES.findall(english))
    ]
    assert broken == []


def test_the_compiled_catalogue_is_the_po_file() -> None:
    with open(f"{CATALOGUE}.mo", "rb") as f:
        compiled = {m.id: m.string for m in read_mo(f) if m.id}
    assert compiled == {k: v for k, v in _entries().items() if v}
    assert in_language("Tidak ada posting pada periode ini.", "en") == "No posts in this period."


def test_the_log_table_shows_no_exception_class() -> None:
    attempt = LogRow(
        id=1, post_id=7, account="kanal-tg", platform="telegram", kind="publish", fence=1,
        worker="host:1", started_at=NOW, finished_at=NOW, outcome="needs_review",
        http_status=None, error_class="CannotTell", remote_id=None, remote_url=None,
        message="CannotTell: telegram: tidak tersambung",
    )  # fmt: skip
    header, line = table_lines([attempt], WIB)
    assert header.split()[:2] == ["waktu", "post"]
    assert line.endswith(
        "telegram: tidak tersambung → periksa akun lalu tetapkan dengan sosmed resolve"
    )
    assert "CannotTell" not in line
