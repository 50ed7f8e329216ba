"""Laporan (/laporan): the monthly report as `sosmed report` writes it, shown in a frame
(/laporan/isi) and downloadable as its one HTML file."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import BaseRoute, Route

from sosmed import i18n
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.office.workspace import report_period
from sosmed.web.auth import requires
from sosmed.web.office_access import office_for
from sosmed.web.render import page

# The report is one self-contained page with its own styles and no script: inline styles
# allowed, nothing else, and only this site may frame it.
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


def _choice(request: Request) -> tuple[str, str, str]:
    q = request.query_params
    return q.get("bulan", "").strip(), q.get("bahasa", "").strip(), q.get("akun", "").strip()


@requires("read")
def report_page(request: Request) -> Response:
    office = office_for(request)
    month, lang, account = _choice(request)
    error = None
    try:
        _start, _end, month = report_period(office, month)
        office.account_name(account or None)
    except InputError as e:
        error = str(e)
    query = request.url.query
    return page(
        request,
        "report.html",
        400 if error else 200,
        title=_("Laporan"),
        month=month,
        report_lang=lang or i18n.language(),
        langs=office.report_languages(),
        account=account,
        accounts=[a.name for a in office.settings.config.accounts],
        error=error,
        frame_src="/laporan/isi" + ("?" + query if query else ""),
    )


@requires("read")
def report_body(request: Request) -> Response:
    office = office_for(request)
    month, lang, account = _choice(request)
    lang = (lang or i18n.language()).lower()
    if lang not in office.report_languages():
        raise InputError(
            _("bahasa {value}: pilih salah satu dari {choices}").format(
                value=repr(lang), choices=", ".join(office.report_languages())
            )
        )
    start, end, month = report_period(office, month)
    html, _posts, _articles = office.report(start, end, lang, True, account or None, office.now())
    headers = {"content-security-policy": REPORT_CSP}
    if request.query_params.get("unduh"):
        headers["content-disposition"] = f'attachment; filename="laporan-{month}.html"'
    return HTMLResponse(html, headers=headers)


routes: list[BaseRoute] = [
    Route("/laporan", report_page, methods=["GET"]),
    Route("/laporan/isi", report_body, methods=["GET"]),
]
