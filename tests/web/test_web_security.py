"""The workspace's security, route by route: every route the application has (the pages added
later too, found by walking its routes) refuses a request without a person (GET: the login
page; anything else: 401), refuses a change without its CSRF token (403) and a role without
the route's action (403); logins are rate-limited; the session cookie is signed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.routing import Route
from tests.support.webapp import PASSWORD, Workspace

from sosmed.office.people import ROLES, may
from sosmed.web.guard import is_public

pytestmark = pytest.mark.timeout(120)


def concrete(path: str) -> str:
    """A route's path with each parameter filled ({id:int} → 1, {name} → x)."""
    return re.sub(r"\{(\w+)(?::(\w+))?\}", lambda m: "1" if m.group(2) == "int" else "x", path)


def routes(workspace: Workspace) -> Iterator[tuple[str, str, Route]]:
    from sosmed.web.app import create_app

    app = create_app(workspace.settings, secret_key="x" * 40)
    for route in app.routes:
        if isinstance(route, Route):
            for method in sorted(route.methods or {"GET"}):
                if method != "HEAD":
                    yield method, concrete(route.path), route


def test_the_walk_finds_the_pages(workspace: Workspace) -> None:
    found = {(m, p) for m, p, _r in routes(workspace)}
    assert {("GET", "/status"), ("POST", "/masuk"), ("POST", "/keluar")} <= found
    assert len(found) >= 5


def test_every_route_wants_a_person(workspace: Workspace) -> None:
    client = workspace.client()
    client.get("/masuk")  # a session with its CSRF token: refused for the person, not the token
    checked = 0
    for method, path, _route in routes(workspace):
        if is_public(path):
            continue
        answer = client.request(method, path, data={"csrf_token": client.token})
        if method == "GET":
            assert answer.status_code == 303, (method, path, answer.status_code)
            assert answer.headers["location"].startswith("/masuk?next="), path
        else:
            assert answer.status_code == 401, (method, path, answer.status_code)
        checked += 1
    assert checked >= 3


def test_every_change_wants_its_csrf_token(workspace: Workspace) -> None:
    admin = workspace.login("admin")
    checked = 0
    for method, path, _route in routes(workspace):
        if method == "GET":
            continue
        bare = admin.request(method, path, data={"x": "1"})
        assert bare.status_code == 403, (method, path, bare.status_code)
        wrong = admin.request(method, path, data={"csrf_token": "palsu"})
        assert wrong.status_code == 403, (method, path)
        header = admin.request(method, path, headers={"X-CSRF-Token": "palsu"})
        assert header.status_code == 403, (method, path)
        checked += 1
    assert checked >= 2
    assert admin.get("/status").status_code == 200  # still signed in


def test_a_role_without_the_route_s_action_is_refused(workspace: Workspace) -> None:
    clients = {role: workspace.login(role) for role in ROLES}
    checked = 0
    for method, path, route in routes(workspace):
        action = getattr(route.endpoint, "sosmed_action", None)
        if action is None:
            continue
        for role, client in clients.items():
            if may(role, action):
                continue
            answer = client.request(method, path, data={"csrf_token": client.token})
            assert answer.status_code == 403, (role, method, path, answer.status_code)
            checked += 1
    for role, client in clients.items():
        assert client.get("/status").status_code == 200, role


def test_routes_without_a_declared_action_are_only_the_known_ones(workspace: Workspace) -> None:
    # A page either declares its action (@requires) or is one of these: signing in and out,
    # and choosing the language the pages are read in.
    bare = {
        (m, p)
        for m, p, r in routes(workspace)
        if getattr(r.endpoint, "sosmed_action", None) is None and not p.startswith("/static")
    }
    known = {("GET", "/"), ("GET", "/masuk"), ("POST", "/masuk"), ("POST", "/keluar")}
    assert bare <= known | {("POST", "/bahasa")}


def test_logins_are_rate_limited_by_name(workspace: Workspace) -> None:
    workspace.add_person("Budi", "staf")
    client = workspace.client()
    for _ in range(5):
        assert client.login("Budi", "salah-salah-salah").status_code == 401
    blocked = client.login("Budi", PASSWORD)  # the right password, but too late
    assert blocked.status_code == 429
    assert "Terlalu banyak percobaan" in blocked.text
    other = workspace.login("penyetuju")  # another name still signs in
    assert other.get("/status").status_code == 200


def test_a_forged_session_cookie_is_nobody(workspace: Workspace) -> None:
    import base64
    import json

    staf = workspace.login("staf")
    value = staf.cookies["sosmed_session"]
    payload, *signature = value.split(".")
    data = json.loads(base64.b64decode(payload))
    admin = workspace.office.store.person_named("Staf Uji")
    assert admin is not None and data["pid"] == admin.id
    data["pid"] = admin.id + 1  # someone else's id, under the old signature
    forged = base64.b64encode(json.dumps(data).encode()).decode()
    staf.cookies.set("sosmed_session", ".".join([forged, *signature]))
    assert staf.get("/status").status_code == 303


def test_login_goes_back_only_to_this_site(workspace: Workspace) -> None:
    workspace.add_person("Budi", "staf")
    client = workspace.client()
    client.get("/masuk")
    for target, expected in (
        ("/status", "/status"),
        ("https://jahat.example/", "/"),
        ("//jahat.example/x", "/"),
        ("/\\jahat.example", "/"),
    ):
        client.cookies.clear()
        client.get("/masuk")
        answer = client.post("/masuk", data={"name": "Budi", "password": PASSWORD, "next": target})
        assert answer.status_code == 303 and answer.headers["location"] == expected, target


def test_multipart_forms_carry_their_token_too(workspace: Workspace) -> None:
    admin = workspace.login("admin")
    junk = {"photo": ("foto.jpg", b"\0" * 1024, "image/jpeg")}
    fields = {"name": "Indah", "role": "staf", "password": PASSWORD}
    refused = admin.post("/orang", data=fields, files=junk, csrf=False)
    assert refused.status_code == 403
    assert workspace.office.store.person_named("Indah") is None
    accepted = admin.post("/orang", data=fields, files=junk)
    assert accepted.status_code == 303
    assert workspace.office.store.person_named("Indah") is not None


def test_a_body_over_the_limit_is_refused_with_one_message(workspace: Workspace) -> None:
    from sosmed.web.guard import MAX_BODY

    admin = workspace.login("admin")
    fields = {"name": "Joko", "role": "staf", "password": PASSWORD}
    big = {"photo": ("besar.bin", b"x" * (MAX_BODY + 1), "application/octet-stream")}
    answer = admin.post("/orang", data=fields, files=big)
    assert answer.status_code == 413
    assert answer.text.count("\n") <= 1 and "terlalu besar" in answer.text
    assert workspace.office.store.person_named("Joko") is None
    assert admin.get("/status").status_code == 200  # the server is still there


def test_a_change_from_another_origin_is_refused_even_with_the_token(
    workspace: Workspace,
) -> None:
    admin = workspace.login("admin")
    fields = {"name": "Kiki", "role": "staf", "password": PASSWORD}
    for origin in ("https://jahat.example", "null"):
        answer = admin.post("/orang", data=fields, headers={"Origin": origin})
        assert answer.status_code == 403, origin
    assert workspace.office.store.person_named("Kiki") is None
    same = admin.post("/orang", data=fields, headers={"Origin": workspace.url})
    assert same.status_code == 303
