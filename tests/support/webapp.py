"""The web workspace in a real uvicorn server on a free loopback port, and clients that sign
in as a person of a given role.

    with start_workspace(settings) as ws:          # or the ``workspace`` fixture
        staf = ws.login("staf")                    # a person "Staf Uji" made and signed in
        page = staf.get("/log")                    # requests.Response
        staf.post("/draf/3/setujui")               # the form's CSRF token added for you
        staf.post("/x", data={...}, csrf=False)    # ... or left out, to test the refusal
        staf.fetch("POST", "/api/x", json={...})   # the token as the X-CSRF-Token header

The server runs in a thread of the test's process, on the home of ``settings``: a test may
prepare that home's database through the office (or the store) before and while it runs.
Redirects are not followed unless asked (``allow_redirects=True``), so a test sees the 303.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import requests
import uvicorn

from sosmed.office import Office
from sosmed.office.people import People, check_name, check_role, hash_password
from sosmed.settings import Settings
from sosmed.web.app import create_app

PASSWORD = "kata-sandi-uji-123"
SECRET_KEY = "kunci-uji-" + "0" * 40
NAMES = {"staf": "Staf Uji", "penyetuju": "Penyetuju Uji", "admin": "Admin Uji"}
_HASH: list[str] = []
_META = re.compile(r'<meta name="csrf-token" content="([^"]*)"')


class WebClient(requests.Session):
    """A browser-like client of one workspace: keeps the session cookie and the page's CSRF
    token (read from every HTML page it gets)."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url
        self.token = ""
        self.login_form_answer = ""
        self.hooks["response"].append(self._remember_token)

    def _remember_token(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        if "text/html" in response.headers.get("content-type", ""):
            found = _META.search(response.text)
            if found:
                self.token = found.group(1)

    def request(  # type: ignore[override]
        self, method: str, url: str, *args: Any, **kwargs: Any
    ) -> requests.Response:
        if url.startswith("/"):
            url = self.base_url + url
        kwargs.setdefault("allow_redirects", False)
        kwargs.setdefault("timeout", 30)
        return super().request(method, url, *args, **kwargs)

    def get(self, url: str, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        kwargs.setdefault("allow_redirects", False)
        return self.request("GET", url, **kwargs)

    def csrf_token(self) -> str:
        if not self.token:
            self.get("/masuk")
        return self.token

    def post(  # type: ignore[override]
        self, url: str, data: Any = None, json: Any = None, *, csrf: bool = True, **kwargs: Any
    ) -> requests.Response:
        """A form post with its CSRF field (unless ``csrf=False``); ``files`` make it
        multipart."""
        if csrf and json is None:
            data = {**(data or {}), "csrf_token": self.csrf_token()}
        return super().post(url, data=data, json=json, **kwargs)

    def fetch(
        self, method: str, url: str, *, csrf: bool = True, **kwargs: Any
    ) -> requests.Response:
        """As the page's script sends it: the token in the X-CSRF-Token header."""
        headers = dict(kwargs.pop("headers", None) or {})
        if csrf:
            headers["X-CSRF-Token"] = self.csrf_token()
        return self.request(method, url, headers=headers, **kwargs)

    def login(self, name: str, password: str = PASSWORD) -> requests.Response:
        form = self.get("/masuk")
        self.login_form_answer = f"{form.status_code}, cookies {sorted(self.cookies.keys())}"
        return self.post("/masuk", data={"name": name, "password": password})


class Workspace:
    def __init__(self, settings: Settings, base_url: str) -> None:
        self.settings = settings
        self.url = base_url
        self.office = Office(settings)

    def add_person(self, name: str, role: str, password: str = PASSWORD) -> None:
        """``name`` with ``role`` and ``password``, unless someone has that name already.
        The test password's Argon2 hash is made once per process (each costs half a second
        on a busy machine); any other password goes through the office."""
        people = People(self.office)
        if people.named(name) is not None:
            return
        if password != PASSWORD:
            people.add(name, role, password)
            return
        if not _HASH:
            _HASH.append(hash_password(PASSWORD))
        self.office.store.add_person(
            check_name(name), check_role(role), _HASH[0], self.office.now()
        )

    def client(self) -> WebClient:
        """A client signed in as no one."""
        return WebClient(self.url)

    def login(self, role: str = "staf", name: str | None = None) -> WebClient:
        """A client signed in as ``name`` (made with ``role`` when new; by default the
        role's test person, e.g. "Staf Uji")."""
        name = name or NAMES[role]
        self.add_person(name, role)
        client = self.client()
        answer = client.login(name)
        if answer.status_code != 303:
            raise AssertionError(
                f"login as {name} failed: {answer.status_code} {answer.text} "
                f"(the login page answered {client.login_form_answer})"
            )
        client.get("/status")  # the token of the signed-in session
        return client


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@contextmanager
def start_workspace(settings: Settings, **options: Any) -> Iterator[Workspace]:
    """The workspace of ``settings``'s home served by uvicorn on a free loopback port until
    the block ends; ``options`` go to create_app."""
    app = create_app(settings, secret_key=options.pop("secret_key", SECRET_KEY), **options)
    sock = free_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the workspace did not start")
        time.sleep(0.02)
    ws = Workspace(settings, f"http://127.0.0.1:{port}")
    try:
        yield ws
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()
        ws.office.close()
