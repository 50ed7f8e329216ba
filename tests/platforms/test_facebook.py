"""Facebook Page: facebook-sdk on a current Graph version against the sandbox; error mapping."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
import requests
from tests.support.platforms import entries_with

from sosmed.errors import (
    AuthError,
    InDoubt,
    PlatformError,
    RateLimited,
    Rejected,
    Transient,
)
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform
from sosmed.platforms.facebook import GRAPH_VERSION, graph_error, graph_wait, token_expiry
from sosmed.sandbox import facebook as fb_sandbox
from sosmed.sandbox.core import Sandbox

pytestmark = pytest.mark.timeout(60)


def post(text: str, images: list[OutgoingImage] | None = None, link: str | None = None) -> Outgoing:
    return Outgoing(1, "facebook_sandbox", text, images or [], link=link)


def unique(prefix: str = "Tes") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def recorder(platform: Platform) -> list[requests.PreparedRequest]:
    seen: list[requests.PreparedRequest] = []
    platform.session.hooks["response"].append(lambda r, *a, **k: seen.append(r.request))
    return seen


def test_calls_use_the_current_graph_version_and_post_the_token_in_the_body(
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform("facebook")
    seen = recorder(platform)
    platform.publish(post(unique(), images(2)))
    posts = [r for r in seen if r.method == "POST"]
    assert len(posts) == 3  # two unpublished photos, one feed post joining them
    assert all(f"/{GRAPH_VERSION}/" in str(r.url) for r in seen)
    assert all("access_token" not in str(r.url) for r in posts)
    assert all("appsecret_proof" in str(r.body) for r in posts)


def test_unpublished_photos_are_not_posts_of_their_own(
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    before = len([e for e in _ledger(sandbox) if e["platform"] == "facebook"])
    text = unique("Album")
    make_platform("facebook").publish(post(text, images(3)))
    after = [e for e in _ledger(sandbox) if e["platform"] == "facebook"]
    assert len(after) == before + 1
    assert len(after[-1]["images"]) == 3 and after[-1]["text"] == text


def _ledger(sandbox: Sandbox) -> list[dict[str, object]]:
    return list(requests.get(f"{sandbox.base_url}/_ledger", timeout=5).json())


def test_a_link_post_publishes_with_its_link(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    text = unique("Tautan")
    published = make_platform("facebook").publish(post(text, link="https://slemankab.go.id/b/1"))
    (entry,) = entries_with(sandbox, "facebook", text)
    assert entry["remote_id"] == published.remote_id
    page = sandbox.state["facebook"]
    assert page.posts[-1]["link"] == "https://slemankab.go.id/b/1"


def test_wrong_app_secret_fails_the_proof_and_posts_nothing(
    sandbox: Sandbox, make_platform: Callable[[str], Platform], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSMED_FACEBOOK_SANDBOX_APP_SECRET", "not-the-app-secret")
    text = unique()
    with pytest.raises(Rejected) as caught:
        make_platform("facebook").publish(post(text))
    assert "not-the-app-secret" not in str(caught.value)
    assert entries_with(sandbox, "facebook", text) == []


def test_a_wrong_token_is_an_auth_error_that_never_shows_the_token(
    make_platform: Callable[[str], Platform], monkeypatch: pytest.MonkeyPatch
) -> None:
    token = "EAAGwrongTokenValue000000000000"
    monkeypatch.setenv("SOSMED_FACEBOOK_SANDBOX_PAGE_TOKEN", token)
    monkeypatch.delenv("SOSMED_FACEBOOK_SANDBOX_APP_SECRET")
    with pytest.raises(AuthError) as caught:
        make_platform("facebook").check()  # a GET: the token rides in the query string
    assert caught.value.code == "190"
    assert token not in str(caught.value) and "access_token" not in str(caught.value)


def test_check_reports_the_page_and_the_data_access_expiry(
    make_platform: Callable[[str], Platform],
) -> None:
    info = make_platform("facebook").check()
    assert fb_sandbox.PAGE_ID in info.identity and fb_sandbox.PAGE_NAME in info.identity
    assert info.expires_at is not None and info.expires_at > datetime.now(UTC)


def test_find_reads_published_posts_since(make_platform: Callable[[str], Platform]) -> None:
    platform = make_platform("facebook")
    since = datetime.now(UTC) - timedelta(seconds=5)
    text = unique("Cari")
    published = platform.publish(post(text))
    found = platform.find(post(f"  {text}\n"), since)
    assert found is not None and found.remote_id == published.remote_id
    assert found.url == published.url
    assert platform.find(post(text), datetime.now(UTC) + timedelta(minutes=1)) is None


def test_refused_connection_is_transient_without_token_or_url(
    platform_at: Callable[[str, str], Platform], closed_port: str
) -> None:
    with pytest.raises(Transient) as caught:
        platform_at("facebook", closed_port).publish(post(unique()))
    assert fb_sandbox.PAGE_TOKEN not in str(caught.value)
    assert "127.0.0.1" not in str(caught.value)


def test_a_silent_server_times_out(
    platform_at: Callable[[str, str], Platform], silent_server: str
) -> None:
    started = time.monotonic()
    with pytest.raises(InDoubt):
        platform_at("facebook", silent_server).publish(post(unique()))
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("code", "subcode", "status", "create", "expected"),
    [
        (190, 463, 400, True, AuthError),
        (102, None, 400, False, AuthError),
        (200, None, 403, True, AuthError),
        (10, None, 403, True, AuthError),
        (4, None, 403, True, RateLimited),
        (32, None, 400, True, RateLimited),
        (613, None, 400, True, RateLimited),
        (80001, None, 400, True, RateLimited),
        (9, 2207042, 400, True, RateLimited),
        (506, None, 400, True, Rejected),
        (368, None, 400, True, Rejected),
        (100, None, 400, True, Rejected),
        (2, None, 500, True, InDoubt),
        (2, None, 500, False, Transient),
        (1, None, None, True, InDoubt),
        (-1, 2207001, 500, True, InDoubt),
        (-2, 2207003, 400, False, Transient),
        (None, None, 502, True, InDoubt),
    ],
)
def test_graph_error_table(
    code: int | None,
    subcode: int | None,
    status: int | None,
    create: bool,
    expected: type[PlatformError],
) -> None:
    error = {"message": "m", "code": code, "error_subcode": subcode} if code is not None else None
    mapped = graph_error("facebook", error, status, {}, create=create)
    assert type(mapped) is expected
    if code in (506, 368):
        assert mapped.code == "duplicate"


def test_rate_limit_wait_comes_from_the_business_use_case_header() -> None:
    usage = '{"1": [{"type": "pages", "estimated_time_to_regain_access": 7}]}'
    assert graph_wait({"X-Business-Use-Case-Usage": usage}, 600.0) == 420.0
    assert graph_wait({"Retry-After": "12"}, 600.0) == 12.0
    assert graph_wait({"X-Business-Use-Case-Usage": "not json"}, 600.0) == 600.0
    assert graph_wait({}, 600.0) == 600.0


def test_token_expiry_prefers_a_timed_expiry() -> None:
    assert token_expiry({"expires_at": 1_900_000_000})[0] == datetime.fromtimestamp(
        1_900_000_000, UTC
    )
    never = token_expiry({"expires_at": 0, "data_access_expires_at": 1_800_000_000})
    assert never[0] == datetime.fromtimestamp(1_800_000_000, UTC) and "does not expire" in never[1]
    assert token_expiry({}) == (None, "token does not expire")
