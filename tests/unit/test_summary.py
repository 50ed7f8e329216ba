"""The extractive summary: verbatim sentences, lead and centrality, no fragments."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sosmed.cli import summarize as summarize_cli
from sosmed.cli.summarize import (
    article_paragraphs,
    json_lines,
    parse_jsonl,
    read_input,
    split_paragraphs,
)
from sosmed.compose.summary import (
    BLEND,
    MAX_CHARS,
    RankedSentence,
    article_sentences,
    is_summary_material,
    rank_sentences,
    summarize,
    without_dateline,
)
from sosmed.errors import InputError
from sosmed.text.keywords import content_terms, stem, words
from sosmed.text.stopwords import stopwords

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "summary"
ROOT = Path(__file__).resolve().parents[2]

ARTICLE = [
    "Pemerintah Kabupaten Bengkalis meresmikan pelabuhan baru di Kecamatan Rupat. "
    "Pelabuhan itu dibangun selama dua tahun dengan dana daerah.",
    "Kapal penumpang dari Dumai kini bisa bersandar di pelabuhan Rupat setiap hari.",
    "“Kami sangat bersyukur pelabuhan ini akhirnya selesai,” ujar seorang nelayan.",
    "Cuaca pagi itu cerah dan banyak anak sekolah menonton dari tepi jalan.",
    "Pelabuhan Rupat diharapkan membuka jalur dagang hasil laut dan kapal penumpang ke Dumai.",
    "Rombongan kemudian makan siang bersama di rumah makan setempat.",
]


def _all_sentences(paragraphs: list[str]) -> list[str]:
    return article_sentences(paragraphs)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 50])
def test_summary_is_verbatim_sentences_in_article_order(n: int) -> None:
    sentences = _all_sentences(ARTICLE)
    summary = summarize(ARTICLE, n)
    assert len(summary) == min(n, len(sentences))
    positions = [sentences.index(s) for s in summary]  # raises if a sentence was altered
    assert positions == sorted(positions)


def test_rank_sentences_is_best_first_with_indices_into_the_article() -> None:
    ranked = rank_sentences(ARTICLE)
    sentences = _all_sentences(ARTICLE)
    assert all(isinstance(r, RankedSentence) for r in ranked)
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)
    assert all(sentences[r.index] == r.text for r in ranked)
    assert ranked[0].index == 0  # the lead


def test_the_summary_is_the_cleaned_lead() -> None:
    # Cross-validation chose the lead over every blend (benchmarks/rouge.py --cv): a quotation
    # or an aside in the lead stays where the article put it.
    sentences = _all_sentences(ARTICLE)
    assert [r.index for r in rank_sentences(ARTICLE)] == list(range(len(sentences)))
    assert summarize(ARTICLE, 4) == sentences[:4]


def test_the_blend_still_lets_a_central_sentence_beat_an_earlier_aside() -> None:
    by_text = {r.text: r for r in rank_sentences(ARTICLE, BLEND)}
    aside = by_text["Cuaca pagi itu cerah dan banyak anak sekolah menonton dari tepi jalan."]
    central = by_text[ARTICLE[4]]
    quote = by_text[ARTICLE[2]]
    assert central.index > aside.index and central.score > aside.score
    assert quote.index < central.index and quote.score < central.score


@pytest.mark.parametrize(
    ("first", "kept"),
    [
        (
            "Jakarta, CNN Indonesia -- Badan Pusat Statistik mencatat inflasi 0,42 persen.",
            "Badan Pusat Statistik mencatat inflasi 0,42 persen.",
        ),
        (
            "Jakarta, CNN Indonesia- - Badan Pusat Statistik mencatat inflasi 0,42 persen.",
            "Badan Pusat Statistik mencatat inflasi 0,42 persen.",
        ),
        (
            "BENGKALIS, HUMAS – Bupati Bengkalis meresmikan jembatan di Bantan.",
            "Bupati Bengkalis meresmikan jembatan di Bantan.",
        ),
        (
            "JAKARTA (ANTARA) - Presiden meresmikan bendungan baru di Jawa Barat.",
            "Presiden meresmikan bendungan baru di Jawa Barat.",
        ),
        (
            "Suara.com - Mustafa, Calon Gubernur Lampung, mengikuti apel siaga.",
            "Mustafa, Calon Gubernur Lampung, mengikuti apel siaga.",
        ),
        (
            "Pemerintah Kabupaten Bengkalis - bersama warga - membangun jembatan desa.",
            "Pemerintah Kabupaten Bengkalis - bersama warga - membangun jembatan desa.",
        ),
        ("Kota Dumai – Rapat.", "Kota Dumai – Rapat."),  # too little would be left
    ],
)
def test_a_dateline_is_cut_from_the_first_sentence(first: str, kept: str) -> None:
    assert without_dateline(first) == kept
    if is_summary_material(kept):
        assert summarize([first, *ARTICLE[1:]], 1) == [kept]


def test_only_the_opening_of_a_huge_article_is_read() -> None:
    filler = "Warga desa menanam padi di sawah yang luas setiap musim hujan tiba. " * 200_000
    start = time.perf_counter()
    summary = summarize([ARTICLE[0], filler], 3)
    assert time.perf_counter() - start < 5.0
    assert summary[0].startswith("Pemerintah Kabupaten Bengkalis")
    assert len(article_sentences([ARTICLE[0], filler])) <= MAX_CHARS // 60


def test_a_repeated_sentence_sinks_below_its_first_copy() -> None:
    title = "Bupati meresmikan pelabuhan baru di Kecamatan Rupat hari ini."
    paragraphs = [title, title, *ARTICLE[1:]]
    ranked = rank_sentences(paragraphs)
    copies = [r for r in ranked if r.text == title]
    assert [c.index for c in copies] == [0, 1]
    assert copies[1].score < 0.5 * copies[0].score
    assert summarize(paragraphs, 2).count(title) == 1


@pytest.mark.parametrize(
    "fragment",
    [
        "Suara.com -",
        "Kamis, 26 September 2019 - 13:48:42 WIB - Dibaca : 448 Kali",
        "Senin, 7 Januari 2019",
        "(rls)",
        "Editor : Rina Marlina - Reporter : Yusuf Hamdani",
        "Baca juga: Bupati Tinjau Banjir di Kecamatan Bantan",
        "Teks foto: Bupati meninjau lokasi banjir di Bantan.",
        "Diwakili Asisten I Setda Riau:",
        "Tulis Komentar",
    ],
)
def test_fragments_are_not_summary_material(fragment: str) -> None:
    assert not is_summary_material(fragment)
    summary = summarize([fragment, *ARTICLE], 10)
    assert fragment not in summary


@pytest.mark.parametrize(
    "sentence",
    [
        "Pemerintah Kabupaten Bengkalis meresmikan pelabuhan baru di Kecamatan Rupat.",
        "“Kami sangat bersyukur pelabuhan ini akhirnya selesai,” ujar seorang nelayan.",
        "Pada 17 Agustus 2024 upacara digelar di lapangan tugu.",
    ],
)
def test_ordinary_sentences_are_material(sentence: str) -> None:
    assert is_summary_material(sentence)


def test_a_text_of_fragments_still_gives_its_sentences() -> None:
    assert summarize(["Banjir surut."], 3) == ["Banjir surut."]


@pytest.mark.parametrize("paragraphs", [[], [""], ["   "]])
def test_no_text_gives_no_summary(paragraphs: list[str]) -> None:
    assert summarize(paragraphs) == []
    assert rank_sentences(paragraphs) == []


def test_zero_sentences_asked_gives_none() -> None:
    assert summarize(ARTICLE, 0) == []


def test_ranking_is_deterministic_and_not_shared_mutable() -> None:
    first = rank_sentences(ARTICLE)
    first.clear()
    assert rank_sentences(ARTICLE) == rank_sentences(list(ARTICLE))
    assert len(rank_sentences(ARTICLE)) == len(_all_sentences(ARTICLE))


def test_stems_feed_similarity_only() -> None:
    assert stem("pelabuhan") == "labuh"
    assert "labuh" in content_terms("Pelabuhan Rupat")
    summary_words = {w.lower() for s in summarize(ARTICLE, 5) for w in words(s)}
    assert "pelabuhan" in summary_words and "labuh" not in summary_words


@pytest.mark.parametrize(
    ("word", "expected"),
    [("yang", True), ("Bupati", True), ("kegiatan", True), ("WIB", True), ("pelabuhan", False)],
)
def test_stopwords_include_the_domain_list(word: str, expected: bool) -> None:
    assert (word.lower() in stopwords()) is expected


def test_content_terms_drop_stopwords_and_numbers() -> None:
    terms = content_terms("Bupati membuka rapat pada pukul 09.00 WIB tahun 2024 di pelabuhan")
    assert terms == ["buka", "labuh"]


def test_rouge_benchmark_prints_summary_and_lead_figures() -> None:
    fixture = FIXTURES / "indosum_mini.jsonl"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "rouge.py"), str(fixture), "-n", "3"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    rows = {line.split()[0]: line.split()[1:] for line in run.stdout.splitlines() if line}
    assert len(rows["summary"]) == 3 and len(rows["LEAD-3"]) == 3 and len(rows["diff"]) == 3
    assert all(0.0 < float(x) <= 1.0 for x in rows["summary"] + rows["LEAD-3"])
    # The mini sample opens with a dateline: the cleaned lead leaves it out, LEAD-3 does not.
    assert all(float(d) > 0 for d in rows["diff"])


def test_rouge_benchmark_cross_validates_the_candidates_against_the_lead() -> None:
    fixture = FIXTURES / "indosum_mini.jsonl"
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "rouge.py"), str(fixture), "--cv", "0"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert "leave-one-out" in run.stdout
    rows = {line[:18].strip(): line[18:].split() for line in run.stdout.splitlines()[2:]}
    for name in ("LEAD-3", "lead", "clean lead", "blend, tuned"):
        assert all(0.0 < float(x) <= 1.0 for x in rows[name][:3]), name
    assert float(rows["clean lead"][0]) > float(rows["LEAD-3"][0])


# --- The command's input handling (pure parts of sosmed.cli.summarize) ---


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        ("Satu.\n\nDua.\n  \nTiga.", ["Satu.", "Dua.", "Tiga."]),
        ("Satu.\nDua.\r\nTiga.", ["Satu.", "Dua.", "Tiga."]),
        ("Satu baris\nyang patah.\n\nDua.", ["Satu baris\nyang patah.", "Dua."]),
        ("\n\n", []),
    ],
)
def test_split_paragraphs(text: str, paragraphs: list[str]) -> None:
    assert split_paragraphs(text) == paragraphs


@pytest.mark.parametrize(
    ("batch", "message"),
    [
        ('{"id": 1, "text": "Banjir surut."}\nbukan json\n', "batch:2: bukan JSON yang sah"),
        ('{"id": 1}\n', 'batch:1: "text" harus teks yang tidak kosong'),
        ('{"id": 1, "text": "   "}\n', 'batch:1: "text" harus teks yang tidak kosong'),
        ('{"id": 1, "text": 5}\n', 'batch:1: "text" harus teks yang tidak kosong'),
        ('{"text": "Banjir surut di Bantan."}\n', 'batch:1: seharusnya objek dengan "id"'),
        ('["a", "b"]\n', 'batch:1: seharusnya objek dengan "id"'),
        ("\n\n", "batch tidak berisi satu baris data pun"),
    ],
)
def test_bad_batches_are_refused(batch: str, message: str) -> None:
    with pytest.raises(InputError) as refused:
        parse_jsonl(batch, "batch")
    assert message in str(refused.value)


def test_batch_lines_keep_ids_and_give_verbatim_sentences() -> None:
    records = parse_jsonl(
        '{"id": "x", "text": "' + " ".join(ARTICLE) + '"}\n\n{"id": 2, "text": "Banjir surut."}\n',
        "batch",
    )
    out = [json.loads(line) for line in json_lines(records, 2)]
    assert [o["id"] for o in out] == ["x", 2]
    assert out[1]["sentences"] == ["Banjir surut."]
    assert all(s in " ".join(ARTICLE) for s in out[0]["sentences"])


def test_a_text_of_megabytes_is_summarised_from_its_opening() -> None:
    filler = "Warga desa menanam padi di sawah yang luas setiap musim hujan tiba.\n\n" * 70_000
    text = "\n\n".join(ARTICLE) + "\n\n" + filler  # about 5 MB
    start = time.perf_counter()
    summary = summarize(article_paragraphs(text, "stdin"), 2)
    assert time.perf_counter() - start < 5.0
    assert summary == _all_sentences(ARTICLE)[:2]


def test_input_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(summarize_cli, "MAX_INPUT_BYTES", 1000)
    big = tmp_path / "besar.txt"
    big.write_text("Bupati meresmikan jembatan. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="lebih besar dari"):
        read_input(str(big))


def test_an_empty_article_is_refused() -> None:
    with pytest.raises(InputError, match="kosong"):
        article_paragraphs(" \n ", "stdin")


def test_a_file_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(b"Kabupaten Bengkalis menggelar pameran budaya Melayu. \xff\xfe")
    with pytest.raises(InputError, match="bukan teks UTF-8"):
        read_input(str(bad))


def test_a_file_is_read_without_its_byte_order_mark(tmp_path: Path) -> None:
    good = tmp_path / "bom.txt"
    good.write_bytes("\ufeffBupati membuka pameran.".encode())
    assert read_input(str(good)) == "Bupati membuka pameran."
