"""What the public did with each post: one article published on the seven sandbox accounts, the
office's clock moved past the hour, and the counters read back from each platform's own API,
stored per post and stage, shown in the report; X reads nothing (each read is paid) unless its
account says so, and a token without the insights scope is told once, not asked forever."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import timedelta
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from sqlmodel import select
from tests.support.cli import run_cli
from tests.support.clock import Clock
from tests.support.posts import add_post
from tests.support.world import sandbox_world

from sosmed.daemon import Daemon
from sosmed.models import Post, PostStatus
from sosmed.office import Office
from sosmed.office.engagement import EngagementDesk
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings

COUNTED = {"facebook", "instagram", "mastodon", "bluesky", "threads"}


class World:
    def __init__(self, office: Office, sb: Sandbox, clock: Clock) -> None:
        self.office, self.sb, self.clock = office, sb, clock
        self.desk = EngagementDesk(office)

    def later(self, delta: timedelta) -> None:
        """The office's clock and the sandbox's (the public's) move on together."""
        self.clock.now += delta
        self.sb.clock_offset += delta

    def reads(self, platform: str) -> int:
        return sum(1 for e in self.sb.reads.snapshot() if e["platform"] == platform)


def _published(office: Office) -> list[Post]:
    data = files("sosmed").joinpath("data/demo")
    with as_file(data.joinpath("foto.jpg")) as photo:
        local = office.settings.home / "foto.jpg"
        shutil.copyfile(photo, local)
    added = office.add_bytes(
        data.joinpath("berita.txt").read_bytes(),
        "berita",
        url="https://humas.example.go.id/berita/1",
        photos=[local],
        caption=None,
    )
    posts = office.compose(added.article_id, None)
    for p in posts:
        if p.status == PostStatus.draft:
            office.approve(p.id or 0, "uji")
    office.schedule([p.id or 0 for p in posts], office.now(), False, True, "uji", lambda _: None)
    Daemon(office, worker="uji").run_once()
    posts = [office.post(p.id or 0) for p in posts]
    assert {p.status for p in posts} == {PostStatus.published}
    return posts


def _world(home: Path, accounts: dict[str, dict[str, Any]] | None = None) -> Iterator[World]:
    with sandbox_world(home) as (settings, store, sb):
        if accounts:
            _configure(home, accounts)
            settings = Settings.load(home)
        clock = Clock()
        office = Office(settings, store, clock=clock)
        _published(office)
        yield World(office, sb, clock)


def _configure(home: Path, accounts: dict[str, dict[str, Any]]) -> None:
    import tomllib

    path = home / "sosmed.toml"
    config = tomllib.loads(path.read_text(encoding="utf-8"))
    for account in config["accounts"]:
        account.update(accounts.get(account["platform"], {}))
    path.write_bytes(tomli_w.dumps(config).encode())


@pytest.fixture
def world(home: Path) -> Iterator[World]:
    yield from _world(home)


def test_collecting_after_an_hour_fills_the_report(world: World) -> None:
    world.later(timedelta(hours=1, minutes=5))

    done = world.desk.collect()

    store = world.office.store
    rows = store.recent_engagement(None, None, 50)
    assert {r.platform for r in rows} == COUNTED
    assert {r.stage for r in rows} == {"1h"}
    assert all(r.counters.get("likes", 0) > 0 for r in rows)
    assert done.stored == len(rows) == 5
    assert world.reads("x") == 0  # X without `collect`: not one read request
    assert world.reads("telegram") == 0

    again = world.desk.collect()  # the same time, again: nothing new, nothing read
    assert (again.stored, again.reads) == (0, 0)
    assert len(store.recent_engagement(None, None, 50)) == 5

    now = world.clock.now
    html, _n, _a = world.office.report(now - timedelta(days=1), now, "id", False, None, now)
    assert html.count("data-top-post=") == 5
    assert 'data-platform-total="Facebook Page"' in html
    assert 'data-account-total="mastodon_sandbox"' in html
    assert "tidak tersedia di API Bot" in html  # Telegram
    assert "tidak dikumpulkan (collect = false)" in html  # X
    assert 'data-chart="engagement"' in html
    likes = sum(r.counters["likes"] for r in rows)
    assert f'<td class="n">{likes}</td>' in html  # the platforms' total of likes


def test_a_missed_stage_is_read_late_once_then_the_next(world: World) -> None:
    world.later(timedelta(hours=30))  # the daemon was down: 1 h and 24 h both passed

    world.desk.collect()

    rows = world.office.store.recent_engagement(None, "facebook_sandbox", 10)
    assert sorted((r.stage, r.note) for r in rows) == [("1h", "missed"), ("24h", None)]
    assert world.reads("facebook") == 2  # the counters and the views: one post read once
    first = next(r for r in rows if r.stage == "24h").counters["likes"]
    world.later(timedelta(days=6))
    world.desk.collect()
    (week,) = world.office.store.recent_engagement(None, "facebook_sandbox", 1)
    assert week.stage == "7d"
    assert week.counters["likes"] >= first  # the public's figures only grow


def test_a_token_without_insights_is_told_once_and_not_asked_again(world: World) -> None:
    store = world.office.store
    (published,) = world.office.posts(account="threads_sandbox")
    fields = {k: getattr(published, k) for k in ("remote_id", "remote_url", "published_at")}
    twin = add_post(store, "threads_sandbox", "threads", status="published", **fields)
    world.sb.no_insights.update({"threads", "instagram", "facebook"})
    world.later(timedelta(hours=1, minutes=5))

    first = world.desk.collect()

    threads = store.recent_engagement(None, "threads_sandbox", 5)
    assert {r.post_id for r in threads} == {published.id, twin}
    assert {(r.note, str(r.counters)) for r in threads} == {("not_allowed", "{}")}
    assert all("(#10) Application does not have permission" in (r.detail or "") for r in threads)
    assert world.reads("threads") == 1  # refused once: the twin was not asked (same token)
    (ig,) = store.recent_engagement(None, "instagram_sandbox", 5)
    assert ig.note == "partly" and set(ig.counters) == {"likes", "comments"}
    (fb,) = store.recent_engagement(None, "facebook_sandbox", 5)
    assert "views" not in fb.counters and fb.counters["likes"] > 0
    assert set(first.refused) == {"threads_sandbox"}

    reads = world.reads("threads")
    again = world.desk.collect()  # the refused stage is on the record: not asked again
    assert world.reads("threads") == reads
    world.later(timedelta(days=1))
    later = world.desk.collect()  # the next stage is asked once more, and not told again
    assert later.refused == {}
    assert again.stored == 0
    notes = [r.note for r in store.recent_engagement(None, "threads_sandbox", 10)]
    assert notes == ["not_allowed"] * 4


def test_x_reads_only_with_collect_and_within_the_budget(home: Path) -> None:
    for world in _world(home, {"x": {"collect": True}}):
        world.later(timedelta(hours=1, minutes=5))
        done = world.desk.collect()
        (row,) = world.office.store.recent_engagement(None, "x_sandbox", 5)
        assert row.counters["likes"] > 0 and row.cost == pytest.approx(0.005)
        assert world.reads("x") == 1
        assert done.cost == pytest.approx(0.005)
        # The read is in the account's spend ledger, where its monthly budget counts it.
        month = world.office.now() - timedelta(days=1)
        assert world.office.store.spent("x_sandbox", month) >= 5_000
        kinds = world.office.store.spend_by_kind(month, month + timedelta(days=3), "x_sandbox")
        assert ("x_sandbox", "post_read", 1, 5_000) in [tuple(k) for k in kinds]


def test_a_spent_budget_holds_the_paid_reads(home: Path) -> None:
    for world in _world(home, {"x": {"collect": True}}):
        world.office.settings.config.engagement.read_budget_usd = 0.0
        world.later(timedelta(hours=1, minutes=5))
        done = world.desk.collect()
        assert world.reads("x") == 0
        assert "anggaran" in done.failed["x_sandbox"]
        assert world.reads("mastodon") == 1  # free reads go on


@pytest.mark.slow  # five commands, each a new process
def test_engagement_collect_and_log_metrics_on_the_command_line(world: World) -> None:
    store, home = world.office.store, world.office.settings.home
    with store.session() as s:  # published two hours ago, on the real clock the CLI reads
        for p in s.exec(select(Post)).all():
            assert p.published_at is not None
            p.published_at -= timedelta(hours=2)
            s.add(p)

    collected = run_cli(home, "engagement", "collect")
    shown = run_cli(home, "log", "--metrics")

    assert collected.returncode == 0, collected.stderr
    assert "5 angka disimpan, 5 kali dibaca" in collected.stdout
    assert "telegram_sandbox: tidak tersedia di API Bot" in collected.stdout
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0].split()[:4] == ["waktu", "post", "akun", "tahap"]
    assert sum(" 1h " in line for line in lines) == 5
    assert max(len(line) for line in lines) <= 80
    assert "x_sandbox: tidak dikumpulkan (collect = false)" in shown.stdout
    exported = json.loads(run_cli(home, "log", "--metrics", "--json").stdout)
    assert len(exported) == 5 and {e["stage"] for e in exported} == {"1h"}
    assert run_cli(home, "log", "--metrics", "--csv").returncode == 2
    world.sb.no_insights.add("threads")
    with store.session() as s:  # a day later
        for p in s.exec(select(Post)).all():
            assert p.published_at is not None
            p.published_at -= timedelta(days=1)
            s.add(p)
    refused = run_cli(home, "engagement", "collect")
    assert refused.returncode == 1  # a person must give the token its insights scope
    assert "threads_sandbox: tidak diizinkan membaca angka publik" in refused.stderr
    assert "(#10)" in refused.stderr
    listed = run_cli(home, "posts", "--json")
    public = {p["account"]: p["engagement"] for p in json.loads(listed.stdout)}
    assert public["telegram_sandbox"] is None and public["x_sandbox"] is None
    assert public["mastodon_sandbox"]["likes"] > 0


