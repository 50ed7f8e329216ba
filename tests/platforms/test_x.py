"""X: tweepy and the v2 media calls against the sandbox; OAuth 1.0a checks; error mapping."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
import requests
from requests_oauthlib import OAuth1
from tests.support.platforms import account_for, entries_with, platform_class

from sosmed.errors import (
    AuthError,
    CannotTell,
    ConfigError,
    InDoubt,
    PlatformError,
    RateLimited,
    Rejected,
    Transient,
)
from sosmed.platforms import _http
from sosmed.platforms.base import Outgoing, OutgoingImage, Platform, make_session
from sosmed.platforms.x import XPlatform
from sosmed.platforms.x_answers import match_key, x_error
from sosmed.publish.retry import decide
from sosmed.sandbox import x as x_sandbox
from sosmed.sandbox.core import Request, Sandbox
from sosmed.sandbox.oauth1 import Verifier, base_string, sign
from sosmed.settings import Settings

pytestmark = pytest.mark.timeout(60)


def post(text: str, images: list[OutgoingImage] | None = None) -> Outgoing:
    return Outgoing(1, "x_sandbox", text, images or [])


def unique(prefix: str = "Tes") -> str:
    return f"{prefix} {uuid.uuid4().hex[:10]}"


def test_signature_matches_xs_published_example() -> None:
    # The worked example of X's "Creating a signature" page.
    params = [
        ("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
        ("include_entities", "true"),
        ("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
        ("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
        ("oauth_signature_method", "HMAC-SHA1"),
        ("oauth_timestamp", "1318622958"),
        ("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
        ("oauth_version", "1.0"),
    ]
    base = base_string("POST", "https://api.twitter.com/1.1/statuses/update.json", params)
    signature = sign(
        base,
        "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
    )
    assert signature == "hCtSmYh+iHYCEqBWrE7C7hYmtUk="


def signed_get(sandbox: Sandbox, path: str, consumer_secret: str) -> requests.Response:
    session = make_session(("https://api.x.com",), sandbox.base_url)
    auth = OAuth1(
        x_sandbox.CONSUMER_KEY,
        consumer_secret,
        x_sandbox.ACCESS_TOKEN,
        x_sandbox.ACCESS_SECRET,
    )
    return session.get(f"https://api.x.com{path}", auth=auth, timeout=5)


def test_sandbox_checks_signatures_and_sends_rate_limit_headers(sandbox: Sandbox) -> None:
    good = signed_get(sandbox, "/2/users/me", x_sandbox.CONSUMER_SECRET)
    assert good.status_code == 200
    assert good.json()["data"]["username"] == x_sandbox.USERNAME
    assert int(good.headers["x-rate-limit-remaining"]) < int(good.headers["x-rate-limit-limit"])
    assert int(good.headers["x-rate-limit-reset"]) > time.time()
    bad = signed_get(sandbox, "/2/users/me", "not-the-secret")
    assert bad.status_code == 401
    assert bad.json()["title"] == "Unauthorized"


def test_replayed_nonce_is_refused(sandbox: Sandbox) -> None:
    session = make_session(("https://api.x.com",), sandbox.base_url)
    auth = OAuth1(
        x_sandbox.CONSUMER_KEY,
        x_sandbox.CONSUMER_SECRET,
        x_sandbox.ACCESS_TOKEN,
        x_sandbox.ACCESS_SECRET,
    )
    prepared = session.prepare_request(
        requests.Request("GET", "https://api.x.com/2/users/me", auth=auth)
    )
    assert session.send(prepared, timeout=5).status_code == 200
    assert session.send(prepared, timeout=5).status_code == 401


def test_verifier_rejects_a_body_changed_after_signing() -> None:
    verifier = Verifier({"ck": "cs"}, {"tok": "ts"})
    prepared = requests.Request(
        "POST",
        "https://api.twitter.com/1.1/x.json",
        data={"status": "asli"},
        auth=OAuth1("ck", "cs", "tok", "ts"),
    ).prepare()
    headers = {
        k.lower(): v.decode() if isinstance(v, bytes) else v for k, v in prepared.headers.items()
    }

    def as_received(body: bytes) -> Request:
        return Request("POST", "/1.1/x.json", {}, headers, body)

    assert prepared.body == b"status=asli"
    assert verifier.verify(as_received(b"status=asli"))[0] == "tok"
    assert verifier.verify(as_received(b"status=palsu"))[0] is None


def test_bad_consumer_secret_is_an_auth_error_without_the_secret(
    make_platform: Callable[[str], Platform], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOSMED_X_SANDBOX_CONSUMER_SECRET", "wrong-secret-value-123")
    with pytest.raises(AuthError) as caught:
        make_platform("x").check()
    assert "wrong-secret-value-123" not in str(caught.value)
    assert caught.value.http_status == 401


def test_find_matches_through_tco_links_and_entities(
    make_platform: Callable[[str], Platform],
) -> None:
    platform = make_platform("x")
    since = datetime.now(UTC) - timedelta(seconds=5)
    text = f"{unique('Jalan & jembatan <baru>')} https://slemankab.go.id/berita/123"
    published = platform.publish(post(text))
    found = platform.find(post(text), since)
    assert found is not None and found.remote_id == published.remote_id
    assert platform.find(post(unique("Tidak pernah dikirim")), since) is None


def test_too_long_text_is_rejected(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    text = unique("Panjang") + " kata" * 60
    with pytest.raises(Rejected) as caught:
        make_platform("x").publish(post(text))
    assert caught.value.http_status == 400
    assert "Your Tweet text is too long" in str(caught.value)
    # Never retried: a person must shorten it.
    assert decide(caught.value, 1, 5, datetime.now(UTC), random.Random(1)).action == "fail"
    assert entries_with(sandbox, "x", text[:20]) == []


def test_real_rate_window_gives_rate_limited(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    state = sandbox.state["x"]
    state.post_limit = 0
    try:
        with pytest.raises(RateLimited) as caught:
            make_platform("x").publish(post(unique()))
    finally:
        state.post_limit = 100
    assert 0 < caught.value.retry_after <= 900


def test_photos_go_through_v2_media_upload_and_metadata(
    sandbox: Sandbox,
    make_platform: Callable[[str], Platform],
    images: Callable[[int], list[OutgoingImage]],
) -> None:
    platform = make_platform("x")
    seen: list[str] = []
    platform.session.hooks["response"].append(lambda r, *a, **k: seen.append(r.request.url))
    photos = images(2)
    text = unique("Foto")
    platform.publish(post(text, photos))
    (entry,) = entries_with(sandbox, "x", text)
    assert [i["alt"] for i in entry["images"]] == [p.alt for p in photos]
    assert sum("/2/media/upload" in u for u in seen) == 2
    assert sum("/2/media/metadata" in u for u in seen) == 2


def test_a_silent_server_times_out_as_transient_on_reads(
    platform_at: Callable[[str, str], Platform], silent_server: str
) -> None:
    started = time.monotonic()
    with pytest.raises(Transient):
        platform_at("x", silent_server).check()
    assert time.monotonic() - started < 5


def test_refused_connection_on_create_is_transient(
    platform_at: Callable[[str, str], Platform], closed_port: str
) -> None:
    platform = platform_at("x", closed_port)
    assert isinstance(platform, XPlatform)
    platform._me = ("1", "someone")  # skip the read so the create itself meets the refusal
    with pytest.raises(Transient) as caught:
        platform.publish(post(unique()))
    assert "127.0.0.1" not in str(caught.value)
    assert x_sandbox.ACCESS_TOKEN not in str(caught.value)


def response(
    status: int, body: str = "{}", headers: dict[str, str] | None = None
) -> requests.Response:
    r = requests.Response()
    r.status_code = status
    r._content = body.encode()
    r.headers.update(headers or {})
    return r


DUPLICATE = (
    '{"detail":"You are not allowed to create a Tweet with duplicate content.","status":403}'
)
PERMISSIONS = '{"type":"https://api.twitter.com/2/problems/oauth1-permissions","status":403}'


@pytest.mark.parametrize(
    ("status", "body", "create", "expected", "code"),
    [
        (403, DUPLICATE, True, Rejected, "duplicate"),
        (403, PERMISSIONS, True, AuthError, "403"),
        (403, '{"detail":"You are not permitted to perform this action."}', True, Rejected, "403"),
        (401, '{"title":"Unauthorized"}', True, AuthError, "401"),
        (402, '{"title":"CreditsDepleted"}', True, Rejected, "402"),
        (
            400,
            '{"errors":[{"code":187,"message":"Status is a duplicate."}]}',
            True,
            Rejected,
            "duplicate",
        ),
        (
            400,
            '{"title":"Invalid Request","errors":[{"parameters":{"text":["..."]},'
            '"message":"Your Tweet text is too long."}]}',
            True,
            Rejected,
            "400",
        ),
        (503, "<html>down</html>", True, InDoubt, None),
        (503, "<html>down</html>", False, Transient, None),
        (500, "{}", True, InDoubt, None),
    ],
)
def test_error_table(
    status: int, body: str, create: bool, expected: type[PlatformError], code: str | None
) -> None:
    error = x_error(response(status, body), create=create)
    assert type(error) is expected
    assert error.http_status == status
    if code is not None:
        assert error.code == code


def test_rate_limit_waits_for_the_24_hour_reset_when_that_is_used_up() -> None:
    now = time.time()
    headers = {
        "x-rate-limit-reset": str(int(now + 60)),
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": str(int(now + 7200)),
    }
    error = x_error(response(429, "{}", headers), create=True)
    assert isinstance(error, RateLimited)
    assert 7000 < error.retry_after <= 7200
    plain = x_error(response(429, "{}", {"x-rate-limit-reset": str(int(now + 60))}), create=True)
    assert isinstance(plain, RateLimited) and 50 < plain.retry_after <= 60


def test_match_key_ignores_urls_entities_and_spacing() -> None:
    sent = "Jalan & jembatan\n baru https://slemankab.go.id/b/1  #Sleman"
    returned = "Jalan &amp; jembatan baru https://t.co/AbCdEf1234 #Sleman"
    assert match_key(sent) == match_key(returned)
    assert match_key(sent) != match_key("Jalan & jembatan lama #Sleman")


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "30"}, 30.0),
        ({"x-rate-limit-reset": "1000000060"}, 60.0),  # epoch seconds
        ({"X-RateLimit-Reset": "2001-09-09T01:48:20Z"}, 100.0),
        ({"Retry-After": "Sun, 09 Sep 2001 01:49:20 GMT"}, 160.0),
        ({"ratelimit-reset": "45"}, 45.0),
        ({}, 77.0),
        ({"Retry-After": "rubbish"}, 77.0),
    ],
)
def test_retry_after_headers(headers: dict[str, str], expected: float) -> None:
    now = 1_000_000_000.0  # 2001-09-09T01:46:40Z
    assert _http.retry_after(headers, 77.0, now=now) == pytest.approx(expected)


def test_a_missing_secret_fails_when_the_platform_is_made(
    make_platform: Callable[[str], Platform], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOSMED_X_SANDBOX_ACCESS_TOKEN_SECRET")
    with pytest.raises(ConfigError, match="SOSMED_X_SANDBOX_ACCESS_TOKEN_SECRET"):
        make_platform("x")


def test_concurrent_publishes_each_land_once(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    texts = [unique("Serentak") for _ in range(8)]

    def publish(text: str) -> str:
        return make_platform("x").publish(post(text)).remote_id

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = list(pool.map(publish, texts))
    assert len(set(ids)) == len(texts)
    for text, remote_id in zip(texts, ids, strict=True):
        (entry,) = entries_with(sandbox, "x", text)
        assert entry["remote_id"] == remote_id


def free_x(settings: Settings) -> Platform:
    account = account_for(settings, "x")
    free = account.model_copy(update={"options": {**account.options, "access": "free"}})
    return platform_class("x")(free, settings)


def test_free_access_never_reads_back_and_says_what_to_look_for(
    sandbox_settings: Settings,
) -> None:
    platform = free_x(sandbox_settings)
    sent: list[str] = []
    platform.session.hooks["response"].append(lambda r, *a, **k: sent.append(r.request.url))
    text = unique("Posyandu balita dibuka kembali")
    since = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)
    assert platform.can_read_back is False
    with pytest.raises(CannotTell) as caught:
        platform.find(post(text), since)
    assert sent == []  # Free may not read: not even one request
    assert text in str(caught.value) and "07-12-2026 08:00 WIB" in str(caught.value)


def test_the_free_level_refuses_reads_as_x_does(
    sandbox: Sandbox, make_platform: Callable[[str], Platform]
) -> None:
    sandbox.state["x"].access = "free"
    try:
        with pytest.raises(CannotTell, match="403"):
            make_platform("x").find(post(unique("x")), datetime.now(UTC))
        answer = signed_get(
            sandbox, f"/2/users/{x_sandbox.USER_ID}/tweets", x_sandbox.CONSUMER_SECRET
        )
    finally:
        sandbox.state["x"].access = "pay-per-use"
    assert answer.status_code == 403
    assert answer.json()["reason"] == "client-not-enrolled"


def test_an_unknown_access_level_is_a_config_error(sandbox_settings: Settings) -> None:
    account = account_for(sandbox_settings, "x")
    odd = account.model_copy(update={"options": {"access": "gratis"}})
    with pytest.raises(ConfigError, match=r"options\.access"):
        platform_class("x")(odd, sandbox_settings)
