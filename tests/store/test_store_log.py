"""The post log read from the store, on SQLite and PostgreSQL: filters, order, streaming, the
posts a report covers; and the SQLite indexes the log relies on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import inspect
from tests.support.month_history import WIB
from tests.support.posts import add_post

from sosmed.attempts import LogFilter
from sosmed.log.periods import month_bounds
from sosmed.models import Article, Attempt, Post
from sosmed.store import Store
from sosmed.store.engine import downgrade, upgrade

T0 = datetime(2026, 11, 10, 1, 0, tzinfo=UTC)
OUTCOMES = ["published", "retry", "failed", "published", "in_doubt", "stale", None]


def fill(store: Store, n: int = 21) -> list[int]:
    """Two articles, three posts, and ``n`` attempts an hour apart cycling through outcomes."""
    with store.session() as s:
        arts = [Article(content_hash=f"h{i}", source="file", title=f"A{i}") for i in range(2)]
        s.add_all(arts)
        s.flush()
        posts = [
            Post(article_id=arts[0].id or 0, account="humas-fb", platform="facebook", text="a"),
            Post(article_id=arts[0].id or 0, account="humas-x", platform="x", text="b"),
            Post(article_id=arts[1].id or 0, account="humas-x", platform="x", text="c"),
        ]
        s.add_all(posts)
        s.flush()
        for i in range(n):
            p = posts[i % 3]
            at = T0 + timedelta(hours=i)
            s.add(
                Attempt(
                    post_id=p.id or 0, account=p.account, platform=p.platform, fence=1,
                    worker="w", started_at=at, finished_at=at, outcome=OUTCOMES[i % 7],
                    message=f"m{i}",
                )
            )  # fmt: skip
        return [p.id or 0 for p in posts]


def test_newest_first_with_a_limit(any_store: Store) -> None:
    fill(any_store)
    rows = any_store.log_rows(LogFilter(), 5)
    assert [r.message for r in rows] == ["m20", "m19", "m18", "m17", "m16"]
    assert rows[0].started_at == T0 + timedelta(hours=20)
    assert rows[0].started_at.tzinfo is not None


def test_filters_combine(any_store: Store) -> None:
    fill(any_store)
    since = LogFilter(since=T0 + timedelta(hours=18))
    assert [r.message for r in any_store.log_rows(since, 100)] == ["m20", "m19", "m18"]
    window = LogFilter(since=T0 + timedelta(hours=2), until=T0 + timedelta(hours=4))
    assert [r.message for r in any_store.log_rows(window, 100)] == ["m3", "m2"]
    fb = any_store.log_rows(LogFilter(account="humas-fb"), 100)
    assert len(fb) == 7 and {r.account for r in fb} == {"humas-fb"}
    failed = any_store.log_rows(LogFilter(outcome="failed"), 100)
    assert [r.message for r in failed] == ["m16", "m9", "m2"]
    both = LogFilter(account="humas-x", outcome="published", since=T0 + timedelta(hours=5))
    assert [r.message for r in any_store.log_rows(both, 100)] == ["m17", "m14", "m10", "m7"]


def test_export_streams_every_row_oldest_first(any_store: Store) -> None:
    fill(any_store)
    rows = list(any_store.iter_log(LogFilter(), batch=4))
    assert [r.message for r in rows] == [f"m{i}" for i in range(21)]
    assert [r.id for r in any_store.iter_log(LogFilter(account="nobody"))] == []


def test_outcome_counts(any_store: Store) -> None:
    fill(any_store)
    counts = any_store.outcome_counts(LogFilter())
    assert counts == {
        "published": 6, "retry": 3, "failed": 3, "in_doubt": 3, "stale": 3, "": 3,
    }  # fmt: skip


def test_last_attempt_ignores_stale_writes_and_unfinished_tries(any_store: Store) -> None:
    ids = fill(any_store, n=7)  # post 0: m0 published, m3 published, m6 None
    last = any_store.last_attempts([*ids, 999_999])
    assert last[ids[0]].message == "m3"
    assert last[ids[1]].message == "m4"  # m4 in_doubt
    assert last[ids[2]].message == "m2"  # m5 is stale: the failed m2 stands
    assert 999_999 not in last


def test_the_posts_a_report_covers(any_store: Store) -> None:
    start, end = month_bounds(2026, 11, WIB)
    inside = add_post(any_store, "humas-x", status="published", published_at=start)
    last_second = add_post(
        any_store, "humas-x", status="failed", scheduled_at=end - timedelta(seconds=1)
    )
    cancelled = add_post(
        any_store, "humas-x", status="cancelled", updated_at=start + timedelta(days=3)
    )
    add_post(
        any_store, "humas-x", status="published", published_at=end
    )  # the next month (local midnight)
    add_post(
        any_store, "humas-x", status="draft", updated_at=start + timedelta(days=2)
    )  # never approved
    other = add_post(
        any_store, "humas-fb", status="published", published_at=start + timedelta(days=1)
    )
    ids = [p.id for p in any_store.report_posts(start, end, None)]
    assert ids == [inside, other, cancelled, last_second]
    assert [p.id for p in any_store.report_posts(start, end, "HUMAS-FB")] == [other]
    arts = any_store.articles_by_id(
        {p.article_id for p in any_store.report_posts(start, end, None)} | {0}
    )
    assert len(arts) == 4


def test_the_log_indexes_exist_and_are_used(tmp_path: Path) -> None:
    store = Store.open_url(f"sqlite:///{tmp_path / 'ix.any_store'}")
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("attempt")}
    assert {
        "ix_attempt_started",
        "ix_attempt_account_started",
        "ix_attempt_outcome_started",
    } <= names
    plan = _plan(store, "WHERE account = 'a' ORDER BY started_at DESC, id DESC LIMIT 200")
    assert "ix_attempt_account_started" in plan and "TEMP B-TREE" not in plan
    plan = _plan(store, "ORDER BY started_at DESC, id DESC LIMIT 200")
    assert "ix_attempt_started" in plan and "TEMP B-TREE" not in plan
    downgrade(store.engine, "0001")
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("attempt")}
    assert "ix_attempt_account_started" not in names and "ix_attempt_started" in names
    upgrade(store.engine)
    store.close()


def _plan(store: Store, tail: str) -> str:
    with store.engine.connect() as c:
        rows = c.exec_driver_sql(f"EXPLAIN QUERY PLAN SELECT * FROM attempt {tail}").all()
    return " ".join(str(r[-1]) for r in rows)
