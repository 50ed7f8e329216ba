"""A loopback web server whose pages a test sets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sosmed.sandbox.core import Request, Response, Sandbox, route


class WebServer:
    """A loopback web server whose answers a test sets path by path."""

    def __init__(self) -> None:
        self.sb = Sandbox()
        self.pages: dict[str, Callable[[Request], Response]] = {}
        self.hits: list[str] = []
        self.sb.add_routes([route(m, r"/.*", self._serve) for m in ("GET", "HEAD")])
        self.sb.start()

    @property
    def url(self) -> str:
        return self.sb.base_url

    def page(
        self,
        path: str,
        body: bytes | str,
        status: int = 200,
        ctype: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.pages[path] = lambda req: Response(
            status, data, {"Content-Type": ctype, **(headers or {})}
        )
        return self.url + path

    def handler(self, path: str, fn: Callable[[Request], Response]) -> str:
        self.pages[path] = fn
        return self.url + path

    def _serve(self, req: Request, _m: Any) -> Response:
        self.hits.append(req.path)
        fn = self.pages.get(req.path)
        return fn(req) if fn else Response(404, b"not found", {"Content-Type": "text/plain"})
