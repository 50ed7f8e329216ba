"""The Berita page's view of an article: each field with its origin and "periksa" mark, and
only the fields a person changed go to the correction."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sosmed.web import articles_view as v

VIEW = {
    "id": 1,
    "title": "<script>alert(1)</script>",
    "published_at": "2026-12-07T09:30:00+08:00",
    "place": "Bengkalis",
    "credits": {"editor": "Budi", "reporter": None, "photographer": None},
    "photos": [{"path": "/x.jpg", "caption": "Peresmian"}],
    "sources": {
        "title": {"origin": "header", "sure": True},
        "published_at": {"origin": "body", "sure": False},
    },
    "check": ["tanggal diambil dari isi berita — periksa"],
}
TZ = ZoneInfo("Asia/Makassar")


def test_fields_carry_origin_and_check_marks() -> None:
    fields = {f.name: f for f in v.fields(VIEW, {"place": {"by": "Rina", "at": "x"}}, TZ)}
    assert fields["title"].value == "<script>alert(1)</script>"  # escaping is the page's
    assert fields["title"].origin == "dari kepala halaman" and not fields["title"].check
    assert fields["date"].value == "2026-12-07 09:30 WITA"
    assert fields["date"].origin == "dari isi berita" and fields["date"].check
    assert fields["caption"].value == "Peresmian"
    assert fields["place"].by == "Rina, x"
    assert v.checks(VIEW) == ["tanggal diambil dari isi berita — periksa"]


def test_only_changed_fields_are_corrected() -> None:
    shown = v.fields(VIEW, {}, TZ)
    form = {"title": "<script>alert(1)</script>", "place": " Duri ", "reporter": "", "x": "1"}
    assert v.changed(form, shown) == {"place": "Duri"}
