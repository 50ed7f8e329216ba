"""Every listing fits the width it is given: ids and full times whole, words cut with "…",
plain text when the output is a file or a pipe, and --json on every listing."""

from __future__ import annotations

import json
import re
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from time import sleep
from typing import Any
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from tests.support.articles import insert_article
from tests.support.cli import run_cli
from tests.support.config import write_config
from tests.support.forked import run_forked
from tests.support.posts import add_post

from sosmed.cli.main import MODULES
from sosmed.models import Attempt, Feed
from sosmed.store import Store

LONG = "humas_pemerintah_kabupaten_bengkalis_provinsi_riau_akun_resmi"  # 61 characters
TITLE = (
    "Bupati Bengkalis Meresmikan Jembatan Penghubung Desa Sungai Alam dan Desa Pangkalan "
    "Batang yang Dibangun dengan Dana Desa Tahun Anggaran 2026"
)
WORDS = (
    "Pemerintah Kabupaten Bengkalis meresmikan jembatan sepanjang 45 meter yang menghubungkan "
    "dua desa di pesisir timur; warga kini menyeberang tanpa perahu. #Bengkalis #Jembatan"
)
BOX = re.compile("[\u2500-\u257f]")  # box-drawing characters
WIDTHS = (60, 80, 120)
LISTINGS = (
    ("queue",),
    ("posts",),
    ("articles",),
    ("platforms",),
    ("log",),
    ("status",),
    ("feeds", "list"),
    ("alerts",),
    ("posts", "--history", "{post}"),
)
# What every listing imports: loaded once by the forked runner, not by each command.
PRELOAD = ("sosmed.office", "sosmed.store.core", *(f"sosmed.cli.{m}" for m in MODULES))
JSON_LISTINGS = (
    *LISTINGS,
    ("queue", "--today"),
    ("queue", "--week"),
    ("sites",),
    ("article", "{article}"),
    ("preview", "{post}"),
)


def _office(home: Path, timezone: str) -> Store:
    accounts = [
        {"name": LONG, "platform": "x"},
        {"name": "tg_humas", "platform": "telegram"},
    ]
    settings = write_config(home, {"timezone": timezone, "accounts": accounts})
    return Store.open_url(settings.database_url)


def _seed(store: Store, now: datetime) -> dict[str, int]:
    article = insert_article(
        store,
        {
            "title": TITLE,
            "paragraphs": [WORDS],
            "lead": WORDS,
            "place": "Bengkalis",
            "published_at": "2026-12-07T01:30:00+00:00",
            "published_offset": 420,
        },
    )
    ids = []
    for n in range(24):
        account, platform = (LONG, "x") if n % 4 < 2 else ("tg_humas", "telegram")
        status = ("scheduled", "draft", "approved", "failed", "published", "missed")[n % 6]
        when = now + timedelta(hours=5 * n - 20)
        fields: dict[str, Any] = {"scheduled_at": when}
        if status == "failed":
            fields["last_error"] = "AuthError: 401 the access token was revoked by the platform"
        ids.append(
            add_post(store, account, platform, status=status, text=f"{WORDS} ({n})", **fields)
        )
    with store.session() as s:
        for n, pid in enumerate(ids[:8]):
            s.add(
                Attempt(
                    post_id=pid,
                    account=LONG if n % 2 else "tg_humas",
                    platform="x" if n % 2 else "telegram",
                    fence=1,
                    worker="host:1",
                    started_at=now - timedelta(hours=n),
                    finished_at=now - timedelta(hours=n),
                    outcome="failed" if n % 2 else "published",
                    error_class="AuthError" if n % 2 else None,
                    message=f"401 {WORDS}" if n % 2 else None,
                    remote_url=None if n % 2 else f"https://t.me/humas/{900 + n}",
                )
            )
        s.add(
            Feed(
                url="https://humas.bengkaliskab.go.id/berita/kategori/pemerintahan/feed/rss2",
                accounts=[LONG, "tg_humas"],
                last_polled_at=now - timedelta(minutes=3),
                last_error=f"the feed answered 503 Service Unavailable: {WORDS}",
            )
        )
    return {"article": article, "post": ids[3]}


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    home = tmp_path_factory.mktemp("home")
    store = _office(home, "Asia/Makassar")
    ids = _seed(store, datetime.now(UTC))
    store.close()
    return home, ids


