"""Shapes that many Indonesian government pages share, each read by one general rule: a date
printed in the dateline, a desk named after the dash, and the like. Fixtures are written for
these tests, in the shape of a page copied from a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from sosmed.errors import NotAnArticle
from sosmed.ingest.credits import parse_credit_line
from sosmed.ingest.dateline import opens_another_story, read_dateline, read_opening
from sosmed.ingest.extract import parse_text
from sosmed.ingest.lines import Kind, classify
from sosmed.ingest.repeats import repeated_tag
from sosmed.text.dates import parse_date_line, read_body_date, weekday_disagrees

FIXTURES = Path(__file__).parent.parent / "fixtures" / "general_shapes"


def _page(name: str) -> str:
    return (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "rest"),
    [
        (
            "Kraksaan, 10 Oktober 2025 – Anggota PTWP hadir.",
            "Kraksaan",
            "10 Oktober 2025",
            "Anggota",
        ),
        ("SAMARINDA (12/5/2024) - Pemprov menggelar rapat.", "Samarinda", "12/5/2024", "Pemprov"),
        ("JAKARTA (ANTARA) - Menteri hadir.", "Jakarta", None, "Menteri"),
        ("BENGKALIS, HUMAS - Bupati hadir.", "Bengkalis", None, "Bupati"),
        ("PALANGKA RAYA – BIRO ADPIM. Rangkaian acara usai.", "Palangka Raya", None, "Rangkaian"),
        ("Samarinda - Humas: Gubernur hadir.", "Samarinda", None, "Gubernur"),
        # Not a desk: the sentence after the dash is kept whole.
        ("Samarinda - Pasar Pagi. Pedagang kembali.", "Samarinda", None, "Pasar Pagi."),
        # The outlet's web address where a place would stand is no place, and is taken off.
        ("KABARDAERAH.COM- Bupati hadir.", None, None, "Bupati"),
        ("SUNGAI JAYA, Kabardaerah.id - Bupati hadir.", "Sungai Jaya", None, "Bupati"),
        # A stray comma before the dash.
        ("Sintang, Kabarsintang, – Bupati hadir.", "Sintang", None, "Bupati"),
    ],
)
def test_dateline_dates_and_desks(paragraph: str, place: str, date: str | None, rest: str) -> None:
    found = read_dateline(paragraph)
    assert found is not None
    assert (found.place, found.date) == (place, date)
    assert found.rest.startswith(rest)


@pytest.mark.parametrize(
    ("paragraph", "opens"),
    [
        ("PALANGKA RAYA – BIRO ADPIM. Rangkaian acara usai.", True),
        ("Kraksaan, 10 Oktober 2025 – Anggota PTWP hadir.", True),
        ("Samarinda - Gubernur hadir di acara itu.", False),
    ],
)
def test_only_a_named_desk_or_date_marks_a_story_start(paragraph: str, opens: bool) -> None:
    assert opens_another_story(paragraph) is opens


def test_the_date_in_a_dateline_is_the_story_date() -> None:
    article = parse_text(_page("dateline_with_date"))
    assert article.place == "Sumberasri"
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-03-14"
    assert article.lead is not None and article.lead.startswith("Dinas Pertanian Kabupaten")


def test_a_desk_after_the_dash_leaves_the_caption_above_out_of_the_story() -> None:
    article = parse_text(_page("desk_after_dash"))
    assert article.place == "Tanjung Selor"
    assert article.lead is not None and article.lead.startswith("Pameran produk unggulan")
    assert article.photos and article.photos[0].caption is not None
    assert article.photos[0].caption.startswith("Gubernur membuka pameran")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Home - Official Website of West Java Province", Kind.SHORT),
        ("Beranda - Portal Resmi Pemerintah Kota", Kind.SHORT),
        ("Samarinda - Gubernur hadiri rapat.", Kind.PROSE),
        ("SAMARINDA - Gubernur Kaltim hadiri rapat koordinasi di kantor", Kind.PROSE),
    ],
)
def test_a_site_title_with_a_dash_is_no_dateline_sentence(line: str, kind: Kind) -> None:
    assert classify(line) is kind


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Gubernur hadir pada Wednesday (05/22/2019) di Gedung Sate.", "2019-05-22"),
        ("Gubernur hadir pada Rabu (22/05/2019) di Gedung Sate.", "2019-05-22"),
        # The weekday does not fit the month-first reading: no date at all.
        ("Gubernur hadir pada Monday (05/22/2019) di Gedung Sate.", None),
        # Both readings possible: the day-first one stands.
        ("Gubernur hadir pada Senin (05/08/2019) di Gedung Sate.", "2019-08-05"),
    ],
)
def test_month_first_dates_only_when_nothing_else_fits(text: str, day: str | None) -> None:
    found = read_body_date(text)
    got = found[0].value.strftime("%Y-%m-%d") if found else None
    assert got == day


def test_a_page_title_line_does_not_open_the_story() -> None:
    article = parse_text(_page("site_title_over_story"))
    assert article.title == "Governor Opens the Regional Trade Fair"
    assert article.place == "Tanjungpinang"
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-03-18"


def test_the_same_newsroom_tag_opening_two_stories_is_an_archive() -> None:
    with pytest.raises(NotAnArticle, match="beberapa berita"):
        parse_text(_page("archive_repeated_tag"))


def test_a_story_copied_twice_is_one_story() -> None:
    article = parse_text(_page("article_printed_twice"))
    assert article.title == "Lapas Kelas II Terima Bantuan Mesin Jahit untuk Pelatihan Warga Binaan"
    assert article.place == "Sukamara"
    assert article.lead is not None and article.lead.startswith("Lembaga Pemasyarakatan Kelas II")


@pytest.mark.parametrize(
    ("paragraphs", "repeated"),
    [
        (["MC-SINJAI, Polres kekurangan personel.", "MC-SINJAI, Bupati membuka Musda."], True),
        (["HUMAS PROKOPIM - Bupati hadir.", "Acara usai.", "HUMAS PROKOPIM - Wabup hadir."], True),
        (["MC-SINJAI, Polres kekurangan personel.", "Kapolres mengatakan hal itu."], False),
        # A quote or a name in capitals once is no tag repeated.
        (["BUPATI, kata dia, hadir.", "DPRD, menurut dia, setuju."], False),
        # A sentence opener set in capitals, twice, is still one story.
        (["NAMUN, warga menolak.", "Ia hadir.", "NAMUN, rapat berlanjut."], False),
        (["SEMENTARA ITU, Wabup hadir.", "SEMENTARA ITU, Sekda hadir."], False),
    ],
)
def test_repeated_newsroom_tags(paragraphs: list[str], repeated: bool) -> None:
    assert repeated_tag(paragraphs) is repeated


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("MATARAM, (Diskominfotik) – Gubernur NTB membuka acara.", "Mataram"),
        ("LUBUK BASUNG, (Humas Agam) -- Bupati hadir di pendopo.", "Lubuk Basung"),
        ("Gunungkidul,(humas) - Bupati hadir di balai desa.", "Gunungkidul"),
        ("Bengkalis (Humas) - Bupati membuka acara.", "Bengkalis"),
    ],
)
def test_a_bracketed_desk_after_the_comma(paragraph: str, place: str) -> None:
    found = read_dateline(paragraph)
    assert found is not None and found.place == place
    assert found.rest[0].isupper()


@pytest.mark.parametrize(
    ("line", "names", "caption"),
    [
        (
            "Foto: Bupati menyerahkan bantuan kepada warga.",
            {},
            "Bupati menyerahkan bantuan kepada warga.",
        ),
        ("Editor: Ani | Foto: dok. humas", {"editor": "Ani"}, None),
        ("Penulis: Muhammad bin Umar", {"reporter": "Muhammad bin Umar"}, None),
        ("Foto: Andi dan Budi", {"photographer": "Andi dan Budi"}, None),
        ("Teks/Foto: Andi", {"reporter": "Andi", "photographer": "Andi"}, None),
        ("Naskah: Rina | Foto: Budi", {"reporter": "Rina", "photographer": "Budi"}, None),
        ("Laporan: Rina // Editor: Budi", {"reporter": "Rina", "editor": "Budi"}, None),
    ],
)
def test_a_credit_names_people_not_clauses(
    line: str, names: dict[str, str], caption: str | None
) -> None:
    found = parse_credit_line(line)
    assert found is not None
    assert (found.names, found.caption) == (names, caption)


def test_a_source_alone_is_no_credit() -> None:
    assert parse_credit_line("Foto: dok. humas") is None


def test_a_caption_over_a_plain_dateline_in_capitals_is_no_story_text() -> None:
    article = parse_text(_page("caption_over_plain_dateline"))
    assert article.place == "Kudus"
    assert article.lead is not None and article.lead.startswith("Bupati Kudus menyerahkan")
    assert article.photos and article.photos[0].caption is not None
    assert article.photos[0].caption.startswith("Bupati saat menyerahkan")
    assert article.published_at is not None and article.has_time and article.zone == "WIB"


def test_a_standfirst_over_a_plain_dateline_stays_out_of_captions() -> None:
    text = _page("caption_over_plain_dateline").replace(
        "Bupati saat menyerahkan bantuan alat pertanian kepada kelompok tani di Pendopo "
        "Kabupaten, Senin (13/5/2024).",
        "Pemkab Kudus menyalurkan bantuan alat pertanian bagi dua puluh kelompok tani tahun ini.",
    )
    assert "Pemkab Kudus menyalurkan" in text
    article = parse_text(text)
    assert not any(p.caption and p.caption.startswith("Pemkab") for p in article.photos)


def test_headlines_with_teasers_cut_mid_word_are_an_archive() -> None:
    with pytest.raises(NotAnArticle, match="terpotong"):
        parse_text(_page("archive_cut_teasers"))


def test_cut_teasers_under_a_story_told_in_full_are_its_related_items() -> None:
    article = parse_text(_page("article_with_cut_related"))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"
    assert article.place == "Sumedang"


@pytest.mark.parametrize(
    ("paragraph", "place", "date", "rest"),
    [
        # An aside between dashes, or a clause in lower case: no dateline at all.
        ("Pj Bupati Sumedang - Herman Suryatman - membuka acara.", None, None, None),
        ("Penjabat Gubernur - yang baru dilantik - membuka acara.", None, None, None),
        # A dateline in capitals keeps its place, whatever dashes follow.
        ("SAMARINDA - Gubernur Isran Noor - didampingi istri - hadir.", "Samarinda", None, "G"),
        # A day or a desk where the place stands: taken off, but no place.
        ("Sabtu, 11 Mei 2024 - Bupati membuka acara.", None, "11 Mei 2024", "Bupati"),
        ("HUMAS - Bupati membuka acara.", None, None, "Bupati"),
        ("Humas Polres - Kapolres memimpin apel pagi.", None, None, "Kapolres"),
    ],
)
def test_datelines_that_name_no_place(
    paragraph: str, place: str | None, date: str | None, rest: str | None
) -> None:
    found = read_dateline(paragraph)
    if rest is None:
        assert found is None
        return
    assert found is not None
    assert (found.place, found.date) == (place, date)
    assert found.rest.startswith(rest)


@pytest.mark.parametrize("name", ["welcome_ticker_over_headline", "address_over_headline"])
def test_a_lone_sentence_above_the_headline_and_date_is_furniture(name: str) -> None:
    article = parse_text(_page(name))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"
    assert article.lead is not None and article.lead.startswith("Bupati Sumedang meresmikan")
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-05-13"


def test_a_one_paragraph_story_above_a_related_headline_stays_the_story() -> None:
    article = parse_text(_page("one_paragraph_story_then_related"))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"
    assert article.lead is not None and article.lead.startswith("Bupati Sumedang meresmikan")


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Humas Setda Kabupaten Sumedang | 13 Mei 2024", Kind.DATE),
        ("Admin Web • 13 Mei 2024", Kind.DATE),
        ("IRWANTO 27 November 2025 13:26:12 WIB", Kind.DATE),
        # A writer with an academic degree, then the date (and its time).
        ("RINA WULANDARI, S.Kom Selasa, 5 Maret 2024 pukul 06.02 WIB", Kind.DATE),
        ("Rina Wulandari, S.Sos, M.Si 12 Maret 2024", Kind.DATE),
        # A byline bar whose segments open with their label ("Oleh", "Kategori").
        ("Oleh Admin Web Dinas | Kategori Umum | 5 Maret 2024 10:29:00", Kind.DATE),
        ("Bupati Resmikan Pasar Baru | Kategori Ekonomi | 5 Maret 2024", Kind.SHORT),
        ("Bupati Resmikan Pasar Senin, 4 Maret 2024", Kind.SHORT),
        ("Rina Wulandari, S.Kom mengatakan pada 4 Maret 2024 bahwa", Kind.SHORT),
        # A sentence, or a long headline that happens to end with a date, is no stamp.
        ("Rapat digelar pada 13 Mei 2024", Kind.SHORT),
        ("Wabup Buka Pelatihan UMKM Desa 13 Mei 2024", Kind.SHORT),
        ("Upacara Peringatan HUT RI 17 Agustus 2025", Kind.SHORT),
    ],
)
def test_a_name_then_a_date_is_a_date_stamp(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_the_headline_over_a_source_and_date_bar() -> None:
    article = parse_text(_page("source_bar_date_under_headline"))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-05-13"


def test_a_headline_with_a_full_stop_over_the_dateline_is_the_headline() -> None:
    article = parse_text(_page("headline_with_full_stop"))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari."
    assert article.place == "Sumedang"
    assert article.lead is not None and article.lead.startswith("Bupati Sumedang meresmikan")


def test_a_sentence_over_the_dateline_is_not_taken_for_a_headline() -> None:
    text = _page("headline_with_full_stop").replace(
        "Bupati Resmikan Pasar Rakyat Desa Mekar Sari.",
        "Warga desa menyambut gembira peresmian pasar rakyat yang baru itu.",
    )
    article = parse_text(text)
    assert article.title is None


def test_a_menu_item_is_not_taken_for_the_headline() -> None:
    article = parse_text(_page("menu_over_untitled_story"))
    assert article.title is None
    assert article.lead is not None and article.lead.startswith("Bupati Sumedang meresmikan")


def test_a_headline_under_a_menu_is_still_the_headline() -> None:
    text = _page("menu_over_untitled_story").replace(
        "Kontak Kami\n", "Kontak Kami\nBupati Resmikan Pasar Rakyat Desa Mekar Sari\n"
    )
    assert parse_text(text).title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"


@pytest.mark.parametrize("name", ["date_bar_over_site_name", "date_bar_over_headline"])
def test_a_date_bar_s_today_is_not_the_story_s_date(name: str) -> None:
    article = parse_text(_page(name))
    assert article.title == "Bupati Resmikan Pasar Rakyat Desa Mekar Sari"
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-05-13"
    assert article.date_source == "body"


def test_a_date_above_the_headline_days_after_the_event_is_the_story_s() -> None:
    text = _page("date_bar_over_headline").replace("Senin, 7 Desember 2026", "Selasa, 14 Mei 2024")
    article = parse_text(text)
    assert article.published_at is not None
    assert article.published_at.strftime("%Y-%m-%d") == "2024-05-14"
    assert article.date_source == "header"


@pytest.mark.parametrize(
    ("text", "disagrees"),
    [
        ("Bupati hadir pada Selasa (2/3/2020) di aula.", True),  # 2 March 2020 was a Monday
        ("Bupati hadir pada Senin (2/3/2020) di aula.", False),
        ("Bupati hadir pada Selasa (2/3) di aula.", False),  # no year: nothing to disagree with
        ("Bupati hadir pada (2/3/2020) di aula.", False),
    ],
)
def test_a_printed_weekday_against_its_date(text: str, disagrees: bool) -> None:
    assert weekday_disagrees(text) is disagrees


def test_a_story_whose_date_and_weekday_disagree_gets_no_date() -> None:
    text = (
        "Bupati Resmikan Pasar Rakyat Desa Mekar Sari\n"
        "Bupati Sumedang meresmikan pasar rakyat Desa Mekar Sari, Rabu (2/9/2019). Pasar ini "
        "dibangun dengan dana desa dan swadaya warga setempat.\n"
        "Bupati berharap pasar ini menggerakkan ekonomi warga desa dan sekitarnya.\n"
    )
    assert parse_text(text).published_at is None


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("2024/05/13", "2024-05-13"),
        ("2024/05/13 09:12 WIB", "2024-05-13"),
        ("Diunggah: 13 Mei 2024", "2024-05-13"),
        ("Dirilis 13 Mei 2024", "2024-05-13"),
    ],
)
def test_more_date_stamps(line: str, day: str) -> None:
    assert classify(line) is Kind.DATE
    found = parse_date_line(line)
    assert found is not None and found.value.strftime("%Y-%m-%d") == day


@pytest.mark.parametrize(
    ("paragraph", "rest"),
    [
        ("MC-SINJAI, Bupati Sinjai hadir.", "Bupati Sinjai hadir."),
        ("HUMAS-LUWU, Warga desa hadir.", "Warga desa hadir."),
    ],
)
def test_a_hyphenated_newsroom_tag_is_taken_off_with_no_place(paragraph: str, rest: str) -> None:
    found = read_opening(paragraph)
    assert found is not None and (found.place, found.rest) == (None, rest)


def test_a_hyphenated_name_that_is_no_newsroom_stays() -> None:
    assert read_opening("KKN-UGM, Mahasiswa hadir di balai desa.") is None


def test_the_site_s_own_name_in_the_dateline_is_no_place() -> None:
    text = (
        "Pasar Desa Sungai Jaya Dibuka Kembali\n\n"
        "Kepala dinas perdagangan saat meninjau los pedagang yang baru dipugar di pasar desa "
        "itu. (Kabarjaya/Ist).\n\n"
        "KABARJAYA – Pemerintah kabupaten membuka kembali pasar desa yang selesai dipugar bagi "
        "para pedagang dan warga sekitar.\n\n"
        "Pasar itu kini memiliki saluran air yang baru dan los yang lebih lebar untuk pedagang "
        "sayur dan ikan dari desa-desa di sekitarnya.\n"
    )
    article = parse_text(text, url="https://kabarjaya.com/pasar-desa-dibuka")
    assert article.place is None  # the newsroom, not where it happened
    assert article.lead is not None and article.lead.startswith("Pemerintah kabupaten membuka")
    assert article.photos and article.photos[0].caption is not None
    on_government_site = parse_text(
        text.replace("KABARJAYA", "SUNGAI JAYA"), url="https://sungaijaya.go.id/x"
    )
    assert on_government_site.place == "Sungai Jaya"
    named_after = parse_text(text, url="https://kabarjaya.go.id/pasar")  # a region's own site
    assert named_after.place == "Kabarjaya"
    plain = (
        "Pasar Desa Dibuka Kembali\n\n"
        "Kabarjaya Sintang - Pemerintah kabupaten membuka kembali pasar desa yang selesai "
        "dipugar bagi para pedagang dan warga sekitar.\n\n"
        "Pasar itu kini memiliki saluran air yang baru dan los yang lebih lebar.\n"
    )
    assert parse_text(plain, url="https://kabarjaya.com/x").place == "Sintang"  # after the name
    assert parse_text(plain, url="https://sintang.go.id/x").place == "Kabarjaya Sintang"


@pytest.mark.parametrize(
    ("paragraph", "place", "rest"),
    [
        ("Sintang (kabarsintang.id) Empat desa ikut pelatihan.", "Sintang", "Empat desa"),
        # An acronym in brackets after a noun is no outlet: no dateline.
        ("Badan Pusat Statistik (BPS) Kabupaten merilis data.", None, None),
        ("Organisasi Perangkat Daerah (OPD) Kabupaten hadir.", None, None),
    ],
)
def test_a_place_then_the_outlet_s_web_address(
    paragraph: str, place: str | None, rest: str | None
) -> None:
    found = read_opening(paragraph)
    if place is None:
        assert found is None
        return
    assert found is not None and found.place == place and found.rest.startswith(rest or "")


def test_a_standfirst_date_and_caption_above_the_newsroom_dateline() -> None:
    article = parse_text(_page("standfirst_date_caption_dateline"), url="https://kabarjaya.com/x")
    assert article.title == "Warga Sungai Jaya Gotong Royong Bersihkan Saluran Irigasi"
    assert article.published_at is not None and (article.published_at.day, article.has_time) == (
        9,
        True,
    )
    assert article.lead is not None and article.lead.startswith("Pemerintah Desa Sungai Jaya")
    assert article.place is None  # the outlet's address is no place


def test_related_items_under_you_might_also_like_are_not_more_stories() -> None:
    article = parse_text(_page("story_then_you_might_also_like"))
    assert article.title == "Jelang Musim Tanam, Dinas Pertanian Bagikan Benih Padi"
    assert len(article.paragraphs) == 3
    assert not any("traktor" in p for p in article.paragraphs)


def test_the_headline_printed_twice_wins_over_a_caption_below_it() -> None:
    article = parse_text(_page("headline_twice_over_caption"))
    assert article.title == "Pemkab Gelar Rapat Koordinasi Penanganan Banjir Tahun 2024"
    assert article.place == "Sungai Jaya"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Rina Wulandari 14 September 2023 2444 kali dilihat", Kind.DATE),
        ("Home - Pemerintahan - Bupati Resmikan Pasar", Kind.CRUFT),
        ("Beranda | Berita | Bupati Resmikan Pasar Desa", Kind.CRUFT),
        ("You might also like", Kind.TERMINATOR),
        ("Related articles", Kind.TERMINATOR),
    ],
)
def test_page_furniture_lines(line: str, kind: Kind) -> None:
    assert classify(line) is kind


def test_a_date_and_credits_line_is_no_headline() -> None:
    text = (
        "Rabu, 6 Maret 2024 Reporter: Rina Wulandari Editor: Budi Santoso 155\n"
        "Bupati membuka pasar murah di halaman kantor kecamatan untuk membantu warga menjelang "
        "bulan puasa, Rabu (6/3).\n"
        "Pasar murah itu menjual beras, minyak goreng dan gula dengan harga di bawah pasar.\n"
    )
    assert parse_text(text).title is None


@pytest.mark.parametrize(
    ("caption", "kept"),
    [
        ("Bupati meninjau pasar. (ANTARA/Rina)", "Bupati meninjau pasar"),
        ("Bupati meninjau pasar, Senin (4/3).", "Bupati meninjau pasar, Senin (4/3)."),  # a day
    ],
)
def test_a_photo_credit_closing_a_caption(caption: str, kept: str) -> None:
    from sosmed.ingest.credits import without_photo_credit

    assert without_photo_credit(caption) == kept
