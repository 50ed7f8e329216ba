"""A platform from outside sosmed: installed through a real entry point, no file of sosmed changed.

The test writes a tiny distribution (``sosmed_papan-0.0.dist-info`` with its
``entry_points.txt`` in the ``sosmed.platforms`` group, and its module) into a folder on
``sys.path``, as pip would. Its platform posts to a notice board that is a file: the test reads
back what arrived.
"""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.support.articles import insert_article, open_store
from tests.support.config import write_config

from sosmed.compose.build import compose_article
from sosmed.errors import ConfigError
from sosmed.log.reasons import explain, platform_name
from sosmed.models import utcnow
from sosmed.platforms import registry
from sosmed.platforms.limits import check, limits_for
from sosmed.publish.publisher import Publisher

MODULE = '''
"""A notice board: each post is one JSON line in the file named by the account's options."""

import json
from datetime import UTC, datetime
from pathlib import Path

from sosmed.errors import CannotTell
from sosmed.platforms.base import AccountInfo, Limits, Platform, Published


class PapanPlatform(Platform):
    name = "papan"
    title = "Papan Pengumuman"
    limits = Limits(max_length=160, unit="graphemes", max_images=0, hashtag_cap=1)
    summary_sentences = 1
    secret_fields = ("kunci",)
    option_fields = ("berkas",)
    can_read_back = False
    default_template = "{{ title }}\\n\\n{{ summary | join(' ') }}\\n\\n{{ hashtags | join(' ') }}"

    def publish(self, outgoing):
        self.before_create(outgoing)
        board = Path(self.account.options["berkas"])
        with board.open("a", encoding="utf-8") as f:
            f.write(json.dumps({"post": outgoing.post_id, "text": outgoing.text}) + "\\n")
        return Published(f"papan-{outgoing.post_id}", None, datetime.now(UTC))

    def find(self, outgoing, since):
        raise CannotTell("papan: a notice board cannot be read back")

    def check(self):
        return AccountInfo(identity="papan di lobi")


class PapanPanjang(PapanPlatform):
    """A board with room for a long summary: more sentences than any built-in platform."""

    name = "papan_panjang"
    title = "Papan Panjang"
    limits = Limits(max_length=5000, unit="graphemes", max_images=0, hashtag_cap=1)
    summary_sentences = 8
    default_template = "{{ summary | join('\\n') }}"
'''


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The installed plugin's folder; the registry reads the entry points again around it."""
    site = tmp_path / "site"
    info = site / "sosmed_papan-0.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: sosmed-papan\nVersion: 0.0\n")
    (info / "entry_points.txt").write_text(
        "[sosmed.platforms]\npapan = sosmed_papan:PapanPlatform\n"
        "papan_panjang = sosmed_papan:PapanPanjang\n"
    )
    (site / "sosmed_papan.py").write_text(textwrap.dedent(MODULE))
    monkeypatch.syspath_prepend(str(site))
    registry.refresh()
    yield site
    monkeypatch.undo()
    sys.modules.pop("sosmed_papan", None)
    registry.refresh()


def account(board: Path) -> dict[str, object]:
    return {
        "name": "papan_lobi",
        "platform": "papan",
        "require_approval": False,
        "options": {"berkas": str(board)},
    }


def test_the_registry_finds_the_plugin(plugin: Path) -> None:
    cls = registry.platform_class("papan")
    assert cls.__module__ == "sosmed_papan" and "x" in registry.platform_classes()
    assert limits_for("papan").max_length == 160
    assert platform_name("papan") == "Papan Pengumuman"
    assert "Papan Pengumuman" in explain("rejected", "Rejected", "no", "papan")


def test_settings_accept_the_plugins_platform(plugin: Path, tmp_path: Path) -> None:
    settings = write_config(tmp_path / "home", {"accounts": [account(tmp_path / "board")]})
    assert settings.account("papan_lobi").platform == "papan"


def test_an_unknown_platform_is_a_config_error_naming_the_known_ones(
    plugin: Path, tmp_path: Path
) -> None:
    with pytest.raises(ConfigError) as caught:
        write_config(tmp_path / "home", {"accounts": [{"name": "a", "platform": "myspace"}]})
    message = str(caught.value)
    assert "accounts.0.platform" in message and "'myspace' tidak dikenal" in message
    assert "papan" in message and "bluesky" in message and "x" in message


def test_without_the_plugin_its_accounts_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="'papan' tidak dikenal"):
        write_config(tmp_path / "home", {"accounts": [account(tmp_path / "board")]})


def test_a_post_is_composed_by_the_plugins_rules_and_published_once(
    plugin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = tmp_path / "board.jsonl"
    settings = write_config(
        tmp_path / "home", {"accounts": [account(board)], "allow_private_hosts": True}
    )
    monkeypatch.setenv("SOSMED_PAPAN_LOBI_KUNCI", "kunci-rahasia-papan")
    store = open_store(settings)
    try:
        article_id = insert_article(store)
        (post,) = compose_article(store, settings, article_id)
        assert post.platform == "papan" and post.problem is None
        assert check("papan", post.text).fits and len(post.text) <= 160
        assert len(post.hashtags) <= 1
        assert post.status == "approved"
        store.schedule_now(post.id or 0, "tester", utcnow())
        Publisher(store, settings, worker="t").tick([post.id or 0])
        sent = store.get_post(post.id or 0)
        assert sent.status == "published" and sent.remote_id == f"papan-{post.id}"
    finally:
        store.close()
    lines = [json.loads(line) for line in board.read_text(encoding="utf-8").splitlines()]
    assert lines == [{"post": post.id, "text": post.text}]


def test_a_platform_gets_as_many_summary_sentences_as_it_asks_for(
    plugin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = {**account(tmp_path / "b"), "name": "papan_aula", "platform": "papan_panjang"}
    settings = write_config(tmp_path / "home", {"accounts": [board]})
    monkeypatch.setenv("SOSMED_PAPAN_AULA_KUNCI", "kunci-rahasia-papan")
    paragraphs = [f"Kalimat nomor {i} tentang pelayanan warga di kecamatan." for i in range(12)]
    store = open_store(settings)
    try:
        article_id = insert_article(store, {"title": "Dua belas kalimat", "paragraphs": paragraphs})
        (post,) = compose_article(store, settings, article_id)
    finally:
        store.close()
    assert len(post.text.splitlines()) == 8, post.text  # not cut to the built-in platforms' 5