def _run(home: Path, commands: list[tuple[str, ...]], env: dict[str, str]) -> list[Any]:
    return _run_cases(home, [(c, env) for c in commands])


def _run_cases(home: Path, runs: list[tuple[tuple[str, ...], dict[str, str]]]) -> list[Any]:
    """Each (command, environment) answered; in two forked runners side by side."""
    cases = [
        {"args": list(c), "cwd": str(home), "env": {"SOSMED_HOME": str(home), **env}}
        for c, env in runs
    ]
    half = (len(cases) + 1) // 2
    parts = [part for part in (cases[:half], cases[half:]) if part]
    places = [home.parent / f"runner-{uuid4().hex}" for _ in parts]
    for place in places:
        place.mkdir()
    with ThreadPoolExecutor(2) as pool:
        answers = pool.map(lambda part, place: run_forked(part, place, PRELOAD), parts, places)
        return [answer for part in answers for answer in part]


def _fill(command: tuple[str, ...], ids: dict[str, int]) -> tuple[str, ...]:
    return tuple(a.format(**ids) for a in command)


def test_every_listing_fits_and_keeps_ids_and_times_whole(
    crowded: tuple[Path, dict[str, int]],
) -> None:
    home, ids = crowded
    commands = [_fill(c, ids) for c in LISTINGS]
    runs = [(c, {"COLUMNS": str(width)}) for width in WIDTHS for c in commands]
    every = _run_cases(home, runs)
    for n, width in enumerate(WIDTHS):
        answers = every[n * len(commands) : (n + 1) * len(commands)]
        for command, answer in zip(commands, answers, strict=True):
            out = answer["stdout"]
            assert answer["code"] in (0, 1), (command, answer["stderr"])
            assert out.strip(), command
            too_wide = [line for line in out.splitlines() if len(line) > width]
            assert not too_wide, (command, width, too_wide)
            assert not BOX.search(out), (command, "box characters in a pipe")
            assert "\x1b[" not in out, (command, "colour in a pipe")
        queue, posts, articles, platforms, log, status, feeds, _alerts, history = (
            a["stdout"] for a in answers
        )
        rows = [line for line in queue.splitlines()[1:] if not line.startswith("    ")]
        assert len(rows) == 4 and LONG[:6] in queue
        for row in rows:  # each post's id and full time, with its zone
            assert re.match(r"^\s*\d+  \d{4}-\d\d-\d\d \d\d:\d\d WITA  ", row), row
        for table in (queue, posts):
            assert "…" in table  # the long words cut, not wrapped
            assert WORDS[:12] in table
        lines = [line for line in posts.splitlines()[1:] if not line.startswith("    ")]
        assert [int(line.split()[0]) for line in lines] == list(range(1, 25))
        assert re.search(
            rf"^\s*{ids['article']}  2026-12-07 09:30 WITA  Bengkalis  file", articles, re.M
        )
        assert "Bupati Bengkalis" in articles and "…" in articles
        for name in ("access_token_secret", "consumer_secret", "app_secret (opsional)"):
            assert re.search(rf"(^|\s){re.escape(name)}(\s|$)", platforms, re.M), name
        assert len(re.findall(r"\d{4}-\d\d-\d\d \d\d:\d\d WITA", log)) == 8
        assert "https://t.me/humas/" in log
        assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d WITA", feeds) and "https://humas" in feeds
        assert "sosmed retry" in answers[5]["stderr"]  # status names the command for each post
        assert "WITA" in status and "WITA" in history


