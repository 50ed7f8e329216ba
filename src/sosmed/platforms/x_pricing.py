"""X's prices and the account options that decide what a post costs: the access level
(only pay-per-use bills per request) and where the article's link goes."""

from __future__ import annotations

from sosmed.costs import micros
from sosmed.platforms.length.urls import find_links
from sosmed.settings import Account

LINK_MODES = ("post", "reply", "none")

# X's pay-per-use prices (docs.x.com/x-api/getting-started/pricing), in US dollars, as they
# stood on PRICE_DATE. Reads are per resource returned, writes per request. A media upload
# is not in X's table (only "Media Metadata", the alt text, is): it is taken as included.
PRICE_DATE = "2026-02-06"
PRICES = {
    "create": micros("0.015"),  # Content: Create
    "create_url": micros("0.200"),  # Content: Create (with URL)
    "media_metadata": micros("0.005"),  # Media Metadata
    "post_read": micros("0.005"),  # Posts: Read, per post returned
    "user_read": micros("0.010"),  # User: Read (GET /2/users/me)
}


def access_level(account: Account) -> str:
    return account.options.get("access", "pay-per-use")


def link_mode(account: Account) -> str:
    return account.options.get("link", "post")


def create_kind(text: str) -> str:
    """The price of creating a post with this text: X bills a post with a link more (any
    link X recognises, a bare ``pemkab.go.id`` too)."""
    return "create_url" if find_links(text) else "create"


def post_price(account: Account, text: str, alts: int, posted: bool) -> int:
    """What sending a post costs: its create (unless ``posted``, online already), alt texts,
    and, with ``link = "reply"``, the reply with the link ($0.015 + $0.20: dearer than the link
    in the post; ``none`` is the cheapest)."""
    price = 0 if posted else PRICES[create_kind(text)] + alts * PRICES["media_metadata"]
    if link_mode(account) == "reply" and account.link:
        price += PRICES["create_url"]
    return price
