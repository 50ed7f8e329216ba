"""The web workspace (`sosmed web`): server-rendered pages over the same office layer as the
command line and the daemon. Imported only by the `web` and `demo --web` commands, never by
`sosmed --help`.

A page is one module ``sosmed/web/pages/<name>.py`` named in ``PAGE_MODULES``
(:mod:`sosmed.web.app`), exposing ``routes``::

    from starlette.requests import Request
    from starlette.responses import RedirectResponse, Response
    from starlette.routing import BaseRoute, Route

    from sosmed.web.auth import requires
    from sosmed.web.office_access import office_for
    from sosmed.web.render import flash, page

    @requires("read")                      # any person signed in
    def drafts(request: Request) -> Response:
        posts = office_for(request).posts(status="draft")
        return page(request, "drafts.html", title=_("Draf"), posts=posts)

    @requires("approve")                   # penyetuju and admin; staf get 403
    async def approve(request: Request) -> Response:
        person = current_person(request)   # the name the history records
        ...office_for(request).approve(post_id, by=person.name)  (in a thread: run_in_threadpool)
        flash(request, _("Post {id} disetujui").format(id=post_id))
        return RedirectResponse("/draf", status_code=303)

    routes: list[BaseRoute] = [Route("/draf", drafts), Route("/draf/{id:int}/setujui", approve,
                                                           methods=["POST"])]

The guard (:mod:`sosmed.web.guard`) has already refused a request without a person (login page
or 401) and a change without its CSRF token (403) before a page runs; templates extend
``base.html``, put ``{{ csrf_field() }}`` in every form and ``_('…')`` around every word; a
script's fetch() goes through ``sosmed.fetch()`` (static/sosmed.js), which sends the token.
Sync endpoints run in uvicorn's threads; an async one calls the office with run_in_threadpool.
"""
