"""Berita: the articles; add one by its URL, a file or pasted text, with photos; see what was
read from it, where from, and what to check (as `sosmed add` shows it); correct its fields
(as `sosmed article edit`); compose its drafts again (as `sosmed compose ID --again`).

Everything an article holds is text from outside: the templates print it escaped, never as
markup.
"""

from __future__ import annotations

from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed.errors import SosmedError
from sosmed.i18n import _
from sosmed.office import uploads
from sosmed.web import articles_view
from sosmed.web.auth import require, requires
from sosmed.web.forms import read_form
from sosmed.web.office_access import office_for
from sosmed.web.render import flash, page

# What composing again did to each post: one line per account, said once on the next page
# (more lines than the shared flash keeps).
RECOMPOSED = "berita.recomposed"
LIST_MAX = 100


def _article_id(request: Request) -> int:
    return int(request.path_params["article_id"])


def _rows(request: Request) -> list[dict[str, Any]]:
    office = office_for(request)
    tz = office.settings.tz
    rows = []
    for a in office.articles(LIST_MAX):
        view = office.article_view(a)
        rows.append(
            {
                "id": a.id,
                "title": a.title or "",
                "date": articles_view.local_date(view.get("published_at"), tz),
                "source": a.source,
                "checks": len(view.get("check") or []),
                "posts": len(office.posts(article=a.id)),
            }
        )
    return rows


@requires("read")
async def list_page(request: Request, error: str | None = None, status_code: int = 200) -> Response:
    rows = await run_in_threadpool(_rows, request)
    return page(
        request,
        "articles.html",
        status_code,
        title=_("Berita"),
        rows=rows,
        error=error,
    )


async def _upload(value: Any) -> uploads.Upload | None:
    if not isinstance(value, UploadFile):
        return None
    data = await value.read()
    if not data and not value.filename:
        return None
    return uploads.Upload(value.filename or "", data)


@requires("add")
async def add(request: Request) -> Response:
    """One article from the form; refused whole (nothing kept) with one message."""
    form = await read_form(request)
    try:
        file = await _upload(form.get("file"))
        photos = [u for v in form.getlist("photos") if (u := await _upload(v)) is not None]
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()

    def act() -> Any:
        return uploads.add_article(
            office_for(request),
            url=fields.get("url"),
            text=fields.get("text"),
            file=file,
            photos=photos,
            caption=fields.get("caption"),
        )

    try:
        added = await run_in_threadpool(act)
    except SosmedError as e:
        from sosmed.web.app import status_of

        return await list_page(request, str(e), status_of(e))
    if added.duplicate_of is not None:
        flash(request, _("sudah ada sebagai berita {id}").format(id=added.duplicate_of))
    else:
        flash(request, _("berita {id} ditambahkan").format(id=added.article_id))
    return RedirectResponse(f"/berita/{added.article_id}", status_code=303)


def _detail(request: Request, article_id: int) -> dict[str, Any]:
    from sosmed.office import preview
    from sosmed.web import drafts_view

    office = office_for(request)
    view = office.article_view(article_id)
    set_by = office.desk.set_by_person(article_id)
    article = office.desk.article(article_id)
    posts = office.posts(article=article_id)
    return {
        "article": view,
        "fields": articles_view.fields(view, set_by, office.settings.tz),
        "checks": articles_view.checks(view),
        "body": office.desk.body_text(article),
        "photos": [
            {
                "number": n,
                "caption": p.caption or "",
                "alt": p.alt or p.caption or "",
                "where": p.url or "",
                "served": uploads.media_file(office, p.path) is not None,
            }
            for n, p in enumerate(office.desk.photos(article_id), 1)
        ],
        "cards": [drafts_view.card(p, preview.count_post(office, p)) for p in posts],
    }


@requires("read")
async def detail_page(request: Request, status_code: int = 200, **extra: Any) -> Response:
    person = require(request, "read")
    from sosmed.office.people import may

    found = await run_in_threadpool(_detail, request, _article_id(request))
    return page(
        request,
        "article.html",
        status_code,
        title=_("Berita {id}").format(id=_article_id(request)),
        may_edit=may(person.role, "edit"),
        may_compose=may(person.role, "compose"),
        recomposed=request.session.pop(RECOMPOSED, None),
        **found,
        **extra,
    )


