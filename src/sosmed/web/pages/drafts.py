"""Draf: each account's post as its platform will show it, edited with the platform's own count,
approved or sent back with a comment, every act under the name of the person signed in.

The page never counts by itself: the live count asks :func:`count` on the server, which
measures as composing and publishing do. Every form carries the status and fence the person
saw, so that nothing approves or overwrites words that changed while the page was open.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.errors import SosmedError
from sosmed.i18n import _
from sosmed.office import preview, review
from sosmed.web import drafts_view
from sosmed.web.auth import require, requires
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.render import flash, page

# The statuses the list shows unless asked otherwise: what still waits for a person.
WAITING = ("draft", "approved")
LIST_MAX = 200
# The longest text the count endpoint measures: past every platform's limit (Facebook's 63,206)
# with room to spare, and short enough that finding the cut point stays quick.
COUNT_MAX_CHARS = 100_000


def _back(post_id: int) -> RedirectResponse:
    return RedirectResponse(f"/draf/{post_id}", status_code=303)


def _post_id(request: Request) -> int:
    return int(request.path_params["post_id"])


def _cards(
    request: Request, status: str | None, account: str | None, page_no: int
) -> tuple[list[Any], int]:
    """The cards of page ``page_no`` (``LIST_MAX`` posts each, newest articles first), and
    how many posts there are in all."""
    office = office_for(request)
    statuses = [status] if status else list(WAITING)
    posts = [p for s in statuses for p in office.posts(status=s, account=account)]
    posts.sort(key=lambda p: (-(p.article_id or 0), p.account))
    shown = posts[(page_no - 1) * LIST_MAX : page_no * LIST_MAX]
    return [drafts_view.card(p, preview.count_post(office, p)) for p in shown], len(posts)


def _page_no(request: Request) -> int:
    asked = request.query_params.get("halaman", "")
    return int(asked) if asked.isdigit() and 0 < int(asked) < 1_000_000 else 1


@requires("read")
async def list_page(request: Request) -> Response:
    from urllib.parse import urlencode

    status = request.query_params.get("status") or None
    if status and status not in drafts_view.STATUS_WORDS:
        status = None
    account = request.query_params.get("akun") or None
    page_no = _page_no(request)
    cards, total = await run_in_threadpool(_cards, request, status, account, page_no)
    pages = max(1, -(-total // LIST_MAX))
    if page_no > pages:
        page_no = pages
        cards, total = await run_in_threadpool(_cards, request, status, account, page_no)
    kept = {k: v for k, v in (("status", status), ("akun", account)) if v}

    def link(n: int) -> str:
        return "/draf?" + urlencode({**kept, "halaman": n})

    return page(
        request,
        "drafts.html",
        title=_("Draf"),
        cards=cards,
        total=total,
        status=status,
        account=account,
        statuses=drafts_view.STATUS_WORDS,
        page_no=page_no,
        pages=pages,
        previous=link(page_no - 1) if page_no > 1 else None,
        following=link(page_no + 1) if page_no < pages else None,
    )


def _detail(request: Request, post_id: int) -> dict[str, Any]:
    office = office_for(request)
    post = office.post(post_id)
    article = office.desk.article(post.article_id)
    return {
        "card": drafts_view.card(post, preview.count_post(office, post)),
        "article_title": article.title or "",
        "history": office.history(post_id),
        "problem": review.problem_words(post.problem),
    }


@requires("read")
async def detail_page(request: Request) -> Response:
    person = require(request, "read")
    from sosmed.office.people import may

    found = await run_in_threadpool(_detail, request, _post_id(request))
    return page(
        request,
        "drafts_post.html",
        title=_("Post {id}").format(id=_post_id(request)),
        may_edit=may(person.role, "edit"),
        may_approve=may(person.role, "approve"),
        **found,
    )


@requires("edit")
async def count(request: Request) -> Response:
    """The text of the edit box measured as the post's platform counts it (JSON)."""
    try:
        body = await request.json()
    except ValueError:
        body = None
    text = body.get("text") if isinstance(body, dict) else None
    if not isinstance(text, str):
        return JSONResponse({"error": _("kirim teksnya sebagai JSON dengan kunci text")}, 400)
    if len(text) > COUNT_MAX_CHARS:
        message = _("teks lebih dari {n} karakter; tidak dihitung").format(n=f"{COUNT_MAX_CHARS:,}")
        return JSONResponse({"error": message}, 413)

    def measure() -> preview.Count:
        office = office_for(request)
        return preview.count_post(office, office.post(_post_id(request)), text)

    result = await run_in_threadpool(measure)
    return JSONResponse(result.as_json())


