"""X on pay-per-use: every billable request in the spend ledger, and the monthly budget that
holds (never fails) a post that would pass it, against the sandbox through tweepy."""

from __future__ import annotations

import tomllib
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import tomli_w
from tests.support.clock import Clock
from tests.support.posts import due_post
from tests.support.world import sandbox_world

from sosmed.costs import HELD_BUDGET
from sosmed.models import Post
from sosmed.office import Office
from sosmed.office.alert_events import budget_events
from sosmed.office.wording import not_published
from sosmed.publish.publisher import Publisher
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Settings
from sosmed.store import Store

# 23:50 WIB on the last day of a month: the month rolls over twenty minutes later.
MONTH_END = datetime(2026, 12, 31, 16, 50, tzinfo=UTC)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Settings, Store, Sandbox]]:
    with sandbox_world(tmp_path) as w:
        yield w


def x_options(home: Path, **options: object) -> Settings:
    """The home's X account with these options; the settings read again."""
    config = tomllib.loads((home / "sosmed.toml").read_text())
    for acc in config["accounts"]:
        if acc["platform"] == "x":
            acc["options"] = options
    (home / "sosmed.toml").write_bytes(tomli_w.dumps(config).encode())
    return Settings.load(home)


def linked_posts(store: Store, n: int, when: datetime) -> list[int]:
    ids = []
    for i in range(n):
        pid = due_post(store, "x_sandbox", "x", when)
        with store.session() as s:
            post = s.get(Post, pid)
            assert post is not None
            post.text = f"Berita {i} {uuid.uuid4().hex[:6]} https://pemkab.go.id/berita/{i}"
        ids.append(pid)
    return ids


