"""The workspace's foundation over real HTTP: signing in and out, the session cookie's
flags, the CSRF token on forms and fetch(), roles, the security headers."""

from __future__ import annotations

from tests.support.webapp import PASSWORD, Workspace


def test_signing_in_gives_a_strict_httponly_session_and_the_person_s_name(
    workspace: Workspace,
) -> None:
    client = workspace.client()
    assert client.get("/masuk").status_code == 200
    workspace.add_person("Sari Wulandari", "penyetuju")
    answer = client.login("Sari Wulandari")
    assert answer.status_code == 303
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    page = client.get("/status")
    assert page.status_code == 200
    assert "Sari Wulandari" in page.text and "penyetuju" in page.text
    out = client.post("/keluar")
    assert out.status_code == 303
    assert client.get("/status").headers["location"].startswith("/masuk")


def test_a_wrong_password_is_refused_with_one_message(workspace: Workspace) -> None:
    workspace.add_person("Budi", "staf")
    client = workspace.client()
    answer = client.login("Budi", "salah-" + PASSWORD)
    assert answer.status_code == 401
    assert "Nama atau kata sandi salah" in answer.text
    assert client.login("Tidak Ada", PASSWORD).status_code == 401


def test_unknown_paths_and_the_home_page(workspace: Workspace) -> None:
    staf = workspace.login("staf")
    assert staf.get("/").status_code == 303
    missing = staf.get("/tidak-ada")
    assert missing.status_code == 404 and "Tidak ditemukan" in missing.text


def test_every_answer_carries_the_security_headers(workspace: Workspace) -> None:
    page = workspace.login("staf").get("/status")
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"


def test_a_disabled_person_is_signed_out_at_the_next_request(workspace: Workspace) -> None:
    from sosmed.office.people import People

    staf = workspace.login("staf")
    assert staf.get("/status").status_code == 200
    People(workspace.office).disable("Staf Uji")
    assert staf.get("/status").status_code == 303
    assert staf.fetch("POST", "/keluar").status_code == 401


def test_a_changed_password_ends_the_old_sessions(workspace: Workspace) -> None:
    from sosmed.office.people import People

    staf = workspace.login("staf")
    People(workspace.office).change_password("Staf Uji", "kata-sandi-baru-456")
    assert staf.get("/status").status_code == 303


def test_the_pages_speak_english_from_the_same_catalogue(
    workspace: Workspace, english: None
) -> None:
    client = workspace.client()
    login = client.get("/masuk")
    assert 'lang="en"' in login.text and "Password" in login.text and "Kata sandi" not in login.text
    staf = workspace.login("staf")
    page = staf.get("/status")
    assert "Needs a person now" in page.text and "Queue" in page.text
    assert "Perlu orang sekarang" not in page.text
