"""The platform contract: what every publisher module provides.

A platform module defines one subclass of :class:`Platform`, registered in the
``sosmed.platforms`` entry-point group. The publishing protocol (publish.py) calls, in order:
``arm`` (save a key before the irreversible request), ``publish``, and on an unknown outcome
``find``; `sosmed retract` calls ``retract`` on a published post where ``can_retract``.
Every error leaves the module as one of the classes of :mod:`sosmed.errors`
(Rejected / AuthError / RateLimited / Transient / InDoubt / CannotTell), chosen by status and
error code, and its message never holds a token. A platform that bills per request (X on
pay-per-use) notes each billable request that went through (``charged``); the protocol takes
them (``take_charges``) into the spend ledger, and asks ``price`` before a send when the
account has a monthly budget.
"""

from __future__ import annotations

import urllib.parse
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

import requests
from requests.adapters import HTTPAdapter

from sosmed.costs import Charge, budget_micros
from sosmed.engagement.counters import Counters
from sosmed.errors import NotAllowed, Rejected
from sosmed.platforms.outgoing import Outgoing as Outgoing
from sosmed.platforms.outgoing import OutgoingImage as OutgoingImage
from sosmed.platforms.outgoing import Published as Published
from sosmed.platforms.rules import MIB as MIB  # re-exported: platforms import them from here
from sosmed.platforms.rules import Limits as Limits
from sosmed.platforms.rules import Rules
from sosmed.settings import Account, Settings

DEFAULT_TIMEOUT = (5.0, 30.0)  # connect, read (seconds)


@dataclass(frozen=True)
class Online:
    """A published post as ``retract`` finds it: what the platform answered when it was made."""

    remote_id: str
    url: str | None = None
    published_at: datetime | None = None
    parts: int = 1  # the messages it became (a Telegram album: one per photo)


@dataclass(frozen=True)
class AccountInfo:
    identity: str
    expires_at: datetime | None = None
    detail: str = ""


class RewriteAdapter(HTTPAdapter):
    """Sends requests meant for a platform's public host to ``api_base`` instead.

    Used for the sandbox and tests: the real client libraries keep building their real URLs
    (and OAuth1 signatures over them); only the connection goes elsewhere.
    """

    def __init__(self, target: str, **kw: Any) -> None:
        self.target = target.rstrip("/")
        super().__init__(max_retries=0, **kw)

    def send(self, request: requests.PreparedRequest, **kw: Any) -> requests.Response:  # type: ignore[override]
        u = urllib.parse.urlsplit(request.url or "")
        request.url = self.target + (request.url or "")[len(f"{u.scheme}://{u.netloc}") :]
        return super().send(request, **kw)


class TimeoutSession(requests.Session):
    """A session whose every request has a timeout and that never retries by itself."""

    def __init__(self, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> None:
        super().__init__()
        self.default_timeout = timeout
        for prefix in ("http://", "https://"):
            self.mount(prefix, HTTPAdapter(max_retries=0))

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kw: Any) -> Any:
        if kw.get("timeout") is None:
            kw["timeout"] = self.default_timeout
        return super().request(method, url, *args, **kw)


def make_session(
    hosts: tuple[str, ...], api_base: str | None, timeout: tuple[float, float] = DEFAULT_TIMEOUT
) -> TimeoutSession:
    """A session for a platform whose public hosts are ``hosts`` (``https://api.x.com``...)."""
    session = TimeoutSession(timeout)
    if api_base:
        for host in hosts:
            session.mount(host, RewriteAdapter(api_base))
    return session


