"""Orang (/orang): an admin adds people, changes a role, disables someone; nobody else may, and
an admin cannot lock themself out."""

from __future__ import annotations

from tests.support.webapp import PASSWORD, Workspace


def test_an_admin_adds_someone_who_can_then_sign_in(workspace: Workspace) -> None:
    admin = workspace.login("admin")
    page = admin.get("/orang")
    assert page.status_code == 200 and "Admin Uji" in page.text
    added = admin.post("/orang", data={"name": "Dewi", "role": "staf", "password": PASSWORD})
    assert added.status_code == 303
    listed = admin.get("/orang")
    assert "Dewi" in listed.text and "Dewi ditambahkan sebagai staf" in listed.text
    assert "flash" in listed.text and "flash" not in admin.get("/orang").text  # said once
    dewi = workspace.client()
    assert dewi.login("Dewi").status_code == 303
    assert dewi.get("/status").status_code == 200
    assert dewi.get("/orang").status_code == 403
    assert 'href="/orang"' not in dewi.get("/status").text  # not in a staf's menu


def test_an_admin_changes_a_role_and_disables(workspace: Workspace) -> None:
    workspace.add_person("Eko", "staf")
    admin = workspace.login("admin")
    eko = workspace.client()
    eko.login("Eko")
    assert admin.post("/orang/Eko", data={"what": "role", "role": "penyetuju"}).status_code == 303
    person = workspace.office.store.person_named("Eko")
    assert person is not None and person.role == "penyetuju"
    assert admin.post("/orang/Eko", data={"what": "disable"}).status_code == 303
    assert eko.get("/status").status_code == 303  # signed out at once
    assert eko.login("Eko").status_code == 401


def test_what_an_admin_cannot_do(workspace: Workspace) -> None:
    admin = workspace.login("admin")
    myself = admin.post("/orang/Admin Uji", data={"what": "disable"})
    assert myself.status_code == 400 and "sendiri" in myself.text
    missing = admin.post("/orang/Tidak Ada", data={"what": "disable"})
    assert missing.status_code == 404
    short = admin.post("/orang", data={"name": "Fajar", "role": "staf", "password": "pendek"})
    assert short.status_code == 400 and "terlalu pendek" in short.text
    evil = admin.post("/orang", data={"name": "<b>x</b>", "role": "admin", "password": PASSWORD})
    assert evil.status_code == 400 and "<b>x</b>" not in evil.text
    assert workspace.office.store.person_named("Fajar") is None


def test_staf_and_penyetuju_may_not_manage_people(workspace: Workspace) -> None:
    workspace.add_person("Gita", "staf")
    for role in ("staf", "penyetuju"):
        client = workspace.login(role)
        assert (
            client.post(
                "/orang", data={"name": "Hadi", "role": "admin", "password": PASSWORD}
            ).status_code
            == 403
        )
        assert client.post("/orang/Gita", data={"what": "disable"}).status_code == 403
    gita = workspace.office.store.person_named("Gita")
    assert gita is not None and not gita.disabled
    assert workspace.office.store.person_named("Hadi") is None


def test_a_disabled_person_is_enabled_again_and_the_page_shows_who_changed_what(
    workspace: Workspace,
) -> None:
    admin = workspace.login("admin")
    assert "Belum ada perubahan yang tercatat" in admin.get("/orang").text
    fields = {"name": "Hana", "role": "staf", "password": PASSWORD}
    assert admin.post("/orang", data=fields).status_code == 303
    assert admin.post("/orang/Hana", data={"what": "disable"}).status_code == 303
    assert workspace.client().login("Hana").status_code == 401
    page = admin.get("/orang").text
    assert 'name="what" value="enable"' in page
    assert admin.post("/orang/Hana", data={"what": "enable"}).status_code == 303
    hana = workspace.client()
    assert hana.login("Hana").status_code == 303
    page = admin.get("/orang").text
    history = page[page.index("Riwayat perubahan") :]
    assert history.index("Hana diaktifkan lagi") < history.index("Hana dinonaktifkan")
    assert history.index("Hana dinonaktifkan") < history.index("Hana ditambahkan sebagai staf")
    assert history.count("Admin Uji") == 3
    assert hana.post("/orang/Hana", data={"what": "enable"}).status_code == 403