def _today_away_from_midnight(tz: ZoneInfo) -> date:
    """Today in ``tz``, waiting out the office's midnight if it is less than a minute away
    (the command must see the same day as the test)."""
    now = datetime.now(tz)
    midnight = datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=tz)
    if midnight - now < timedelta(minutes=1):
        sleep((midnight - now).total_seconds() + 1)
    return datetime.now(tz).date()


def test_queue_today_tomorrow_week_across_midnight(tmp_path: Path) -> None:
    """Day windows run midnight to midnight on the office's clock, not UTC's: in Jayapura
    (WIT, UTC+9) a post at 00:30 tomorrow is 15:30 UTC today."""
    results = {}
    for zone, abbr in (("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")):
        home = tmp_path / zone.replace("/", "_")
        store = _office(home, zone)
        tz = ZoneInfo(zone)
        today = _today_away_from_midnight(tz)

        def at(day: date, hh: int, mm: int, tz: ZoneInfo = tz) -> datetime:
            return datetime.combine(day, time(hh, mm), tzinfo=tz).astimezone(UTC)

        d = timedelta(days=1)
        plan = {
            "yesterday_late": at(today - d, 23, 59),
            "today_early": at(today, 0, 0),
            "today_late": at(today, 23, 59),
            "tomorrow_early": at(today + d, 0, 30),
            "day6_late": at(today + 6 * d, 23, 30),
            "day7_early": at(today + 7 * d, 0, 0),
        }
        ids = {
            name: add_post(store, "tg_humas", "telegram", status="scheduled", scheduled_at=when)
            for name, when in plan.items()
        }
        store.close()
        commands = [("queue", "--json", f) for f in ("--today", "--tomorrow", "--week")]
        commands.append(("queue", "--week"))
        answers = _run(home, commands, {"COLUMNS": "80"})
        assert all(a["code"] == 0 for a in answers), [a["stderr"] for a in answers]
        picked = [[p["id"] for p in json.loads(a["stdout"])] for a in answers[:3]]
        results[zone] = picked
        assert picked[0] == [ids["today_early"], ids["today_late"]], zone
        assert picked[1] == [ids["tomorrow_early"]], zone
        assert picked[2] == [ids[n] for n in list(plan)[1:5]], zone
        week = answers[3]["stdout"]
        days = [
            line
            for line in week.splitlines()
            if re.match(r"^(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), ", line)
        ]
        assert len(days) == 7 and days[0].endswith(str(today.year))
        assert f"00:30 {abbr}" in week and f"23:59 {abbr}" in week
        assert week.count("tidak ada post terjadwal") == 4  # days 2..5 of the week are empty
        assert max(len(line) for line in week.splitlines()) <= 80
    assert results["Asia/Makassar"] != [[], [], []]


def test_queue_takes_one_window(tmp_path: Path) -> None:
    store = _office(tmp_path / "home", "Asia/Jakarta")
    store.close()
    [answer] = _run(tmp_path / "home", [("queue", "--today", "--week")], {})
    assert answer["code"] == 2 and "--today" in answer["stderr"]


def test_json_on_every_listing(crowded: tuple[Path, dict[str, int]]) -> None:
    home, ids = crowded
    commands = [(*_fill(c, ids), "--json") for c in JSON_LISTINGS]
    commands.append(("accounts", "check", "--json"))
    for command, answer in zip(commands, _run(home, commands, {}), strict=True):
        assert answer["code"] in (0, 1), (command, answer["stderr"])
        json.loads(answer["stdout"])  # parses, whatever the width


def test_terminal_gets_a_ruled_header_in_the_same_width(
    crowded: tuple[Path, dict[str, int]],
) -> None:
    home, _ids = crowded
    answer = run_cli(home, "queue", env={"COLUMNS": "80", "FORCE_COLOR": "1"})
    plain = re.sub(r"\x1b\[[0-9;]*m", "", answer.stdout)
    assert "\x1b[" in answer.stdout and "─" in plain
    assert max(len(line) for line in plain.splitlines()) <= 80
