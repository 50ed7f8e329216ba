"""Which stage of a post is due for a read of its counters (pure), and the [engagement] keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sosmed.engagement.config import Engagement, stage_age
from sosmed.engagement.counters import as_int, interactions
from sosmed.engagement.due import Due, due_stages, window
from sosmed.errors import ConfigError
from sosmed.settings import Settings

T0 = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)
STAGES = Engagement().ages()
GRACE = timedelta(hours=48)
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("age", "done", "expected"),
    [
        (30 * 60 / 3600 * H, set(), []),  # 30 minutes: nothing yet
        (H, set(), [Due("1h", True)]),  # on the hour
        (H * 1.2, {"1h"}, []),  # done: not again
        (H * 5, set(), [Due("1h", True)]),  # missed: read late, once
        (H * 23, {"1h"}, []),
        (H * 24, {"1h"}, [Due("24h", True)]),
        # Down for a day and a half: the 1 h stage is on the record as missed, 24 h is read.
        (H * 36, set(), [Due("1h", False), Due("24h", True)]),
        (H * 24 * 7, {"1h", "24h"}, [Due("7d", True)]),
        (H * (24 * 7 + 47), {"1h", "24h"}, [Due("7d", True)]),  # late within the grace
        (H * (24 * 7 + 49), {"1h", "24h"}, [Due("7d", False)]),  # past it: closed as missed
        (H * (24 * 7 + 49), set(), []),  # never followed (older than collecting): left alone
        (H * 24 * 30, {"1h", "24h", "7d"}, []),
    ],
)
def test_due_stages(age: timedelta, done: set[str], expected: list[Due]) -> None:
    assert due_stages(T0, T0 + age, done, STAGES, GRACE) == expected


def test_the_window_is_the_last_stage_and_the_grace() -> None:
    assert window(STAGES, GRACE) == timedelta(days=9)
    assert stage_age("90m") == timedelta(minutes=90)


def test_stages_are_sorted_by_age_whatever_order_they_are_written() -> None:
    assert Engagement(stages=["7d", "1h", "3d"]).stages == ["1h", "3d", "7d"]


def test_interactions_and_counters_as_platforms_give_them() -> None:
    assert [as_int(v) for v in (3, "12", None, -1, "x", True)] == [3, 12, 0, 0, 0, 1]
    assert interactions(None) == 0
    assert interactions({"likes": 2, "comments": 1, "shares": 3, "views": 900}) == 6


@pytest.mark.parametrize(
    ("table", "words"),
    [
        ('stages = ["1j"]', "bukan lama waktu"),
        ('stages = ["1h", "60m"]', "dua kali"),
        ("stages = []", "tidak boleh kosong"),
        ('stages = ["100d"]', "paling lama 90d"),
        ("grace_hours = -1", "engagement.grace_hours"),
        ("colect = true", "engagement.colect"),
    ],
)
def test_engagement_keys_are_checked_in_indonesian(tmp_path: Path, table: str, words: str) -> None:
    (tmp_path / "sosmed.toml").write_text(f"[engagement]\n{table}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        Settings.load(tmp_path)
    assert words in str(e.value)


def test_an_account_collect_key_is_read(tmp_path: Path) -> None:
    (tmp_path / "sosmed.toml").write_text(
        '[[accounts]]\nname = "x_humas"\nplatform = "x"\ncollect = true\n', encoding="utf-8"
    )
    assert Settings.load(tmp_path).account("x_humas").collect is True
