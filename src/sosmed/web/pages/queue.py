"""Antrian (/antrian): the week's calendar by office day and slot, and the moves on a post.

``/antrian?minggu=2026-W50`` shows another week. A post's page (``/antrian/post/ID``) offers
what `sosmed schedule --at / --next-slot`, `sosmed unschedule` and `sosmed retry` do, each in
the name of the person signed in and only for a role that may schedule. Every form sends the
status and fence the person saw: a post that moved meanwhile is refused, not moved blind.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.errors import InputError, SosmedError
from sosmed.i18n import N_, _, language, translated
from sosmed.models import PostStatus
from sosmed.office import week as week_desk
from sosmed.office.people import may
from sosmed.office.week import Seen
from sosmed.redact import redact
from sosmed.schedule import week as weeks
from sosmed.timefmt import day_form, short_form, zone_abbr
from sosmed.web.auth import require, requires
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.render import flash, page

# Each state's word and mark, in the legend's order; its colour is in static/queue.css.
STATES: tuple[tuple[str, str, str], ...] = (
    ("draft", N_("Draf"), "✎"),
    ("approved", N_("Disetujui"), "✓"),
    ("scheduled", N_("Terjadwal"), "◷"),
    ("publishing", N_("Sedang dikirim"), "➚"),
    ("published", N_("Terbit"), "●"),
    ("failed", N_("Gagal"), "✕"),
    ("missed", N_("Terlewat"), "⤼"),
    ("in_doubt", N_("Belum pasti"), "?"),
    ("needs_review", N_("Perlu diperiksa"), "!"),
)
MARKS = {key: mark for key, _label, mark in STATES}
MOVABLE = frozenset({PostStatus.approved, PostStatus.scheduled, PostStatus.missed})
RETRYABLE = frozenset({PostStatus.failed, PostStatus.missed})
HINTS = {
    PostStatus.draft: N_("Draf perlu disetujui sebelum dijadwalkan."),
    PostStatus.in_doubt: N_(
        "Post ini mungkin sudah tayang: periksa akunnya lalu tetapkan dengan 'sosmed resolve'."
    ),
    PostStatus.needs_review: N_(
        "Post ini mungkin sudah tayang: periksa akunnya lalu tetapkan dengan 'sosmed resolve'."
    ),
    PostStatus.publishing: N_("Post ini sedang dikirim; lihat lagi sebentar lagi."),
}


def labels() -> dict[str, str]:
    return {key: translated(label) for key, label, _mark in STATES}


def badges() -> dict[str, Markup]:
    """Each state's mark and word as one piece of markup. The calendar repeats them (and the
    account and week below) for every post: printed as markup, made once, they skip the
    masking of secrets that every plain value printed by a page costs (our own words)."""
    piece = Markup('<span class="mark" aria-hidden="true">{}</span> <span class="st">{}</span>')
    return {key: piece.format(mark, translated(label)) for key, label, mark in STATES}


def as_text(value: str) -> Markup:
    """``value`` escaped and masked once, to be printed many times."""
    return Markup(escape(redact(value)))


def legend() -> list[tuple[str, str, str]]:
    return [(key, translated(label), mark) for key, label, mark in STATES]


def week_context(request: Request) -> dict[str, Any]:
    """Everything queue.html draws, from one read of the week (blocking: run in a thread)."""
    office = office_for(request)
    tz = office.settings.tz
    today = office.now().astimezone(tz).date()
    monday = weeks.parse_week(request.query_params.get("minggu"), today)
    view = week_desk.week_view(office, monday)
    noon = datetime.combine(monday, time(12), tzinfo=tz)
    last = view.week.days[-1]
    lang = language()
    days = [{"label": day_form(d, lang), "today": d == today} for d in view.week.days]
    entries = [e for row in view.week.rows for cell in row.cells for e in cell] + view.unplaced
    return {
        "week": view.week,
        "days": days,
        "unplaced": view.unplaced,
        "truncated": view.truncated,
        "zone": zone_abbr(noon),
        "tzname": str(tz),
        "span": f"{day_form(monday, lang)} – {day_form(last, lang)}",
        "badges": badges(),
        "accounts": {e.account: as_text(e.account) for e in entries},
        "week_q": as_text(view.week.key),
        "legend": legend(),
    }


@requires("read")
async def week_page(request: Request) -> Response:
    try:
        context = await run_in_threadpool(week_context, request)
    except InputError as e:  # a week nobody can read: this week, and why
        request = _without_week(request)
        context = await run_in_threadpool(week_context, request)
        return page(request, "queue.html", 400, error=str(e), **context)
    return page(request, "queue.html", **context)


def _without_week(request: Request) -> Request:
    scope = dict(request.scope)
    scope["query_string"] = b""
    return Request(scope, request.receive)


def post_context(request: Request, post_id: int, week: str) -> dict[str, Any]:
    """What queue_post.html draws for one post (blocking)."""
    office = office_for(request)
    tz = office.settings.tz
    post, title = week_desk.post_and_title(office, post_id)
    when = week_desk.placed_at(post)
    status = PostStatus(post.status)
    free = week_desk.free_slots(office, post) if status in MOVABLE else []
    now_local = office.now().astimezone(tz)
    link = post.remote_url if (post.remote_url or "").startswith(("https://", "http://")) else ""
    person = request.scope.get("sosmed.person")
    return {
        "post": post,
        "title": title,
        "week": week or weeks.week_key(week_desk.week_of(office, when, now_local.date())),
        "when": short_form(when, tz) if when else None,
        "label": labels().get(status, str(status)),
        "mark": MARKS.get(status, ""),
        "zone": zone_abbr(now_local),
        "free": [(f"{t.astimezone(tz):%Y-%m-%d %H:%M}", short_form(t, tz)) for t in free],
        "at_value": f"{(when or office.now()).astimezone(tz):%Y-%m-%dT%H:%M}",
        "link": link,
        "may_schedule": person is not None and may(person.role, "schedule"),
        "can_move": status in MOVABLE,
        "can_unschedule": status == PostStatus.scheduled,
        "can_retry": status in RETRYABLE,
        "hint": translated(HINTS[status]) if status in HINTS else "",
    }


@requires("read")
async def post_page(request: Request) -> Response:
    post_id = request.path_params["post_id"]
    week = _week_param(request.query_params.get("minggu"))
    context = await run_in_threadpool(post_context, request, post_id, week)
    return page(request, "queue_post.html", **context)


def _week_param(value: str | None) -> str:
    """A week key from a link or form, or "" (anything else is not repeated back)."""
    if not value:
        return ""
    try:
        return weeks.week_key(weeks.parse_week(value, datetime.now().date()))
    except InputError:
        return ""


def _seen(form: FormData) -> Seen:
    return week_desk.seen(str(form.get("status", "")), str(form.get("fence", "")))


async def _act(request: Request, action: Any) -> Response:
    """Run a move as the person signed in; back to the week with what happened, or the
    post's page again with the office's refusal."""
    person = require(request, "schedule")
    post_id = request.path_params["post_id"]
    form = await read_form(request)
    week = _week_param(str(form.get("minggu", "")))
    try:
        seen = _seen(form)
        when, lines = await run_in_threadpool(action, request, post_id, seen, form, person.name)
    except SosmedError as e:
        from sosmed.web.app import status_of

        context = await run_in_threadpool(post_context, request, post_id, week)
        return page(request, "queue_post.html", status_of(e), error=str(e), **context)
    for line in lines:
        flash(request, line)
    if when is not None:  # the week the post is in now; else the one the person came from
        office = office_for(request)
        week = weeks.week_key(week_desk.week_of(office, when, office.now().date()))
    query = f"?minggu={week}" if week else ""
    return RedirectResponse(f"/antrian{query}#post-{post_id}", status_code=303)


def _move(request: Request, pid: int, seen: Seen, form: FormData, actor: str) -> Any:
    office = office_for(request)
    text = str(form.get("at", "")).strip()
    if form.get("slot_berikutnya"):
        at = None
    elif not text:
        raise InputError(_("pilih slot atau tulis waktunya"))
    else:
        at = office.parse_time(text)
    post, notes = week_desk.move(office, pid, seen, at, bool(form.get("paksa")), actor)
    assert post.scheduled_at is not None
    done = _("Post {id} dijadwalkan pada {time}.").format(
        id=pid, time=short_form(post.scheduled_at, office.settings.tz)
    )
    return post.scheduled_at, [done, *notes]


def _unschedule(request: Request, pid: int, seen: Seen, form: FormData, actor: str) -> Any:
    office = office_for(request)
    week_desk.unschedule(office, pid, seen, actor)
    done = _("Post {id} dikeluarkan dari jadwal; masih disetujui.").format(id=pid)
    return None, [done]


def _retry(request: Request, pid: int, seen: Seen, form: FormData, actor: str) -> Any:
    office = office_for(request)
    post = week_desk.retry(office, pid, seen, actor)
    done = _("Post {id} dikirim lagi pada putaran daemon berikutnya.").format(id=pid)
    return post.scheduled_at, [done]


@requires("schedule")
async def move(request: Request) -> Response:
    return await _act(request, _move)


@requires("schedule")
async def unschedule(request: Request) -> Response:
    return await _act(request, _unschedule)


@requires("schedule")
async def retry(request: Request) -> Response:
    return await _act(request, _retry)


routes: list[BaseRoute] = [
    Route("/antrian", week_page, methods=["GET"]),
    Route("/antrian/post/{post_id:int}", post_page, methods=["GET"]),
    Route("/antrian/post/{post_id:int}/pindah", move, methods=["POST"]),
    Route("/antrian/post/{post_id:int}/keluarkan", unschedule, methods=["POST"]),
    Route("/antrian/post/{post_id:int}/ulangi", retry, methods=["POST"]),
]
