"""Mastodon publisher against the sandbox's instance, through the real client code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from tests.support.articles import insert_article, open_store
from tests.support.net import closed_port_url
from tests.support.platform_demo import (
    entries,
    leaks,
    make_image,
    outgoing,
    platform_fixtures,
    set_fault,
)

from sosmed.compose.build import compose_article, compose_for, material_for
from sosmed.errors import AuthError, DoesNotFit, InDoubt, RateLimited, Rejected, Transient
from sosmed.office import Office
from sosmed.platforms.mastodon import MastodonPlatform, instance_url, parse_rules, plain
from sosmed.sandbox import mastodon as emu
from sosmed.sandbox.core import Sandbox
from sosmed.settings import Account, secret_env_name

TOKEN = emu.DEMO_TOKEN

Maker = Callable[..., MastodonPlatform]


box, sb, make = platform_fixtures("mastodon", emu, MastodonPlatform)


@pytest.fixture
def masto(make: Maker) -> MastodonPlatform:
    return make()


def statuses(sb: Sandbox) -> list[dict[str, object]]:
    return list(sb.state["mastodon"]["statuses"].values())


def test_text_with_link_and_hashtag(sb: Sandbox, masto: MastodonPlatform) -> None:
    text = "Jalan <baru> & mulus: https://bengkaliskab.go.id/berita/2024/jalan #Bengkalis"
    published = masto.publish(outgoing(masto.account.name, text))
    [entry] = entries(sb, "mastodon")
    assert entry["text"] == text
    assert published.remote_id == entry["remote_id"]
    assert published.url == entry["url"]
    [status] = statuses(sb)
    assert (status["language"], status["visibility"]) == ("id", "public")
    assert plain(str(status["content"])) == text


def test_photos_carry_their_alt_text(sb: Sandbox, masto: MastodonPlatform, tmp_path: Path) -> None:
    images = [
        make_image(tmp_path / f"{c}.png", (90, 60), c, alt=f"Foto {c}") for c in ("red", "blue")
    ]
    masto.publish(outgoing(masto.account.name, "Dua foto", images))
    [entry] = entries(sb, "mastodon")
    assert [(i["sha256"], i["alt"], i["width"]) for i in entry["images"]] == [
        (i.sha256, i.alt, 90) for i in images
    ]


def test_media_still_processing_is_polled(
    sb: Sandbox, masto: MastodonPlatform, tmp_path: Path
) -> None:
    emu.state(sb)["async_media"] = True
    image = make_image(tmp_path / "a.jpg", alt="Foto")
    masto.publish(outgoing(masto.account.name, "Satu foto", [image]))
    [entry] = entries(sb, "mastodon")
    assert entry["images"][0]["sha256"] == image.sha256


def test_same_idempotency_key_gives_one_post(sb: Sandbox, masto: MastodonPlatform) -> None:
    item = outgoing(masto.account.name, "Sekali saja", key="post-77-key")
    first, second = masto.publish(item), masto.publish(item)
    assert first.remote_id == second.remote_id
    assert len(entries(sb, "mastodon")) == 1
    masto.publish(outgoing(masto.account.name, "Sekali saja", key="post-78-key"))
    assert len(entries(sb, "mastodon")) == 2


def test_resend_with_the_key_settles_a_lost_answer(sb: Sandbox, masto: MastodonPlatform) -> None:
    set_fault(sb, "mastodon", "after")
    item = outgoing(masto.account.name, "Pengumuman penting")
    with pytest.raises(InDoubt):
        masto.publish(item)
    set_fault(sb, "mastodon", None)
    again = masto.publish(item)
    [entry] = entries(sb, "mastodon")
    assert again.remote_id == entry["remote_id"]


@pytest.mark.parametrize(
    ("kind", "error", "created"),
    [
        ("before", InDoubt, 0),
        ("after", InDoubt, 1),
        ("hang", InDoubt, 1),
        ("reset", InDoubt, 1),
        ("ratelimit", RateLimited, 0),
        ("auth", AuthError, 0),
    ],
)
def test_each_fault_lands_in_its_class(
    sb: Sandbox, masto: MastodonPlatform, tmp_path: Path, kind: str, error: type, created: int
) -> None:
    set_fault(sb, "mastodon", kind)
    image = make_image(tmp_path / "a.jpg", alt="Foto")
    with pytest.raises(error) as caught:
        masto.publish(outgoing(masto.account.name, "Pengumuman", [image]))
    assert len(entries(sb, "mastodon")) == created
    assert leaks(caught.value, TOKEN) == []
    if isinstance(caught.value, RateLimited):
        assert 1 <= caught.value.retry_after <= 61


@pytest.mark.parametrize(("kind", "found"), [("after", True), ("before", False)])
def test_find_reads_the_timeline(
    sb: Sandbox, masto: MastodonPlatform, tmp_path: Path, kind: str, found: bool
) -> None:
    masto.publish(outgoing(masto.account.name, "Berita lain"))
    since = datetime.now(UTC)
    set_fault(sb, "mastodon", kind)
    image = make_image(tmp_path / "a.jpg", alt="Foto")
    item = outgoing(
        masto.account.name, "Rapat koordinasi\n\ndi https://siakkab.go.id #Siak", [image]
    )
    with pytest.raises(InDoubt):
        masto.publish(item)
    result = masto.find(item, since)
    created = [e for e in entries(sb, "mastodon") if e["text"] == item.text]
    assert (result is not None) == found == bool(created)
    if result is not None:
        assert result.remote_id == created[0]["remote_id"]


@pytest.mark.usefixtures("english")
def test_instance_limits_are_checked_before_sending(
    sb: Sandbox, make: Maker, tmp_path: Path
) -> None:
    emu.state(sb)["max_characters"] = 100
    # The limits are kept per instance for the process: another instance name reads them anew.
    masto = make(options={"instance": "https://kecil.sandbox.test"})
    with pytest.raises(Rejected, match="allows 100"):
        masto.publish(outgoing(masto.account.name, "kata " * 30))
    images = [make_image(tmp_path / f"{i}.jpg") for i in range(5)]
    with pytest.raises(Rejected, match="allows 4"):
        masto.publish(outgoing(masto.account.name, "foto", images))
    assert entries(sb, "mastodon") == []
    assert masto.rules().max_characters == 100


def test_bad_token_and_refused_connection(make: Maker, monkeypatch: pytest.MonkeyPatch) -> None:
    masto = make()
    wrong = "wrong-mastodon-token-0123456789abcdef"
    monkeypatch.setenv(secret_env_name(masto.account.name, "access_token"), wrong)
    with pytest.raises(AuthError) as caught:
        masto.check()
    assert leaks(caught.value, wrong, TOKEN) == []
    away = make(api_base=closed_port_url())
    with pytest.raises(Transient) as refused:
        away.publish(outgoing(away.account.name, "Pengumuman"))
    assert not isinstance(refused.value, InDoubt)


def test_check_and_instance_address(masto: MastodonPlatform) -> None:
    assert masto.check().identity == "@humas_sandbox"
    assert masto.instance == "https://mastodon.sandbox.test"
    bare = Account(name="m", platform="mastodon", api_base="http://127.0.0.1:9/")
    assert instance_url(bare) == "http://127.0.0.1:9"
    named = Account(name="m", platform="mastodon", options={"instance": "mastodon.social"})
    assert instance_url(named) == "https://mastodon.social"


def test_pure_helpers() -> None:
    content = '<p>A &amp; B<br />C <a href="x"><span class="invisible">https://</span>x.id</a></p>'
    assert plain(content + "<p>D</p>") == "A & B C https://x.id D"
    rules = parse_rules({"configuration": {"statuses": {"max_characters": 1000}}})
    assert (rules.max_characters, rules.url_length, rules.max_media) == (1000, 23, 4)


def test_a_1000_character_instance_gets_longer_posts(sb: Sandbox, make: Maker) -> None:
    # Another instance name: the process's cache of the demo instance's limits stays as it is.
    masto = make(options={"instance": "https://besar.sandbox.test"})
    name = masto.account.name
    office = Office(masto.settings, open_store(masto.settings))
    try:
        article = insert_article(office.store)
        usual = compose_for(
            masto.account, material_for(office.store, masto.settings, article), masto.settings
        )
        emu.state(sb)["max_characters"] = 1000
        masto.check()  # reads the instance's limits and keeps them in the home
        (longer,) = compose_article(office.store, masto.settings, article, [name])
        assert longer.problem is None and longer.id is not None
        if longer.status == "draft":
            office.approve(longer.id, "budi")  # the store measures with the instance's limits
        assert Office.measure(longer, office.account_limits(name)).limit == 1000
        edited = office.edit(office.post(longer.id), longer.text + " Tambahan" * 30, "budi")
        with pytest.raises(DoesNotFit, match="1000"):
            office.edit(edited, "kata " * 250, "budi")
    finally:
        office.store.close()
    assert MastodonPlatform.measure(usual.text) <= 500 < MastodonPlatform.measure(longer.text)
    assert MastodonPlatform.measure(longer.text) <= 1000 and longer.text.startswith(usual.text[:60])
    mine = MastodonPlatform.account_limits(masto.account, masto.settings)
    assert (mine.max_length, mine.url_length, mine.max_images) == (1000, 23, 4)
    masto.publish(outgoing(name, edited.text))
    assert entries(sb, "mastodon")[0]["text"] == edited.text
