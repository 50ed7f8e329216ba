"""The session cookie survives a server clock set back a little (a stamp up to two minutes
ahead is accepted), and is refused when it is far ahead, too old or altered."""

from __future__ import annotations

import json
from base64 import b64encode

import itsdangerous
import pytest
from itsdangerous.exc import BadSignature, SignatureExpired
from tests.support.webapp import NAMES, SECRET_KEY, Workspace

from sosmed.office.people import People
from sosmed.web.app import COOKIE
from sosmed.web.session_cookie import CLOCK_SLACK, ForgivingSigner

KEY = "uji-kunci-sesi"


class Shifted(itsdangerous.TimestampSigner):
    """A signer whose clock is ``shift`` seconds off (the server before its clock moved)."""

    def __init__(self, key: str, shift: int) -> None:
        super().__init__(key)
        self.shift = shift

    def get_timestamp(self) -> int:
        return super().get_timestamp() + self.shift


@pytest.mark.parametrize("ahead", [1, 30, CLOCK_SLACK - 5])
def test_a_stamp_a_little_ahead_is_taken(ahead: int) -> None:
    cookie = Shifted(KEY, ahead).sign(b"data")
    assert ForgivingSigner(KEY).unsign(cookie, max_age=3600) == b"data"
    assert itsdangerous.TimestampSigner(KEY).validate(cookie, max_age=3600) is False


@pytest.mark.parametrize("ahead", [CLOCK_SLACK + 60, 86_400])
def test_a_stamp_far_ahead_is_refused(ahead: int) -> None:
    cookie = Shifted(KEY, ahead).sign(b"data")
    with pytest.raises(SignatureExpired):
        ForgivingSigner(KEY).unsign(cookie, max_age=3600)


def test_an_old_cookie_still_expires() -> None:
    cookie = Shifted(KEY, -7200).sign(b"data")
    with pytest.raises(SignatureExpired):
        ForgivingSigner(KEY).unsign(cookie, max_age=3600)
    assert ForgivingSigner(KEY).unsign(cookie, max_age=10_000) == b"data"


def test_an_altered_or_foreign_cookie_is_refused() -> None:
    cookie = Shifted(KEY, 10).sign(b"data")
    with pytest.raises(BadSignature):
        ForgivingSigner(KEY).unsign(cookie.replace(b"data", b"dato"), max_age=3600)
    with pytest.raises(BadSignature):
        ForgivingSigner("kunci-lain").unsign(cookie, max_age=3600)


def test_the_timestamp_is_returned_when_asked() -> None:
    cookie = Shifted(KEY, 20).sign(b"data")
    value, when = ForgivingSigner(KEY).unsign(cookie, max_age=3600, return_timestamp=True)
    assert value == b"data" and when.tzinfo is not None


def test_a_browser_signed_in_just_before_the_clock_went_back_stays_in(
    workspace: Workspace,
) -> None:
    client = workspace.login("penyetuju")
    person = People(workspace.office).named(NAMES["penyetuju"])
    assert person is not None
    session = {"pid": person.id, "stamp": person.stamp, "csrf": client.csrf_token()}
    ahead = Shifted(SECRET_KEY, 90).sign(b64encode(json.dumps(session).encode()))
    client.cookies.clear()
    client.cookies.set(COOKIE, ahead.decode())
    assert client.get("/status").status_code == 200
    assert client.post("/keluar").status_code == 303
    far = Shifted(SECRET_KEY, 3 * 3600).sign(b64encode(json.dumps(session).encode()))
    client.cookies.clear()
    client.cookies.set(COOKIE, far.decode())
    assert client.get("/status").status_code == 303  # to the login page
