"""Templates run in Jinja2's sandbox; article text is never template code; HTML escapes it.

Article text with ``{{ ... }}`` and ``{% ... %}`` goes through the real ingest and compose path
for all six platforms and must come out literally. Hostile account templates are refused with
a ConfigError and their side effect never happens. The HTML the tool writes (the sandbox's
timeline page, which ``sosmed demo`` saves, and the monthly report) shows a ``<script>`` title
as text.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path

import pytest
import requests
from sqlmodel import Session
from tests.support.cli import run_cli
from tests.support.config import PLATFORMS, write_config

from sosmed.compose.build import compose_article
from sosmed.errors import ConfigError
from sosmed.ingest.sources import add_bytes
from sosmed.models import Article, Attempt, Post, utcnow
from sosmed.sandbox import mastodon
from sosmed.sandbox.app import build
from sosmed.settings import Settings
from sosmed.store import Store

EXPR = "{{ 7*7 }}"
STMT = "{% if true %}BOCOR{% endif %}"
COMMENT = "{# rahasia #}"
ESCAPE = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
TITLE = f"Bupati {EXPR} Resmikan Jembatan {STMT} di Desa Sumberjaya {COMMENT}"
SENTENCE = (
    "Bupati Sukamaju meresmikan Jembatan Harapan {x} yang menghubungkan Desa Sumberjaya dan "
    "Desa Mekarsari, Senin (14/10/2024), dengan anggaran Rp 2,5 miliar."
)
ARTICLE = "\n\n".join(
    [
        "Senin, 14 Oktober 2024 - 09:15 WIB",
        TITLE,
        "SUKAMAJU, HUMAS - " + SENTENCE.format(x=EXPR),
        "Dalam sambutannya Bupati mengatakan " + STMT + " jembatan ini mempercepat arus barang.",
        "Kepala Dinas PUPR menjelaskan " + ESCAPE + " pembangunan dimulai pada Maret 2024.",
        "Warga kini tidak perlu memutar sejauh 12 kilometer " + COMMENT + " menuju pasar.",
    ]
)
SCRIPT = "<script>alert('judul')</script>"
IMG = '<img src=x onerror="alert(2)">'


def _accounts(extra: list[dict[str, object]] | None = None) -> list[dict[str, object]]:
    return [{"name": f"{p}_humas", "platform": p, "link": False} for p in PLATFORMS] + (extra or [])


@pytest.fixture
def office(tmp_path: Path) -> tuple[Settings, Store]:
    settings = write_config(tmp_path / "home", {"accounts": _accounts()})
    return settings, Store.open_url(settings.database_url)


def test_article_text_is_never_template_code(office: tuple[Settings, Store]) -> None:
    settings, store = office
    added = add_bytes(store, settings, ARTICLE.encode(), "berita.txt")
    article = store.get_article(added.article_id)
    assert EXPR in (article.title or "") and STMT in (article.title or "")
    posts = compose_article(store, settings, added.article_id)
    assert {p.platform for p in posts} == set(PLATFORMS)
    for post in posts:
        text = html.unescape(post.text)
        assert EXPR in text and STMT in text and COMMENT in text, (post.platform, post.text)
        assert "49" not in text and "<class" not in text, (post.platform, post.text)


HOSTILE_TEMPLATES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}",
    "{{ lipsum.__globals__['os'].system('touch {marker}') }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ self.__init__.__globals__ }}",
    "{{ title.__class__.__base__.__subclasses__() }}",
    "{{ account.__class__.__init__.__globals__ }}",
    "{{ account.__dict__ }}",
    "{{ '{0.__class__.__mro__}'.format(title) }}",
    "{{ title | attr('__class__') }}",
    "{{ namespace.__init__.__globals__ }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os.system('touch {marker}') }}",
    "{% extends '/etc/passwd' %}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ [title] * 10**8 }}",
    "{{ 2 ** 999999 }}",
    "{{ 1 / 0 }}",
    "{{ title + 1 }}",
    "{{ summary[99] + 1 }}",
    "{% if %}",
]


@pytest.mark.parametrize("source", HOSTILE_TEMPLATES)
def test_hostile_account_template_is_refused(tmp_path: Path, source: str) -> None:
    marker = tmp_path / "dijalankan"
    template = tmp_path / "home" / "jahat.j2"
    template.parent.mkdir(parents=True)
    template.write_text(source.replace("{marker}", str(marker)))
    hostile = {"name": "x_jahat", "platform": "x", "template": "jahat.j2"}
    settings = write_config(tmp_path / "home", {"accounts": _accounts([hostile])})
    store = Store.open_url(settings.database_url)
    added = add_bytes(store, settings, ARTICLE.encode(), "berita.txt")
    with pytest.raises(ConfigError) as err:
        compose_article(store, settings, added.article_id, ["x_jahat"])
    message = str(err.value)
    assert "\n" not in message and "template" in message
    assert not marker.exists()
    assert store.list_posts(article_id=added.article_id) == []


def test_sandbox_timeline_page_escapes_post_text() -> None:
    sb = build()
    sb.start()
    try:
        text = f"{SCRIPT} {IMG} & <b>tebal</b>"
        r = requests.post(
            f"{sb.base_url}/api/v1/statuses",
            headers={"Authorization": f"Bearer {mastodon.DEMO_TOKEN}"},
            data={"status": text},
            timeout=5,
        )
        assert r.status_code == 200, r.text
        sb.ledger.add("x", f"akun {SCRIPT}", "1", "teks", url="javascript:alert(3)")
        page = requests.get(sb.base_url + "/", timeout=5).text
    finally:
        sb.stop()
    assert html.escape(SCRIPT) in page and html.escape(IMG) in page
    for raw in (SCRIPT, IMG, "<b>tebal</b>", "javascript:alert(3)"):
        assert raw not in page


def test_report_escapes_article_content(tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = write_config(home, {"accounts": _accounts()})
    store = Store.open_url(settings.database_url)
    now = utcnow()
    with Session(store.engine) as s:
        art = Article(
            content_hash=uuid.uuid4().hex,
            source="url",
            url="javascript:alert(1)",
            title=SCRIPT,
            place=IMG,
            paragraphs=["Uji."],
        )
        s.add(art)
        s.flush()
        published = Post(
            article_id=art.id or 0,
            account="x_humas",
            platform="x",
            text=f"{IMG} {SCRIPT}",
            status="published",
            scheduled_at=now,
            published_at=now,
            remote_id="1",
            remote_url="javascript:alert(4)",
        )
        failed = Post(
            article_id=art.id or 0,
            account="mastodon_humas",
            platform="mastodon",
            text="<iframe src=//jahat.example></iframe>",
            status="failed",
            scheduled_at=now,
            last_error="<iframe src=//jahat.example>",
        )
        s.add(published)
        s.add(failed)
        s.flush()
        s.add(
            Attempt(
                post_id=failed.id or 0,
                account="mastodon_humas",
                platform="mastodon",
                fence=1,
                worker="uji",
                kind="publish",
                started_at=now,
                finished_at=now,
                outcome="failed",
                error_class="Rejected",
                message=f"Rejected: {SCRIPT}",
            )
        )
        s.commit()
    out = tmp_path / "laporan.html"
    r = run_cli(home, "report", "--out", str(out))
    assert r.returncode == 0, r.stderr
    page = out.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page  # the title is there, as text
    for raw in (SCRIPT, IMG, "<iframe", "javascript:alert"):
        assert raw not in page, raw
