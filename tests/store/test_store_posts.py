"""A person's commands on a composed post, on SQLite and PostgreSQL: edit is checked against
the platform's limit, approve and cancel follow the state graph, and each leaves its event."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.articles import insert_article
from tests.support.config import make_home

from sosmed.compose.build import compose_article
from sosmed.errors import DoesNotFit, InvalidTransition
from sosmed.models import utcnow
from sosmed.settings import Settings
from sosmed.store import Store


@pytest.fixture
def six(tmp_path: Path) -> Settings:
    """A home with one account per platform (its database is not the one under test)."""
    return make_home(tmp_path / "home")


def test_edit_is_checked_against_the_limit(any_store: Store, six: Settings) -> None:
    post = next(
        p for p in compose_article(any_store, six, insert_article(any_store)) if p.platform == "x"
    )
    with pytest.raises(DoesNotFit) as caught:
        any_store.edit_post(post.id or 0, "a" * 300, "siti", now=utcnow())
    assert caught.value.length == 300 and caught.value.limit == 280
    assert "300" in str(caught.value) and "280" in str(caught.value)
    edited = any_store.edit_post(
        post.id or 0, "Teks baru dari Humas #Riau https://a.go.id", "siti", now=utcnow()
    )
    assert edited.hashtags == ["#Riau"]
    events = any_store.post_events(post.id or 0)
    assert (events[-1].actor, events[-1].action) == ("siti", "edit")


def test_approve_and_cancel_follow_the_state_graph(any_store: Store, six: Settings) -> None:
    post = next(
        p
        for p in compose_article(any_store, six, insert_article(any_store))
        if p.platform == "bluesky"
    )
    approved = any_store.approve_post(post.id or 0, "kabag", now=utcnow())
    assert approved.status == "approved" and approved.approved_by == "kabag"
    assert approved.approved_at is not None
    with pytest.raises(InvalidTransition):
        any_store.approve_post(post.id or 0, "kabag", now=utcnow())
    cancelled = any_store.cancel_post(post.id or 0, "siti", now=utcnow())
    assert cancelled.status == "cancelled"
    with pytest.raises(InvalidTransition):
        any_store.edit_post(post.id or 0, "terlambat", "siti", now=utcnow())
    actions = [(e.actor, e.action) for e in any_store.post_events(post.id or 0)]
    assert actions == [("sosmed", "compose"), ("kabag", "approve"), ("siti", "cancel")]