def test_a_budget_of_one_dollar_holds_the_sixth_post_with_a_link(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    _, store, _ = world
    settings = x_options(tmp_path, monthly_budget_usd=1)
    clock = Clock()
    clock.now = MONTH_END
    ids = linked_posts(store, 6, MONTH_END - timedelta(minutes=1))
    report = Publisher(store, settings, worker="t", clock=clock).tick()
    assert sorted(report.published) == ids[:5] and report.held == [ids[5]]
    held = store.get_post(ids[5])
    assert held.status == "scheduled" and held.attempts == 0
    assert (held.last_error or "").startswith(HELD_BUDGET)
    assert "$1.00 dari $1.00" in (held.last_error or "")
    told = not_published(held)  # what `sosmed publish` says of it
    assert told.startswith(f"post {ids[5]} tidak terkirim, {HELD_BUDGET}")
    assert "options.monthly_budget_usd" in told
    rows = [r for pid in ids for r in store.spend_rows(pid)]
    assert [(r.kind, r.usd_micros, r.price_date) for r in rows] == [
        ("create_url", 200_000, "2026-02-06")
    ] * 5
    (event,) = budget_events(store, settings, clock.now, "id")
    assert event.key == "post:budget:x_sandbox:2026-12" and str(ids[5]) in event.line
    health = Office(settings, store=store, clock=clock).health()
    said = " ".join(health.problems)
    assert f"{ids[5]}" in said and "anggaran" in said and "monthly_budget_usd" in said
    assert health.spend["x_sandbox"] == (1_000_000, 1_000_000)


def test_a_held_post_goes_when_the_budget_is_raised(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    _, store, _ = world
    settings = x_options(tmp_path, monthly_budget_usd="0.30")
    clock = Clock()
    clock.now = MONTH_END
    _, second = linked_posts(store, 2, MONTH_END - timedelta(minutes=1))
    publisher = Publisher(store, settings, worker="t", clock=clock)
    assert publisher.tick().held == [second]
    publisher.use_settings(x_options(tmp_path, monthly_budget_usd="0.40"))
    clock.now += timedelta(minutes=6)  # the next look at a held post
    assert publisher.tick().published == [second]
    assert store.get_post(second).last_error is None
    assert store.spent("x_sandbox", MONTH_END - timedelta(days=1)) == 400_000


def test_a_held_post_goes_when_the_month_rolls_over(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    _, store, _ = world
    settings = x_options(tmp_path, monthly_budget_usd="0.2")
    clock = Clock()
    clock.now = MONTH_END
    _, second = linked_posts(store, 2, MONTH_END - timedelta(minutes=1))
    publisher = Publisher(store, settings, worker="t", clock=clock)
    assert publisher.tick().held == [second]
    assert store.get_post(second).next_try_at == MONTH_END + timedelta(minutes=5)
    clock.now = MONTH_END + timedelta(minutes=11)  # 00:01 WIB, 1 January
    report = publisher.tick()
    assert report.published == [second], store.get_post(second).last_error


def test_basic_and_free_record_nothing_and_are_never_held(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    _, store, _ = world
    settings = x_options(tmp_path, access="basic", monthly_budget_usd="0.01")
    ids = linked_posts(store, 2, datetime.now(UTC) - timedelta(minutes=1))
    report = Publisher(store, settings, worker="t").tick()
    assert sorted(report.published) == ids
    assert store.spent("x_sandbox", datetime(2000, 1, 1, tzinfo=UTC)) == 0


def test_a_post_without_a_link_costs_the_plain_create(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    _, store, _ = world
    settings = x_options(tmp_path)
    pid = due_post(store, "x_sandbox", "x", datetime.now(UTC) - timedelta(minutes=1))
    assert Publisher(store, settings, worker="t").tick().published == [pid]
    assert [(r.kind, r.usd_micros) for r in store.spend_rows(pid)] == [("create", 15_000)]


def test_link_none_leaves_the_link_out_and_the_post_costs_the_plain_create(
    tmp_path: Path,
) -> None:
    from tests.support.articles import ARTICLE, insert_article, open_store
    from tests.support.config import make_home, six_accounts

    from sosmed.compose.build import compose_article
    from sosmed.office.spending import post_price

    accounts = six_accounts(x={"options": {"link": "none"}})
    accounts.append({"name": "x_link", "platform": "x"})
    settings = make_home(tmp_path / "home", accounts)
    store = open_store(settings)
    try:
        aid = insert_article(store)
        posts = {p.account: p for p in compose_article(store, settings, aid, None, MONTH_END)}
        office = Office(settings, store=store)
        host = str(ARTICLE["url"]).split("/")[2]
        assert host not in posts["humas_x"].text and "http" not in posts["humas_x"].text
        assert host in posts["x_link"].text
        assert post_price(office, posts["humas_x"]) == 15_000
        assert post_price(office, posts["x_link"]) == 200_000
        assert post_price(office, posts["humas_telegram"]) is None
    finally:
        store.close()


def test_an_unknown_link_mode_or_budget_is_a_config_error(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    from sosmed.errors import ConfigError
    from sosmed.platforms.registry import for_account

    for options, said in (
        ({"link": "balasan"}, "options.link"),
        ({"monthly_budget_usd": "banyak"}, "monthly_budget_usd"),
    ):
        settings = x_options(tmp_path, **options)
        with pytest.raises(ConfigError, match=said):
            for_account(settings.account("x_sandbox"), settings)


def test_an_account_check_records_its_paid_read_and_the_report_names_a_held_post(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    from sosmed.report.build import ReportInput, build, read_report

    _, store, _ = world
    settings = x_options(tmp_path, monthly_budget_usd="0.21")  # the check's read and one post
    office = Office(settings, store=store)
    (row,) = office.check_accounts("x_sandbox")
    assert row["ok"]
    since = datetime.now(UTC) - timedelta(minutes=5)
    assert store.spend_by_kind(since, datetime.now(UTC) + timedelta(minutes=5)) == [
        ("x_sandbox", "user_read", 1, 10_000)
    ]
    ids = linked_posts(store, 2, datetime.now(UTC) - timedelta(minutes=1))
    assert Publisher(store, settings, worker="t").tick().held == [ids[1]]
    now = datetime.now(UTC)
    inp = ReportInput(since, now + timedelta(minutes=5), settings.tz, lang="en")
    view = build(read_report(store, inp, []))
    reasons = {p["id"]: p["reason"] for a in view["articles"] for p in a["posts"]}
    assert reasons[ids[1]].startswith("held: the account's monthly budget")
    assert view["spend"] == [{"account": "x_sandbox", "usd": "$0.21", "budget": ""}]


def test_under_faults_every_post_x_created_is_charged_once(
    world: tuple[Settings, Store, Sandbox], tmp_path: Path
) -> None:
    from sosmed.sandbox.core import Faults

    _, store, sb = world
    settings = x_options(tmp_path)
    sb.faults = Faults(spec="x:after:0.3,x:reset:0.3,x:before:0.2", seed=20261207)
    now = datetime.now(UTC)
    ids = [due_post(store, "x_sandbox", "x", now - timedelta(minutes=1)) for _ in range(12)]
    publisher = Publisher(store, settings, worker="t", reconcile_after=timedelta(0))
    for _ in range(12):
        publisher.tick()
        with store.session() as s:  # time passes: backoff waits are over
            for pid in ids:
                post = s.get(Post, pid)
                assert post is not None
                post.next_try_at = None
    created = [e for e in sb.ledger.snapshot() if e["platform"] == "x"]
    assert len(created) == len(ids)  # every post once, none twice
    assert {store.get_post(pid).status for pid in ids} == {"published"}
    rows = [r for pid in ids for r in store.spend_rows(pid)]
    assert sum(r.kind == "create" for r in rows) == len(created)
    reads = [r for r in rows if r.kind in ("post_read", "user_read")]
    assert reads, "the faults left nothing to read back"
    assert store.spent("x_sandbox", now - timedelta(days=1)) == 15_000 * len(created) + sum(
        r.usd_micros for r in reads
    )
