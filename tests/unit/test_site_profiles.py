"""Site profiles: which page a profile applies to, what it drops before the rules read a page,
what its own patterns find (origin "site"), and the one-line errors of a bad profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import ConfigError
from sosmed.ingest.extract import parse_html, read_text
from sosmed.ingest.profiles import find, prepare, profile_for
from sosmed.ingest.sources import parse_bytes
from sosmed.settings import Settings, SiteProfile

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "html"

COPIED = (PAGES / "kalsel_copied.txt").read_text(encoding="utf-8")


def profile(**kw: object) -> SiteProfile:
    return SiteProfile.model_validate({"host": "kalselprov.go.id", **kw})


@pytest.mark.parametrize(
    ("url", "applies"),
    [
        ("https://kalselprov.go.id/berita/1", True),
        ("https://www.kalselprov.go.id/berita/1", True),
        ("https://diskominfo.kalselprov.go.id/berita/1", True),
        ("https://notkalselprov.go.id/berita/1", False),
        ("https://kalselprov.go.id.example.com/x", False),
        (None, False),
    ],
)
def test_a_profile_applies_to_its_host_and_subdomains(url: str | None, applies: bool) -> None:
    assert (profile_for([profile()], url) is not None) == applies


def test_chrome_lines_are_dropped_and_the_tag_leaves_the_first_sentence_only() -> None:
    p = profile(drop_lines=[r"^Bagikan ke:", r"^Beranda \|"], dateline_tags=["(Inmas)"])
    lines = prepare(
        p, (COPIED + "Kegiatan (Inmas) lainnya dibahas pekan depan bersama warga.").splitlines()
    )
    assert not any(ln.startswith(("Bagikan", "Beranda")) for ln in lines)
    assert lines[2].startswith("BANJARMASIN - Gubernur meninjau")
    assert lines[-1] == "Kegiatan (Inmas) lainnya dibahas pekan depan bersama warga."


def test_the_profiles_patterns_find_title_date_and_credits() -> None:
    p = profile(
        title=r"^(?P<title>Gubernur Tinjau .+)$",
        date_line=r"^Dipublikasikan: (?P<date>.+)$",
        credit_labels={"editor": ["Editor", "Ed"], "reporter": ["Reporter", "Rep"]},
    )
    finds = find(p, COPIED.splitlines())
    assert finds.title == "Gubernur Tinjau Banjir di Kecamatan Rantau"
    assert finds.date is not None and finds.date.zone == "WITA"
    assert finds.date.value.strftime("%Y-%m-%d %H:%M") == "2024-03-04 16:45"
    assert finds.credits == {"editor": "Rahmat Hidayat", "reporter": "Nur Aini"}


def test_what_a_profile_finds_overrides_the_rules_with_origin_site() -> None:
    p = profile(
        date_line=r"^Dipublikasikan: (?P<date>.+)$",
        credit_labels={"editor": ["Ed"], "reporter": ["Rep"]},
        dateline_tags=["(Inmas)"],
        drop_lines=[r"^Bagikan ke:"],
    )
    reading = read_text(COPIED, p)
    article = reading.article
    assert article.published_at is not None and article.has_time
    assert article.published_at.strftime("%d/%m %H:%M") == "04/03 16:45" and article.zone == "WITA"
    assert (article.credits.editor, article.credits.reporter) == ("Rahmat Hidayat", "Nur Aini")
    for name in ("published_at", "editor", "reporter"):
        assert article.sources[name].origin == "site" and article.sources[name].sure
    assert "(Inmas)" not in (article.lead or "")
    assert reading.site is not None and reading.site.credits["editor"] == "Rahmat Hidayat"


def test_a_profile_on_an_html_page_wins_over_its_metadata() -> None:
    page = (PAGES / "ci_portal.html").read_bytes()
    p = SiteProfile(host="hstkab.go.id", title=r"^(?P<title>Wakil Bupati Tinjau Pembangunan Pasar)")
    plain = parse_html(page, "https://hstkab.go.id/berita/detail/1286/x")
    article = parse_html(page, "https://hstkab.go.id/berita/detail/1286/x", p)
    assert plain.title == "Wakil Bupati Tinjau Pembangunan Pasar Rakyat Barabai"
    assert article.title == "Wakil Bupati Tinjau Pembangunan Pasar"
    assert article.sources["title"].origin == "site"


def test_adding_chooses_the_profile_by_the_pages_address(tmp_path: Path) -> None:
    (tmp_path / "sosmed.toml").write_text(
        '[[sites]]\nhost = "hstkab.go.id"\ntitle = "^(?P<title>Wakil Bupati Tinjau .+?) Rakyat"\n'
    )
    settings = Settings.load(tmp_path)
    page = (PAGES / "ci_portal.html").read_bytes()
    url = "https://hstkab.go.id/berita/detail/1286/x"
    chosen = parse_bytes(page, "berkas", url, profile_for(settings.config.sites, url))
    other = parse_bytes(
        page,
        "berkas",
        "https://lain.go.id/x",
        profile_for(settings.config.sites, "https://lain.go.id/x"),
    )
    assert chosen.title == "Wakil Bupati Tinjau Pembangunan Pasar"
    assert other.title == "Wakil Bupati Tinjau Pembangunan Pasar Rakyat Barabai"


@pytest.mark.parametrize(
    ("toml", "key", "words"),
    [
        ('drop_lines = ["(tutup"]', "sites.0.drop_lines", "bukan regex yang sah"),
        ('title = "Judul: (.+)"', "sites.0.title", "(?P<title>"),
        ('date_line = "[0-9"', "sites.0.date_line", "bukan regex yang sah"),
        ('credit_labels = { penyunting = ["Ed"] }', "sites.0.credit_labels", "penyunting"),
        ('colour = "merah"', "sites.0.colour", ""),
    ],
)
def test_a_bad_profile_is_a_one_line_config_error(
    tmp_path: Path, toml: str, key: str, words: str
) -> None:
    (tmp_path / "sosmed.toml").write_text(f'[[sites]]\nhost = "x.go.id"\n{toml}\n')
    with pytest.raises(ConfigError) as caught:
        Settings.load(tmp_path)
    message = str(caught.value)
    assert f"kunci '{key}'" in message and words in message and "\n" not in message


def test_a_host_is_a_name_not_an_address(tmp_path: Path) -> None:
    (tmp_path / "sosmed.toml").write_text('[[sites]]\nhost = "https://x.go.id/berita"\n')
    with pytest.raises(ConfigError, match=r"sites\.0\.host"):
        Settings.load(tmp_path)
    assert SiteProfile(host="WWW.X.go.id").host == "x.go.id"
