"""The queue read day by day on the office's wall clock (the office layer, a fixed clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from tests.support.config import write_config
from tests.support.posts import add_post

from sosmed.office import Office
from sosmed.office.calendar import office_today, queue_days
from sosmed.store import Store

WIT = ZoneInfo("Asia/Jayapura")


def test_today_is_the_office_day_not_the_utc_one(tmp_path: Path) -> None:
    settings = write_config(
        tmp_path, {"timezone": "Asia/Jayapura", "accounts": [{"name": "x_humas", "platform": "x"}]}
    )
    store = Store.open_url(settings.database_url)
    # 15:30 UTC on 7 January is already 00:30 WIT on the 8th in Jayapura.
    office = Office(settings, store, clock=lambda: datetime(2030, 1, 7, 15, 30, tzinfo=UTC))
    try:

        def post(day: int, hour: int, minute: int = 0) -> int:
            when = datetime(2030, 1, day, hour, minute, tzinfo=WIT)
            return add_post(store, status="scheduled", scheduled_at=when)

        post(7, 23, 59)  # yesterday in the office, though today in UTC
        early, late = post(8, 0), post(8, 23, 59)
        tomorrow = post(9, 0)
        day7 = post(14, 23, 59)
        post(15, 0)  # the eighth day: outside a week
        assert office_today(office) == date(2030, 1, 8)
        [(day, posts)] = queue_days(office, office_today(office), 1, 100)
        assert day == date(2030, 1, 8) and [p.id for p in posts] == [early, late]
        week = queue_days(office, office_today(office), 7, 100)
        assert [d for d, _ in week] == [date(2030, 1, 8) + timedelta(days=n) for n in range(7)]
        assert [[p.id for p in ps] for _, ps in week] == [
            [early, late],
            [tomorrow],
            [],
            [],
            [],
            [],
            [day7],
        ]
    finally:
        store.close()
