"""An article as the Berita page shows it: each field with where it came from and whether a
person should check it, as `sosmed add` prints them. Pure: the input is
:meth:`sosmed.office.Office.article_view`'s dict.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sosmed.i18n import N_, _
from sosmed.office.preview import field_origin

# The fields a person corrects, in the order shown: (form name, source key, label).
FIELDS = (
    ("title", "title", N_("judul")),
    ("date", "published_at", N_("tanggal")),
    ("place", "place", N_("tempat")),
    ("editor", "editor", N_("editor")),
    ("reporter", "reporter", N_("reporter")),
    ("photographer", "photographer", N_("fotografer")),
    ("caption", "caption", N_("keterangan foto")),
)


@dataclass(frozen=True)
class Field:
    name: str  # the form's name, as `sosmed article edit --NAME`
    label: str
    value: str
    origin: str | None  # "dari kepala halaman"
    check: bool  # read from the story's text (an inference): a person should look
    by: str | None  # "Rina, 2026-12-07 08:00 WITA" when a person set it


def local_date(published_at: str | None, tz: tzinfo) -> str:
    from sosmed.timefmt import short_form

    if not published_at:
        return ""
    return short_form(datetime.fromisoformat(published_at), tz)


def fields(view: dict[str, Any], set_by: dict[str, dict[str, str]], tz: tzinfo) -> list[Field]:
    sources = view.get("sources") or {}
    credits = view.get("credits") or {}
    photos = view.get("photos") or []
    values = {
        "title": view.get("title"),
        "date": local_date(view.get("published_at"), tz),
        "place": view.get("place"),
        "caption": photos[0].get("caption") if photos else None,
        **credits,
    }
    out = []
    for name, key, label in FIELDS:
        entry = sources.get(key)
        unsure = isinstance(entry, dict) and not entry.get("sure", True)
        who = set_by.get(name)
        out.append(
            Field(
                name=name,
                label=_(label),
                value=str(values.get(name) or ""),
                origin=field_origin(sources, key),
                check=unsure,
                by=_("{by}, {at}").format(by=who["by"], at=who["at"]) if who else None,
            )
        )
    return out


def checks(view: dict[str, Any]) -> list[str]:
    """The "periksa" lines of `sosmed add`, in the order of the fields."""
    return list(view.get("check") or [])


def changed(form: dict[str, str], shown: list[Field]) -> dict[str, str]:
    """The fields whose value in the form differs from the one shown: only those are
    corrected (a correction is recorded with its before and after)."""
    before = {f.name: f.value for f in shown}
    return {
        name: form[name].strip()
        for name in before
        if name in form and form[name].strip() != before[name].strip() and form[name].strip()
    }


def recomposed_lines(outcomes: list[Any]) -> list[str]:
    """What composing again did to each account's post, as `sosmed compose ID --again` says
    it: "post 7 (humas_x): dibiarkan, karena sudah disetujui"."""
    lines = []
    for c in outcomes:
        line = _("post {id} ({account}): {how}").format(
            id=c.post.id, account=c.post.account, how=_(c.how)
        )
        if c.why:
            line += ", " + _("karena {why}").format(why=c.why)
        lines.append(line)
    return lines