@requires("edit")
async def correct(request: Request) -> Response:
    """The fields the person changed, corrected under their name (`sosmed article edit`)."""
    person = require(request, "edit")
    article_id = _article_id(request)
    form = await read_form(request)
    values = {k: v for k, v in form.items() if isinstance(v, str)}
    await form.close()

    def act() -> list[str]:
        office = office_for(request)
        desk = office.desk
        seen = desk.article(article_id)
        view = office.article_view(seen)
        shown = articles_view.fields(view, desk.set_by_person(article_id), office.settings.tz)
        todo = articles_view.changed(values, shown)
        body = values.get("body")
        # An empty box is no correction (an article keeps a body); the same text neither.
        if body is not None and body.strip() in ("", desk.body_text(seen).strip()):
            body = None
        if not todo and body is None:
            return []
        return desk.edit(seen, todo, body, person.name)

    try:
        changed = await run_in_threadpool(act)
    except SosmedError as e:
        return await detail_page(request, 400, error=str(e))
    if not changed:
        flash(request, _("tidak ada yang berubah"))
    else:
        names = {f[0]: _(f[2]) for f in articles_view.FIELDS} | {"body": _("isi")}
        flash(
            request,
            _("berita {id} dikoreksi ({fields}) oleh {by}; susun ulang drafnya").format(
                id=article_id, fields=", ".join(names.get(f, f) for f in changed), by=person.name
            ),
        )
    return RedirectResponse(f"/berita/{article_id}", status_code=303)


@requires("compose")
async def recompose(request: Request) -> Response:
    """Drafts composed again from the article as it is now, under the person's name; every
    other post kept, and said."""
    person = require(request, "compose")
    article_id = _article_id(request)

    def act() -> list[str]:
        desk = office_for(request).desk
        return articles_view.recomposed_lines(desk.recompose(article_id, person.name))

    try:
        lines = await run_in_threadpool(act)
    except SosmedError as e:
        return await detail_page(request, 400, error=str(e))
    request.session[RECOMPOSED] = lines or [_("tidak ada akun untuk disusun")]
    return RedirectResponse(f"/berita/{article_id}", status_code=303)


@requires("edit")
async def add_photo(request: Request) -> Response:
    person = require(request, "edit")
    article_id = _article_id(request)
    form = await read_form(request)
    try:
        upload = await _upload(form.get("photo"))
        caption = form.get("caption")
        alt = form.get("alt")
    finally:
        await form.close()

    def act() -> tuple[int, int]:
        if upload is None:
            from sosmed.errors import InputError

            raise InputError(_("pilih berkas fotonya"))
        return uploads.add_photo(
            office_for(request),
            article_id,
            upload,
            caption if isinstance(caption, str) and caption.strip() else None,
            alt if isinstance(alt, str) and alt.strip() else None,
            person.name,
        )

    try:
        number, n = await run_in_threadpool(act)
    except SosmedError as e:
        return await detail_page(request, 400, error=str(e))
    flash(request, _("foto {n} ditambahkan; {k} draf disusun ulang").format(n=number, k=n))
    return RedirectResponse(f"/berita/{article_id}", status_code=303)


@requires("read")
async def photo(request: Request) -> Response:
    """An article's photo, only when its file is in the office's media folder."""
    number = int(request.path_params["number"])

    def find() -> Any:
        office = office_for(request)
        photos = office.desk.photos(_article_id(request))
        if not 1 <= number <= len(photos):
            return None
        return uploads.media_file(office, photos[number - 1].path)

    found = await run_in_threadpool(find)
    if found is None:
        raise HTTPException(404)
    return FileResponse(found[0], media_type=found[1])


routes: list[BaseRoute] = [
    Route("/berita", list_page, methods=["GET"]),
    Route("/berita", add, methods=["POST"]),
    Route("/berita/{article_id:int}", detail_page),
    Route("/berita/{article_id:int}/koreksi", correct, methods=["POST"]),
    Route("/berita/{article_id:int}/susun", recompose, methods=["POST"]),
    Route("/berita/{article_id:int}/foto", add_photo, methods=["POST"]),
    Route("/berita/{article_id:int}/foto/{number:int}", photo),
]
