"""Each browser reads the workspace in the language it chose (/bahasa), whatever the server
speaks and whatever another browser chose at the same time."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from tests.support.webapp import Workspace


def lang_of(html: str) -> str:
    found = re.search(r'<html lang="(\w+)"', html)
    assert found is not None
    return found.group(1)


def test_a_browser_switches_to_english_and_back(workspace: Workspace) -> None:
    login = workspace.client()
    page = login.get("/masuk").text
    assert lang_of(page) == "id" and 'value="en"' in page
    chosen = login.post("/bahasa", data={"lang": "en", "next": "/masuk?next=/antrian"})
    assert chosen.status_code == 303 and chosen.headers["location"] == "/masuk?next=/antrian"
    page = login.get("/masuk").text
    assert lang_of(page) == "en" and "Bahasa Indonesia" in page and "Kata sandi" not in page
    staf = workspace.login("staf")
    indonesian = staf.get("/status").text
    assert lang_of(indonesian) == "id"
    assert staf.post("/bahasa", data={"lang": "en", "next": "/status"}).status_code == 303
    english = staf.get("/status").text
    assert lang_of(english) == "en" and "Keluar" not in english
    missing = staf.get("/berita/999")  # the office's own refusal, in the reader's language
    assert missing.status_code == 404 and "tidak ada" not in missing.text.lower()
    assert staf.post("/bahasa", data={"lang": "id", "next": "/status"}).status_code == 303
    assert "Keluar" in staf.get("/status").text


def test_two_browsers_at_once_each_read_their_own_language(workspace: Workspace) -> None:
    english, indonesian = workspace.login("staf"), workspace.login("penyetuju")
    assert english.post("/bahasa", data={"lang": "en", "next": "/"}).status_code == 303

    def read(client: object) -> str:
        return lang_of(client.get("/status").text)  # type: ignore[attr-defined]

    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(read, [english, indonesian] * 20))
    assert got == ["en", "id"] * 20


def test_a_choice_needs_its_token_and_goes_nowhere_else(workspace: Workspace) -> None:
    client = workspace.client()
    client.get("/masuk")
    assert client.post("/bahasa", data={"lang": "en"}, csrf=False).status_code == 403
    assert lang_of(client.get("/masuk").text) == "id"
    away = client.post("/bahasa", data={"lang": "xx", "next": "https://jahat.example/"})
    assert away.status_code == 303 and away.headers["location"] == "/"
    assert lang_of(client.get("/masuk").text) == "id"
