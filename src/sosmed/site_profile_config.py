"""The ``[[sites]]`` tables of sosmed.toml: how one site prints its articles, for what the
general reading rules miss (ingest/profiles.py)."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

from sosmed.i18n import _
from sosmed.libwords import regex_reason


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


_CREDIT_ROLES = ("editor", "reporter", "photographer")


def _pattern(v: str | None, group: str | None = None) -> str | None:
    if v is None:
        return v
    try:
        rx = re.compile(v)
    except re.error as e:
        raise ValueError(
            _("pola {pattern} bukan regex yang sah: {error}").format(
                pattern=repr(v), error=regex_reason(e)
            )
        ) from None
    if group and group not in rx.groupindex:
        message = _("pola {pattern} tidak punya grup bernama (?P<{group}>...)")
        raise ValueError(message.format(pattern=repr(v), group=group))
    return v


class SiteProfile(_Strict):
    """How one site prints its articles, for what the general rules miss (ingest/profiles.py)."""

    host: str
    title: str | None = None  # regex with (?P<title>...)
    date_line: str | None = None  # regex with (?P<date>...)
    credit_labels: dict[str, list[str]] = Field(default_factory=dict)
    dateline_tags: list[str] = Field(default_factory=list)
    drop_lines: list[str] = Field(default_factory=list)

    @field_validator("host")
    @classmethod
    def _host(cls, v: str) -> str:
        host = v.strip().lower().removeprefix("www.")
        if not host or "/" in host or ":" in host or " " in host:
            raise ValueError(
                _("host {host} bukan nama situs (contoh: diskominfo.example.go.id)").format(
                    host=repr(v)
                )
            )
        return host

    @field_validator("title")
    @classmethod
    def _title(cls, v: str | None) -> str | None:
        return _pattern(v, "title")

    @field_validator("date_line")
    @classmethod
    def _date_line(cls, v: str | None) -> str | None:
        return _pattern(v, "date")

    @field_validator("drop_lines")
    @classmethod
    def _drop_lines(cls, v: list[str]) -> list[str]:
        return [_pattern(p) or p for p in v]

    @field_validator("credit_labels")
    @classmethod
    def _credit_labels(cls, v: dict[str, list[str]]) -> dict[str, list[str]]:
        bad = [k for k in v if k not in _CREDIT_ROLES]
        if bad:
            raise ValueError(
                _("peran {bad} tidak dikenal; yang ada: {known}").format(
                    bad=bad, known=", ".join(_CREDIT_ROLES)
                )
            )
        return v