class Platform(Rules, ABC):
    """One account on one platform."""

    # Everything sosmed knows about a platform lives on its class, so that a new platform is
    # one module (and its entry point), not a name added to lists across the code.
    # (name, title and limits: see Rules)
    # How many of the article's best sentences a post starts from before fitting drops any.
    summary_sentences: ClassVar[int] = 5
    # The Jinja source of the default post, for a platform installed from outside sosmed;
    # sosmed's own platforms keep theirs in data/templates/<name>.j2, which comes first.
    default_template: ClassVar[str | None] = None
    # The public hosts the real clients talk to; ``api_base`` redirects them.
    hosts: ClassVar[tuple[str, ...]] = ()
    # Secrets this platform needs, by field name (documented per platform in the README).
    secret_fields: ClassVar[tuple[str, ...]] = ()
    # Secrets it uses when given and does without otherwise.
    optional_secret_fields: ClassVar[tuple[str, ...]] = ()
    # Non-secret ``options`` keys this platform needs in the account's config.
    option_fields: ClassVar[tuple[str, ...]] = ()
    # False where the platform offers no way to look a post up (a bot cannot read a channel):
    # an unknown outcome then goes straight to a person. An account may turn it off too (an
    # X account on the Free access level may not read).
    can_read_back: bool = True
    # True where this account's requests are billed one by one (X on pay-per-use): it then
    # reports each as a Charge and its posts have a price.
    billable: bool = False
    # True where the article's link goes in a reply under the post (``Outgoing.link``).
    link_reply: bool = False
    # True where the platform's servers fetch each photo from its public address themselves
    # (Instagram): media.public_base_url must then be reachable from the internet.
    fetches_media: ClassVar[bool] = False
    # False where the platform's API cannot delete a post (Instagram): `sosmed retract` then
    # tells a person to delete it by hand, at its address.
    can_retract: ClassVar[bool] = False
    # Engagement: whether the platform tells the public's counters of a post, and which of
    # sosmed's counters (engagement/counters.py) it reports, under its own names.
    can_report_engagement: ClassVar[bool] = False
    engagement_counters: ClassVar[dict[str, str]] = {}
    # Where it cannot, why not, in people's words ("tidak tersedia di API Bot").
    no_engagement: ClassVar[str] = ""
    # Whether an account reads them unless its ``collect`` key says otherwise: off where
    # each read is paid.
    collects_by_default: ClassVar[bool] = True
    # What one read of a post's counters costs, in US dollars (X pay-per-use).
    read_price: ClassVar[float] = 0.0

    def __init__(
        self,
        account: Account,
        settings: Settings,
        session: requests.Session | None = None,
    ) -> None:
        self.account = account
        self.settings = settings
        self.session = session or make_session(self.hosts, account.api_base)
        self._charges: list[Charge] = []
        # Every required secret is read now: a missing or unreadable one is a clear
        # ConfigError before any post is touched, not a failure halfway through a publish.
        for name in self.secret_fields:
            self.secret(name)
        budget_micros(account.options, account.name)  # a budget that is no amount stops here

    def secret(self, field: str) -> str:
        value = self.settings.secret(self.account.name, field)
        assert value is not None  # required=True raises instead
        return value

    @classmethod
    def link_in_text(cls, account: Account) -> bool:
        """Whether the article's link goes into the post's text (X: ``options.link``)."""
        return account.link

    def charged(self, charge: Charge) -> None:
        """Note a billable request that went through; the publishing path records it."""
        self._charges.append(charge)

    def take_charges(self) -> list[Charge]:
        """The billable requests since the last call (the list is handed over, not copied)."""
        taken, self._charges = self._charges, []
        return taken

    def arm(self, outgoing: Outgoing) -> str | None:
        """Prepare what can be prepared before the irreversible request; return a key to save.

        Default: nothing to arm.
        """
        return None

    @abstractmethod
    def publish(self, outgoing: Outgoing) -> Published:
        """Create the post. Raises a PlatformError subclass on failure.

        Calls :meth:`before_create` right before the request that creates the post (after
        uploads and other preparation).
        """

    @staticmethod
    def before_create(outgoing: Outgoing) -> None:
        """The last moment to stop: the worker still owns the post, or this raises."""
        if outgoing.confirm is not None:
            outgoing.confirm()

    @abstractmethod
    def find(self, outgoing: Outgoing, since: datetime) -> Published | None:
        """Look for the post on the platform: Published if it exists, None if proven absent.

        Raises CannotTell when the platform cannot say (no read-back API, or the read failed).
        """

    def retract(self, online: Online, now: datetime) -> bool:
        """Delete the post: True when deleted now, False when it was gone already (a post
        deleted before, by this or by hand, counts as deleted). Raises a PlatformError
        subclass otherwise; Rejected with ``code="too_old"`` when the platform no longer lets
        the post be deleted through its API."""
        raise Rejected(f"{self.name}: posts cannot be deleted through the API", code="no_api")

    def metrics(self, post: Published) -> Counters:
        """The public's counters of the published post, read now.

        Raises NotAllowed when the token may not read them (asking again will not help), any
        other PlatformError when the read failed. Default: the platform tells none.
        """
        raise NotAllowed(f"{self.name}: {self.no_engagement or 'no engagement counters'}")

    @abstractmethod
    def check(self) -> AccountInfo:
        """Verify the credentials; identity and token expiry where the platform tells it."""


PlatformFactory = Callable[[Account, Settings], Platform]