async def _form(request: Request) -> dict[str, str]:
    form = await read_form(request)
    try:
        return {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()


async def _act(request: Request, action: str, act: Any, done: Any) -> Response:
    """Run one act on the post as the form saw it, then back to the post's page with what
    happened (or why not)."""
    person = require(request, action)
    post_id = _post_id(request)
    form = await _form(request)
    try:
        seen = review.seen_as(form.get("status", ""), form.get("fence", ""))
        post = await run_in_threadpool(act, office_for(request), post_id, seen, form, person.name)
    except SosmedError as e:
        flash(request, str(e), "error")
        return _back(post_id)
    flash(request, done(post, form))
    return _back(post_id)


@requires("edit")
async def edit(request: Request) -> Response:
    def act(office: Any, post_id: int, seen: Any, form: dict[str, str], by: str) -> Any:
        return review.edit(office, post_id, seen, form.get("text", ""), by)

    def done(post: Any, form: dict[str, str]) -> str:
        if post.status == "draft" and form.get("status") != "draft":
            return _("teks disimpan; post kembali menjadi draf dan perlu disetujui lagi")
        return _("teks disimpan")

    return await _act(request, "edit", act, done)


@requires("approve")
async def approve(request: Request) -> Response:
    def act(office: Any, post_id: int, seen: Any, form: dict[str, str], by: str) -> Any:
        return review.approve(office, post_id, seen, by)

    def done(post: Any, form: dict[str, str]) -> str:
        return _("post {id} disetujui oleh {by}").format(id=post.id, by=post.approved_by)

    return await _act(request, "approve", act, done)


@requires("approve")
async def send_back(request: Request) -> Response:
    def act(office: Any, post_id: int, seen: Any, form: dict[str, str], by: str) -> Any:
        return review.send_back(office, post_id, seen, form.get("comment", ""), by)

    def done(post: Any, form: dict[str, str]) -> str:
        return _("post {id} dikembalikan ke draf dengan komentar").format(id=post.id)

    return await _act(request, "approve", act, done)


@requires("edit")
async def set_alt(request: Request) -> Response:
    number = int(request.path_params["number"])

    def act(office: Any, post_id: int, seen: Any, form: dict[str, str], by: str) -> Any:
        return review.set_alt(office, post_id, seen, number, form.get("alt", ""), by)

    def done(post: Any, form: dict[str, str]) -> str:
        return _("teks alt foto {n} disimpan").format(n=number)

    return await _act(request, "edit", act, done)


@requires("read")
async def photo(request: Request) -> Response:
    """A photo of the post, only from the office's media folder."""
    from sosmed.office.uploads import media_file

    number = int(request.path_params["number"])

    def find() -> Any:
        office = office_for(request)
        photos = office.post(_post_id(request)).photos or []
        if not 1 <= number <= len(photos):
            return None
        return media_file(office, photos[number - 1].get("path"))

    found = await run_in_threadpool(find)
    if found is None:
        raise HTTPException(404)
    return FileResponse(found[0], media_type=found[1])


routes: list[BaseRoute] = [
    Route("/draf", list_page),
    Route("/draf/{post_id:int}", detail_page),
    Route("/draf/{post_id:int}/hitung", count, methods=["POST"]),
    Route("/draf/{post_id:int}/ubah", edit, methods=["POST"]),
    Route("/draf/{post_id:int}/setujui", approve, methods=["POST"]),
    Route("/draf/{post_id:int}/kembalikan", send_back, methods=["POST"]),
    Route("/draf/{post_id:int}/alt/{number:int}", set_alt, methods=["POST"]),
    Route("/draf/{post_id:int}/foto/{number:int}", photo),
]
