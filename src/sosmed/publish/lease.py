"""Leases renewed while a worker sends, so a live worker's send never outlives its lease."""

from __future__ import annotations

import logging
import threading

from sosmed.i18n import _
from sosmed.publish.worker import Worker
from sosmed.store.publishing import Claimed

log = logging.getLogger(__name__)


class LeaseKeeper:
    """While a worker sends a batch, renew the leases of the posts it still holds.

    A long send (photo uploads, a slow platform) then never outlives its lease while the
    worker lives; a dead or paused worker stops renewing, and its posts are swept after one
    lease. Posts whose claim moved on are dropped (their requests meet ClaimLost).
    """

    def __init__(self, publisher: Worker, claims: list[Claimed]) -> None:
        self.publisher = publisher
        self.claims = {c.post.id or 0: c for c in claims}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        p = self.publisher
        every = max(0.2, p.lease.total_seconds() / 3)
        while not self._stop.wait(every) and self.claims:
            try:
                lost = p.store.renew(list(self.claims.values()), p.clock() + p.lease)
            except Exception:  # a failed renewal only shortens the lease; the send goes on
                log.warning(_("perpanjangan sewa gagal"), exc_info=True)
                continue
            for pid in lost:
                self.claims.pop(pid, None)
