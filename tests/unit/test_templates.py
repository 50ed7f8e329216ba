"""Templates: sandboxed, plain text, one per platform, overridable per account."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.support.config import PLATFORMS, make_home

from sosmed.compose.templates import (
    default_template_source,
    escape_html,
    indonesian_date,
    render,
    template_for,
    with_utm,
)
from sosmed.errors import ConfigError
from sosmed.settings import Account

ROOT = Path(__file__).resolve().parents[2]
JAKARTA = ZoneInfo("Asia/Jakarta")


def context(**over: object) -> dict[str, object]:
    base: dict[str, object] = {
        "title": "Judul Berita",
        "summary": ["Kalimat pertama.", "Kalimat kedua."],
        "lead": "Kalimat pertama.",
        "link": "https://bengkaliskab.go.id/berita/1",
        "hashtags": ["#Bengkalis", "#Riau"],
        "place": "Bengkalis",
        "date": "Kamis, 16 Mei 2024",
        "account": Account(name="humas", platform="x"),
    }
    return {**base, **over}


@pytest.mark.parametrize("platform", PLATFORMS)
def test_every_platform_has_a_default_and_its_documented_copy(
    platform: str, tmp_path: Path
) -> None:
    source = default_template_source(platform)
    assert source == (ROOT / "config" / "templates" / f"{platform}.j2").read_text(encoding="utf-8")
    account = Account(name="humas", platform=platform)  # type: ignore[arg-type]
    text = render(template_for(account, make_home(tmp_path / "home")), context())
    assert "Kalimat pertama." in text and "#Bengkalis" in text
    assert "\n\n\n" not in text and not text.endswith("\n")


def test_missing_parts_leave_no_empty_lines(tmp_path: Path) -> None:
    account = Account(name="humas", platform="telegram")
    text = render(
        template_for(account, make_home(tmp_path / "home")),
        context(title=None, link=None, hashtags=[]),
    )
    assert text == "Kalimat pertama. Kalimat kedua."


def test_article_text_is_data_not_template_code(tmp_path: Path) -> None:
    account = Account(name="humas", platform="mastodon")
    tpl = template_for(account, make_home(tmp_path / "home"))
    text = render(tpl, context(title="{{ 7 * 7 }} {% raw %}", summary=["{{ config }}"]))
    assert "{{ 7 * 7 }} {% raw %}" in text and "{{ config }}" in text and "49" not in text


def test_telegram_template_is_plain_text_escaped_once_by_the_publisher(tmp_path: Path) -> None:
    # The publisher escapes the whole text for HTML parse mode; escaping here too would show
    # "&amp;" to readers.
    account = Account(name="humas", platform="telegram")
    tpl = template_for(account, make_home(tmp_path / "home"))
    text = render(tpl, context(title="Dinas A & B <Kab>", summary=['x < y & "z"']))
    assert "Dinas A & B <Kab>" in text and 'x < y & "z"' in text
    assert "&amp;" not in text and "<b>" not in text
    assert "https://bengkaliskab.go.id/berita/1" in text
    assert escape_html("it's") == "it's"


def test_house_style_template_overrides_the_default(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "gaya").mkdir(parents=True)
    (home / "gaya" / "x.j2").write_text("[HUMAS] {{ title | upper }} {{ link }}", encoding="utf-8")
    settings = make_home(home, [{"name": "humas", "platform": "x", "template": "gaya/x.j2"}])
    text = render(template_for(settings.account("humas"), settings), context())
    assert text == "[HUMAS] JUDUL BERITA https://bengkaliskab.go.id/berita/1"


def test_the_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "jahat.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}")
    settings = make_home(home, [{"name": "humas", "platform": "x", "template": "jahat.j2"}])
    with pytest.raises(ConfigError, match="template"):
        render(template_for(settings.account("humas"), settings), context())


def test_broken_and_missing_templates_are_config_errors(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "rusak.j2").write_text("{% if %}")
    accounts = [
        {"name": "rusak", "platform": "x", "template": "rusak.j2"},
        {"name": "hilang", "platform": "x", "template": "tidak-ada.j2"},
    ]
    settings = make_home(home, accounts)
    with pytest.raises(ConfigError, match=r"rusak\.j2"):
        template_for(settings.account("rusak"), settings)
    with pytest.raises(ConfigError, match=r"tidak-ada\.j2"):
        template_for(settings.account("hilang"), settings)


@pytest.mark.parametrize(
    ("moment", "offset", "expected"),
    [
        (datetime(2019, 9, 26, 6, 48, tzinfo=UTC), None, "Kamis, 26 September 2019"),
        (datetime(2019, 9, 26, 18, 0, tzinfo=UTC), None, "Jumat, 27 September 2019"),
        (datetime(2024, 5, 16, 15, 30, tzinfo=UTC), 480, "Kamis, 16 Mei 2024"),
        (datetime(2024, 5, 16, 15, 30, tzinfo=UTC), 540, "Jumat, 17 Mei 2024"),
        (datetime(2024, 8, 18, 1, 0, tzinfo=UTC), None, "Minggu, 18 Agustus 2024"),
    ],
)
def test_indonesian_date(moment: datetime, offset: int | None, expected: str) -> None:
    assert indonesian_date(moment, JAKARTA, offset) == expected


def test_no_date() -> None:
    assert indonesian_date(None, JAKARTA, None) == ""


def test_utm_parameters() -> None:
    account = Account(name="humas_x", platform="x")
    utm = {"source": "{platform}", "utm_medium": "social", "campaign": "{account}"}
    url = with_utm("https://a.go.id/berita?id=5&utm_source=lama", utm, account)
    assert url == (
        "https://a.go.id/berita?id=5&utm_source=x&utm_medium=social&utm_campaign=humas_x"
    )
    assert with_utm("https://a.go.id/b", {}, account) == "https://a.go.id/b"
    assert with_utm(None, utm, account) is None
