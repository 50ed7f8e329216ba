"""The ``[engagement]`` table of sosmed.toml; an account's ``collect`` key turns it off (or on,
for X) per account."""

from __future__ import annotations

import re
from datetime import timedelta

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sosmed.i18n import _

_STAGE = re.compile(r"^([1-9]\d{0,3})([mhd])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days"}
# Longer than this, a stage would keep posts open for reads for a very long time.
MAX_STAGE = timedelta(days=90)


def stage_age(stage: str) -> timedelta:
    """ "1h" → one hour after publishing; "7d" → seven days."""
    m = _STAGE.match(stage)
    if m is None:
        raise ValueError(stage)
    return timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})


class Engagement(BaseModel):
    """When the counters of each published post are read: at each of ``stages`` after it
    went out; a stage missed (the daemon was down) is read late, until ``grace_hours`` after
    the last stage."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    stages: list[str] = Field(default_factory=lambda: ["1h", "24h", "7d"])
    grace_hours: float = Field(default=48.0, ge=0, le=24 * 30)
    # How often the daemon looks for due stages.
    every_minutes: float = Field(default=10.0, gt=0, le=24 * 60)
    # The most paid reads (X pay-per-use) may cost in a calendar month, in US dollars; unset:
    # no cap. A read that would pass it waits for the next month.
    read_budget_usd: float | None = Field(default=None, ge=0)

    @field_validator("stages")
    @classmethod
    def _stages(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError(_('stages tidak boleh kosong; contoh: ["1h", "24h", "7d"]'))
        for stage in v:
            if not _STAGE.match(stage) or stage_age(stage) > MAX_STAGE:
                raise ValueError(
                    _(
                        "tahap {stage!r} bukan lama waktu seperti 1h, 24h atau 7d (paling lama 90d)"
                    ).format(stage=stage)
                )
        ages = [stage_age(s) for s in v]
        if len(set(ages)) != len(ages):
            raise ValueError(_("tahap yang sama tertulis dua kali: {stages}").format(stages=v))
        return [s for _a, s in sorted(zip(ages, v, strict=True))]

    def ages(self) -> list[tuple[str, timedelta]]:
        """(stage, age after publishing), earliest first."""
        return [(s, stage_age(s)) for s in self.stages]

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.grace_hours)
