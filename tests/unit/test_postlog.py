"""The post log's pure parts: plain-words reasons, --since / --month, local times, exports."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from sosmed.attempts import LogRow
from sosmed.errors import InputError
from sosmed.log.export import FIELDS, record, write_csv, write_json
from sosmed.log.periods import parse_month, parse_since
from sosmed.log.reasons import explain, reason_key
from sosmed.log.rows import local_time, table_lines
from sosmed.timefmt import long_form, period_form

WIB, WITA, WIT = (ZoneInfo(z) for z in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"))
NOW = datetime(2026, 11, 30, 3, 0, tzinfo=UTC)
SECRET = "EAABwzLixnjYBOabcdefghijklmnopqrstu"


def row(**kw: object) -> LogRow:
    base: dict[str, object] = {
        "id": 1,
        "post_id": 7,
        "account": "humas-fb",
        "platform": "facebook",
        "kind": "publish",
        "fence": 1,
        "worker": "host:1",
        "started_at": datetime(2026, 11, 4, 1, 0, tzinfo=UTC),
        "finished_at": datetime(2026, 11, 4, 1, 0, 2, tzinfo=UTC),
        "outcome": "published",
        "http_status": None,
        "error_class": None,
        "message": None,
        "remote_id": "1",
        "remote_url": "https://facebook.example/p/1",
    }
    base.update(kw)
    return LogRow(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("outcome", "cls", "message", "platform", "expected"),
    [
        ("failed", "AuthError", "AuthError: bad", "facebook", "renew the Facebook Page token"),
        ("failed", "Rejected", "Token has EXPIRED", "x", "renew the X token"),
        ("retry", "RateLimited", "429", "x", "rate limited; retried after the reset"),
        ("failed", "Rejected", "Rejected: Status is a Duplicate.", "mastodon", "rejected as dup"),
        ("failed", "Rejected", "text too long", "mastodon", "rejected by Mastodon"),
        (
            "failed",
            "Rejected",
            "telegram: HTTP 403 - bot bukan admin kanal: jadikan bot admin kanal ...",
            "telegram",
            "make it a channel admin that may post",
        ),
        ("in_doubt", "InDoubt", "read timed out", "telegram", "settle with sosmed resolve"),
        ("needs_review", "CannotTell", None, "telegram", "settle with sosmed resolve"),
        ("missed", None, None, "bluesky", "too late (max_lateness); reschedule if still useful"),
        ("retry", "Transient", "503", "bluesky", "temporary error at Bluesky; retried"),
        ("failed", "Transient", "503", "bluesky", "gave up after repeated errors"),
        ("stale", None, None, "x", "expired lease"),
        ("reconciled_published", None, None, "x", "found on X"),
        ("resolved_absent", None, None, "x", "settled by a person: not published"),
        (None, None, None, "x", "no result recorded yet"),
    ],
)
def test_explain_in_plain_words(
    outcome: str | None, cls: str | None, message: str | None, platform: str, expected: str
) -> None:
    assert expected in explain(outcome, cls, message, platform, "en")


def test_nothing_to_explain_for_a_published_attempt() -> None:
    assert explain("published", None, None, "x") == ""
    assert reason_key("published", "Rejected", "duplicate") is None


def test_reasons_in_indonesian() -> None:
    assert explain("failed", "AuthError", None, "facebook", "id") == (
        "perbarui token Facebook Page (sosmed accounts check)"
    )
    assert "sosmed resolve" in explain("in_doubt", None, None, "telegram", "id")
    refused = "telegram: HTTP 400 - bot bukan admin kanal atau tidak boleh mengirim ke kanal"
    assert explain("failed", "Rejected", refused, "telegram", "id").startswith(
        "bot tidak boleh mengirim ke kanal; jadikan bot admin kanal"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30m", NOW - timedelta(minutes=30)),
        ("24h", NOW - timedelta(hours=24)),
        ("7d", NOW - timedelta(days=7)),
        (" 2W ", NOW - timedelta(weeks=2)),
        ("2026-11-01", datetime(2026, 10, 31, 17, 0, tzinfo=UTC)),
        ("2026-11-01 08:00", datetime(2026, 11, 1, 1, 0, tzinfo=UTC)),
    ],
)
def test_parse_since(text: str, expected: datetime) -> None:
    assert parse_since(text, NOW, WIB) == expected


@pytest.mark.parametrize("text", ["", "7", "7y", "yesterday", "2026-13-01", "2026-02-30", "-3d"])
def test_parse_since_refuses_with_a_clear_message(text: str) -> None:
    with pytest.raises(InputError, match="--since"):
        parse_since(text, NOW, WIB)


def test_parse_month_in_the_office_zone() -> None:
    start, end = parse_month("2026-12", WITA)
    assert start == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert end == datetime(2027, 1, 1, tzinfo=WITA)


@pytest.mark.parametrize("text", ["2026-13", "2026-0", "11-2026", "2026", "nov"])
def test_parse_month_refuses(text: str) -> None:
    with pytest.raises(InputError, match=r"--month .*2026-11"):
        parse_month(text, WIB)


@pytest.mark.parametrize(
    ("tz", "label"), [(WIB, "08:00 WIB"), (WITA, "09:00 WITA"), (WIT, "10:00 WIT")]
)
def test_local_time_names_the_indonesian_zone(tz: ZoneInfo, label: str) -> None:
    assert local_time(datetime(2026, 11, 4, 1, 0, tzinfo=UTC), tz) == f"2026-11-04 {label}"
    assert local_time(None, tz) == ""


def test_dates_in_the_readers_language() -> None:
    at = datetime(2026, 11, 4, 1, 0, tzinfo=UTC)
    assert long_form(at, WIB, "id") == "Rabu, 4 Nov 2026 08:00 WIB"
    assert long_form(at, WIT, "en") == "Wed 4 Nov 2026 10:00 WIT"
    start, end = parse_month("2026-08", WIB)
    assert period_form(start, end, WIB, "id", month=True) == "Agustus 2026"
    assert period_form(start, end, WIB, "en", month=False) == "1 Aug 2026 – 31 Aug 2026"


def test_csv_export_is_redacted_local_and_safe_for_spreadsheets() -> None:
    rows = [
        row(),
        row(
            id=2,
            outcome="failed",
            error_class="AuthError",
            message=f"token expired: https://graph.example/me?access_token={SECRET}",
            remote_url=None,
        ),
        row(id=3, outcome="failed", error_class="Rejected", message='=HYPERLINK("x")'),
    ]
    out = io.StringIO()
    assert write_csv(rows, WIB, out) == 3
    assert SECRET not in out.getvalue()
    records = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(records[0]) == list(FIELDS) == list(record(rows[0], WIB))
    assert records[0]["time"] == "2026-11-04T08:00:00+07:00" and records[0]["zone"] == "WIB"
    assert records[1]["reason"] == "perbarui token Facebook Page (sosmed accounts check)"
    assert "access_token=***" in records[1]["error"]
    assert records[2]["error"].startswith("'=")


def test_json_export_streams_one_valid_array() -> None:
    out = io.StringIO()
    n = write_json((row(id=i, message=f"Bearer {SECRET}") for i in range(3)), WIT, out)
    data = json.loads(out.getvalue())
    assert n == 3 and [r["id"] for r in data] == [0, 1, 2]
    assert data[0]["zone"] == "WIT" and data[0]["time"].endswith("+09:00")
    assert SECRET not in out.getvalue()
    empty = io.StringIO()
    assert write_json([], WIB, empty) == 0 and json.loads(empty.getvalue()) == []


def test_table_lines_are_aligned_local_and_redacted() -> None:
    rows = [
        row(),
        row(
            id=2,
            account="kanal-tg",
            platform="telegram",
            outcome="in_doubt",
            error_class="InDoubt",
            message=f"read timed out\n/bot123456:{SECRET}/sendMessage",
            remote_url=None,
        ),
        row(id=3, outcome=None, message=None, remote_url=None),
    ]
    lines = table_lines(rows, WIB)
    assert lines[0].split() == [
        "waktu",
        "post",
        "akun",
        "platform",
        "hasil",
        "tautan",
        "/",
        "galat",
    ]
    assert len({line.index(" WIB") for line in lines[1:]}) == 1
    words = ["platform", "facebook", "telegram"]
    starts = {line.index(word) for line, word in zip(lines[:3], words, strict=True)}
    assert len(starts) == 1  # one column
    assert lines[1].endswith("https://facebook.example/p/1")
    assert "→ periksa akun lalu tetapkan dengan sosmed resolve" in lines[2]
    assert SECRET not in "\n".join(lines) and len(lines) == 4  # the message stays on one line
    assert "(belum ada hasil)" in lines[3] and "belum ada hasil" in lines[3]
