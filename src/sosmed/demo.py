"""`sosmed demo`: the whole job end to end on a fresh home and the local sandbox.

Adds the bundled example article, composes for every platform, approves, schedules for now,
runs the daemon once, and leaves the sandbox's timeline page and the post log to look at.
It never touches a real account: the demo home holds only sandbox accounts.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import as_file, files
from pathlib import Path

from sosmed.attempts import LogFilter
from sosmed.daemon import Daemon
from sosmed.errors import InputError
from sosmed.i18n import _
from sosmed.log.rows import log_cells
from sosmed.models import Post, PostStatus
from sosmed.office import Office
from sosmed.publish.results import TickReport
from sosmed.sandbox.app import build, timeline_page, write_sandbox_config
from sosmed.sandbox.core import Sandbox
from sosmed.settings import CONFIG_NAME, Settings

Say = Callable[[str], None]


@dataclass
class DemoResult:
    home: Path
    sandbox: Sandbox
    article_id: int
    posts: list[Post]
    report: TickReport
    page: Path
    log: list[tuple[str, ...]]


def prepare_home(home: Path) -> None:
    if home.exists() and any(home.iterdir()):
        if not (home / CONFIG_NAME).exists() or not (home / ".sosmed-demo").exists():
            raise InputError(
                _("{home} tidak kosong dan bukan rumah demo; pilih --dir lain").format(home=home)
            )
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / ".sosmed-demo").write_text("this home was made by `sosmed demo`\n")


def run_demo(home: Path, say: Say) -> DemoResult:
    prepare_home(home)
    sb = build(media_dir=home / "media", hang_seconds=5).start()
    say(_("sandbox berjalan di {url}/").format(url=sb.base_url))
    write_sandbox_config(home / CONFIG_NAME, sb.base_url, force=True)
    office = Office(Settings.load(home))
    try:
        article_id = _add_article(office, say)
        posts = _compose_and_approve(office, article_id, say)
        say(_("menjalankan daemon sekali …"))
        report = Daemon(office, worker="demo").run_once()
        posts = [office.post(p.id or 0) for p in posts]
        log = log_cells(reversed(office.log_newest(LogFilter(), 100)), office.settings.tz)
    finally:
        office.close()
    page = home / "sandbox.html"
    page.write_bytes(timeline_page(sb, embed=True).body)
    return DemoResult(home, sb, article_id, posts, report, page, log)


def _add_article(office: Office, say: Say) -> int:
    data = files("sosmed").joinpath("data/demo")
    with as_file(data.joinpath("foto.jpg")) as photo:
        local = office.settings.home / "foto-humas.jpg"
        shutil.copyfile(photo, local)
    text = data.joinpath("berita.txt").read_bytes()
    added = office.add_bytes(
        text,
        _("berita contoh"),
        url="https://humas.sukamajukab.go.id/berita/adminduk-keliling",
        photos=[local],
        caption=None,
    )
    article = office.article_view(added.article_id)
    say(_("berita {id} ditambahkan: {title}").format(id=added.article_id, title=article["title"]))
    return added.article_id


def _quiet(_note: str) -> None:
    """The demo schedules past the posting slots on purpose: nothing to note."""


def _compose_and_approve(office: Office, article_id: int, say: Say) -> list[Post]:
    posts = office.compose(article_id, None)
    for p in posts:
        if p.status == PostStatus.draft:
            office.approve(p.id or 0, "demo")
    # Due now, exactly: the demo shows publishing, not the office's posting slots.
    office.schedule([p.id or 0 for p in posts], office.now(), False, True, "demo", _quiet)
    say(
        _("{n} post disusun, disetujui dan dijadwalkan: {accounts}").format(
            n=len(posts), accounts=", ".join(f"{p.account}" for p in posts)
        )
    )
    return posts
