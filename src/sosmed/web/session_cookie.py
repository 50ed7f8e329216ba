"""The signed session cookie, forgiving a server clock that was set back a little.

Starlette's SessionMiddleware signs the cookie with a whole-second timestamp and refuses, as
"expired", any cookie stamped even one second in the future. When the machine's clock is
corrected backwards (NTP, a virtual machine resumed), every browser signed in during the last
moment would be signed out and every open form refused as forged. A stamp up to
:data:`CLOCK_SLACK` seconds ahead is taken as made now; the signature itself is checked exactly
as before, and the session still ends after its maximum age.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import itsdangerous
from itsdangerous.exc import SignatureExpired
from starlette.middleware.sessions import SessionMiddleware
from starlette.types import ASGIApp

CLOCK_SLACK = 120  # seconds


class ForgivingSigner(itsdangerous.TimestampSigner):
    """A timestamp signer that accepts a stamp at most :data:`CLOCK_SLACK` seconds ahead."""

    def unsign(
        self, signed_value: str | bytes, max_age: int | None = None, return_timestamp: bool = False
    ) -> Any:
        original = super().unsign
        try:
            return original(signed_value, max_age, return_timestamp)  # type: ignore[call-overload]
        except SignatureExpired as expired:
            if not _slightly_ahead(expired.date_signed, self.get_timestamp()):
                raise
            return original(signed_value, None, return_timestamp)  # type: ignore[call-overload]


def _slightly_ahead(signed: datetime | None, now: int) -> bool:
    if signed is None:
        return False
    ahead = signed.astimezone(UTC).timestamp() - now
    return 0 < ahead <= CLOCK_SLACK


class SessionCookies(SessionMiddleware):
    """Starlette's session middleware with :class:`ForgivingSigner`."""

    def __init__(self, app: ASGIApp, /, secret_key: str, **options: Any) -> None:
        super().__init__(app, secret_key, **options)
        self.signer = ForgivingSigner(str(secret_key))
