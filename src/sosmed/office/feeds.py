"""A feed's address, checked when a person adds it rather than at every poll after."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sosmed.errors import UnsafeURL
from sosmed.i18n import _

if TYPE_CHECKING:
    from sosmed.settings import Settings


def check_feed_url(settings: Settings, url: str) -> None:
    """Scheme, port and credentials of ``url``, and (when its host resolves from here) its
    addresses: a feed on a private address would be refused at each poll, so it is refused
    now. A host that does not resolve yet is kept: the polls say so if it never does."""
    from sosmed.addresses import private_media_address
    from sosmed.ingest.fetch import FetchPolicy, check_form

    form = check_form(url, FetchPolicy.from_settings(settings))
    if form.trusted:
        return
    bad = private_media_address(url)
    if bad is not None:
        raise UnsafeURL(
            _(
                "host {host} mengarah ke alamat non-publik ({address}); ditolak. "
                "Isi allow_private_hosts = true untuk intranet."
            ).format(host=repr(form.host), address=bad)
        )
