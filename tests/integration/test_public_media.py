"""Instagram fetches every photo itself from the internet: an office whose
``media.public_base_url`` is on an intranet or loopback address is told so at `accounts check`,
`schedule` and `publish`, before anything is sent; the sandbox's own accounts are exempt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.config import make_home
from tests.support.posts import add_post

from sosmed.addresses import private_media_address
from sosmed.errors import ConfigError, FetchError, InputError
from sosmed.models import PostStatus
from sosmed.office import Office
from sosmed.settings import secret_env_name

INTRANET = "http://10.1.2.3/media"


def accounts(api_base: str | None = None) -> list[dict[str, object]]:
    ig: dict[str, object] = {
        "name": "humas_ig",
        "platform": "instagram",
        "options": {"ig_user_id": "17841400000000001"},
    }
    if api_base:
        ig["api_base"] = api_base
    return [ig]


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Office]:
    monkeypatch.setenv(secret_env_name("humas_ig", "access_token"), "EAAG-not-a-real-token")
    settings = make_home(tmp_path, accounts(), media={"public_base_url": INTRANET})
    office = Office(settings)
    yield office
    office.close()


def test_accounts_check_refuses_an_intranet_public_base_url(office: Office) -> None:
    [row] = office.check_accounts()
    assert row["ok"] is False
    message = str(row["error"])
    assert "Instagram" in message and "10.1.2.3" in message and "internet" in message
    assert "\n" not in message and "Error" not in message


def test_schedule_and_publish_refuse_it_before_anything_changes(office: Office) -> None:
    post_id = add_post(office.store, "humas_ig", "instagram")
    with pytest.raises(InputError, match=r"media\.public_base_url"):
        office.schedule([post_id], None, True, False, "siti", lambda note: None)
    with pytest.raises(ConfigError, match=r"10\.1\.2\.3"):
        office.publish_now(post_id, "siti")
    after = office.post(post_id)
    assert (after.status, after.attempts) == (PostStatus.approved, 0)


def test_the_sandbox_accounts_are_not_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(secret_env_name("humas_ig", "access_token"), "EAAG-not-a-real-token")
    settings = make_home(
        tmp_path, accounts("http://127.0.0.1:9"), media={"public_base_url": INTRANET}
    )
    office = Office(settings)
    try:
        post_id = add_post(office.store, "humas_ig", "instagram")
        [scheduled] = office.schedule([post_id], None, True, False, "siti", lambda note: None)
        assert scheduled.status == PostStatus.scheduled
    finally:
        office.close()


@pytest.mark.parametrize(
    ("url", "private"),
    [
        ("http://10.1.2.3/media", True),
        ("http://100.64.0.7/m", True),  # shared address space (CGNAT)
        ("https://169.254.1.1/", True),
        ("http://[::1]:8080/m", True),
        ("http://localhost/m", True),
        ("https://203.0.113.9/m", True),  # documentation range: reserved
        ("https://8.8.8.8/media/", False),
    ],
)
def test_private_media_address(url: str, private: bool) -> None:
    assert (private_media_address(url) is not None) is private


def test_a_name_this_machine_cannot_resolve_is_not_refused() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise FetchError(f"cannot resolve host {host!r}")

    assert private_media_address("https://foto.kabupaten.go.id/m", nowhere) is None
    assert private_media_address("https://foto.kabupaten.go.id/m", lambda h, p: ["10.0.0.5"])