def test_the_daemon_runs_a_pass_as_its_engagement_job(world: World) -> None:
    from datetime import UTC

    from apscheduler.schedulers.blocking import BlockingScheduler

    from sosmed.office.engagement import schedule_engagement

    scheduler = BlockingScheduler(timezone=UTC)
    schedule_engagement(Daemon(world.office, worker="uji"), scheduler)
    job = scheduler.get_job("engagement")
    assert job is not None
    stored = world.office.store.recent_engagement

    world.later(timedelta(minutes=55))
    job.func()  # a pass: nothing is an hour old yet
    world.later(timedelta(minutes=6))
    job.func()  # the hour has come, but the last pass was 6 minutes ago (every 10)
    assert stored(None, None, 50) == []
    world.later(timedelta(minutes=5))
    job.func()
    assert len(stored(None, None, 50)) == 5


def test_daemon_once_reads_engagement_when_enabled(world: World) -> None:
    """Cron's `sosmed daemon --once`: each run also makes one pass, after its publishing."""
    stored = world.office.store.recent_engagement
    daemon = Daemon(world.office, worker="uji")
    world.later(timedelta(hours=1, minutes=5))
    engagement = world.office.settings.config.engagement
    engagement.enabled = False
    daemon.run_once()
    assert stored(None, None, 50) == [] and world.reads("mastodon") == 0

    engagement.enabled = True
    daemon.run_once()
    rows = stored(None, None, 50)
    assert {r.platform for r in rows} == COUNTED and {r.stage for r in rows} == {"1h"}
    reads = world.reads("mastodon")
    daemon.run_once()  # nothing new is due: nothing read again
    assert len(stored(None, None, 50)) == 5 and world.reads("mastodon") == reads
