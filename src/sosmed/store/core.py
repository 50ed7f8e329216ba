"""One Store, assembled from one mixin per concern."""

from __future__ import annotations

from sosmed.store.alerts import AlertStore
from sosmed.store.articles import ArticleStore
from sosmed.store.base import StoreBase
from sosmed.store.claims import ClaimStore
from sosmed.store.corrections import CorrectionStore
from sosmed.store.engagement import EngagementStore
from sosmed.store.engine import BUSY_TIMEOUT, make_engine, upgrade
from sosmed.store.health import HealthStore
from sosmed.store.log import LogStore
from sosmed.store.people import PeopleStore
from sosmed.store.posts import PostStore
from sosmed.store.publishing import PublishStore
from sosmed.store.reopen import ReopenStore
from sosmed.store.retractions import RetractStore
from sosmed.store.scheduling import ScheduleStore
from sosmed.store.settling import SettleStore
from sosmed.store.spend import SpendStore
from sosmed.store.sweeps import SweepStore


class Store(
    ArticleStore,
    CorrectionStore,
    PostStore,
    ClaimStore,
    PublishStore,
    SweepStore,
    SettleStore,
    ReopenStore,
    RetractStore,
    ScheduleStore,
    LogStore,
    HealthStore,
    AlertStore,
    EngagementStore,
    SpendStore,
    PeopleStore,
    StoreBase,
):
    @classmethod
    def open_url(cls, url: str, migrate: bool = True, busy_timeout: float = BUSY_TIMEOUT) -> Store:
        engine = make_engine(url, busy_timeout)
        if migrate:
            upgrade(engine)
        return cls(engine)
