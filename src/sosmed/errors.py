"""The one exception tree of sosmed.

Every error the core raises on purpose is a ``SosmedError``; the CLI turns any of them into one
line on stderr and a non-zero exit. Retry decisions match on the *type* (never on message text)::

    SosmedError
    ├── ConfigError              bad or missing config / secret (names file, key, expectation)
    ├── InputError               a person's input cannot be used
    │   ├── IngestError          nothing usable could be read from the source
    │   │   ├── NotAnArticle     empty, binary, no article, or a listing / archive page
    │   │   └── FeedError        a feed URL that is not a feed
    │   ├── FetchError           a URL could not be fetched
    │   │   ├── UnsafeURL        scheme or address refused (SSRF guard)
    │   │   ├── FetchTooLarge    over the byte cap
    │   │   ├── FetchTimeout     over the time cap
    │   │   └── HTTPStatus       4xx / 5xx answer (``status`` attribute)
    │   ├── MediaError           an image refused (format, bomb, truncated, too big)
    │   └── DoesNotFit           a text over its platform's limit (``length``, ``limit``)
    ├── NotFound                 no such article / post / feed / account
    ├── ArticleConflict          an article added already, changed meanwhile, or held by its posts
    ├── InvalidTransition        a post state change outside DESIGN.md's graph
    │   ├── PostInFlight         a worker is sending or checking the post; try again after
    │   └── PostMoved            the post changed since the person looked at it
    ├── ClaimLost                a worker's claim moved on before its request; nothing sent
    ├── LockHeld                 another daemon holds this SQLite database
    ├── StorageError             the database cannot be read or written (gone, read-only, no table)
    ├── AlertFailed              an alert to staff did not go out (Telegram, e-mail); tried again
    └── PlatformError            a platform answered (or did not) while publishing
        ├── Rejected             permanent: the platform refused the content; a person must act
        ├── AuthError            permanent until a person renews the credentials
        ├── RateLimited          not sent; retry after ``retry_after`` seconds
        ├── Transient            not sent (5xx before create, refused); retry with backoff
        ├── InDoubt              maybe sent (timeout, reset, 5xx after send); reconcile first
        ├── CannotTell           reconciling could not tell if the post exists; a person decides
        └── NotAllowed           the token may not read this (no insights scope, X Free); a read
                                 that will not work by asking again
"""

from __future__ import annotations


class SosmedError(Exception):
    """Base of every error sosmed raises on purpose."""


class ConfigError(SosmedError):
    """Configuration or secrets are missing or invalid."""


class InputError(SosmedError):
    """A person's input cannot be used."""


class IngestError(InputError):
    """Nothing usable could be read from the source."""


class NotAnArticle(IngestError):
    """The input holds no single news article (empty, binary, a listing page...)."""


class FeedError(IngestError):
    """A feed URL did not give a feed."""


class FetchError(InputError):
    """A URL could not be fetched."""


class UnsafeURL(FetchError):
    """The URL's scheme, port or address is refused."""


class FetchTooLarge(FetchError):
    """The answer is larger than the byte cap."""


class FetchTimeout(FetchError):
    """The answer did not arrive in time."""


class HTTPStatus(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class MediaError(InputError):
    """An image is refused."""


class DoesNotFit(InputError):
    """A text is longer than its platform allows."""

    def __init__(self, message: str, length: int, limit: int) -> None:
        super().__init__(message)
        self.length = length
        self.limit = limit


class NotFound(SosmedError):
    """No such object."""


class ArticleConflict(SosmedError):
    """The article cannot be changed as asked (it exists already, it changed since it was read,
    or posts that are or may be online hold it); nothing was changed."""


class InvalidTransition(SosmedError):
    """A post state change outside the state graph."""


class PostInFlight(InvalidTransition):
    """A worker holds the post (sending it, or checking whether it went out)."""


class PostMoved(InvalidTransition):
    """The post is no longer in the state the person saw; nothing was changed."""


class ClaimLost(SosmedError):
    """The worker's claim on a post moved on (its lease ran out and another worker took it)
    before the creating request: the request must not be sent."""


class LockHeld(SosmedError):
    """Another daemon already works on this database."""


class StorageError(SosmedError):
    """The database keeps failing (read-only, removed, its tables gone): a person must act."""


class AlertFailed(SosmedError):
    """An alert to staff did not go out on one channel; the next tick tries again."""


class PlatformError(SosmedError):
    """A platform call failed. ``http_status`` and ``code`` are what the platform said."""

    def __init__(
        self, message: str, *, http_status: int | None = None, code: str | None = None
    ) -> None:
        super().__init__(message)
        self.http_status = http_status
        self.code = code


class Rejected(PlatformError):
    """The platform refused the content for good (invalid, duplicate, policy)."""


class AuthError(PlatformError):
    """The credentials are invalid, expired or lack a permission."""


class RateLimited(PlatformError):
    """Not sent: the platform asks to wait ``retry_after`` seconds."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float,
        http_status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message, http_status=http_status, code=code)
        self.retry_after = retry_after


class Transient(PlatformError):
    """Not sent; a later try may succeed."""


class InDoubt(PlatformError):
    """The request may have been carried out; the outcome is unknown."""


class CannotTell(PlatformError):
    """Reconciliation cannot learn whether the post exists (no read-back, or it failed)."""


class NotAllowed(PlatformError):
    """The platform refuses a read to this token (no insights permission, an X access level
    without reads): asking again will not help until a person changes the token."""
