"""Fitting: sentences dropped by rank, then a cut at a clause or word boundary, never more."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from sosmed.compose.fit import ELLIPSIS, Parts, Sentence, cut_candidates, fit
from sosmed.platforms.length.counting import x_length
from sosmed.platforms.limits import Measure, check

LINK = "https://bengkaliskab.go.id/berita/baca/23145/pelatihan-literasi-digital"
TRAILING = " \t\n,;:-–—(“‘\"'/"


def render(parts: Parts) -> str:
    return "\n\n".join(
        p for p in (parts.title, " ".join(parts.summary), LINK, " ".join(parts.hashtags)) if p
    )


def x_check(text: str) -> Measure:
    return check("x", text)


def limited(n: int):  # type: ignore[no-untyped-def]
    def checker(text: str) -> Measure:
        length = x_length(text)
        return Measure(length, n, "weighted", None if length <= n else "over")

    return checker


def sentences(*texts: str, ranks: list[int] | None = None) -> list[Sentence]:
    ranks = ranks or list(range(len(texts)))
    return [Sentence(i, t, r) for i, (t, r) in enumerate(zip(texts, ranks, strict=True))]


S1 = "Bupati Bengkalis membuka pelatihan literasi digital bagi 120 perangkat desa."
S2 = "Pelatihan ini bagian dari program Desa Digital yang dicanangkan sejak tahun lalu."
S3 = "Peserta mendapat materi pengelolaan situs desa, keamanan data pribadi dan hoaks."


def test_everything_kept_when_it_fits() -> None:
    result = fit(render, x_check, "Judul", sentences(S1, S2), ["#Bengkalis"])
    assert result.fits and not result.cut
    assert result.parts.summary == (S1, S2) and result.parts.hashtags == ("#Bengkalis",)


def test_lowest_ranked_sentences_go_first_and_order_is_kept() -> None:
    # S2 ranks best, S1 second, S3 last: S3 goes, S1 and S2 stay in article order.
    ss = sentences(S1, S2, S3, ranks=[1, 0, 2])
    budget = x_length(render(Parts("Judul", (S1, S2), ()))) + 1
    result = fit(render, limited(budget), "Judul", ss, [])
    assert result.parts.summary == (S1, S2)


def test_the_best_sentence_is_kept_and_cut_at_a_word() -> None:
    ss = sentences(S1, S2, ranks=[1, 0])
    result = fit(render, limited(70), "Judul", ss, [])
    assert result.fits and result.cut
    (summary,) = result.parts.summary
    assert summary.endswith(ELLIPSIS) and S2.startswith(summary[:-1])
    assert S2[len(summary) - 1] == " "  # the cut fell between words


def test_a_clause_end_is_preferred() -> None:
    text = "Selama dua hari, peserta mendapat materi pengelolaan situs desa dan keamanan data"
    cuts = cut_candidates(text)
    clause = [c.text for c in cuts if c.clause]
    assert clause == ["Selama dua hari…"]
    budget = x_length(render(Parts("J", ("Selama dua hari, peserta mendapat…",), ()))) + 1
    result = fit(render, limited(budget), "J", sentences(text), [])
    assert result.parts.summary == ("Selama dua hari, peserta mendapat…",)  # clause too short
    budget = x_length(render(Parts("J", ("Selama dua hari, peserta…",), ())))
    result = fit(render, limited(budget), "J", sentences(text), [])
    assert result.parts.summary == ("Selama dua hari…",)


def test_hashtags_dropped_from_the_end_only_when_fixed_parts_leave_no_room() -> None:
    tags = ["#Bengkalis", "#DesaDigital", "#LiterasiDigital"]
    roomy = fit(render, limited(140), "Judul", sentences(S1 + " " + S2), tags)
    assert roomy.parts.hashtags == tuple(tags) and roomy.cut
    fixed = x_length(render(Parts("Judul", ("Bupati…",), tuple(tags[:1]))))
    tight = fit(render, limited(fixed), "Judul", sentences(S1), tags)
    assert tight.fits and tight.parts.hashtags == ("#Bengkalis",)


def test_the_title_is_cut_last() -> None:
    title = "Pemkab Bengkalis Gelar Pelatihan Literasi Digital bagi 120 Perangkat Desa"
    result = fit(render, limited(60), title, sentences(S1), ["#Bengkalis"])
    assert result.fits and result.parts.summary == () and result.parts.hashtags == ()
    assert result.parts.title.endswith(ELLIPSIS) and title.startswith(result.parts.title[:-1])


def test_nothing_fits() -> None:
    result = fit(render, limited(10), "Judul", sentences(S1), [])
    assert not result.fits


def test_links_and_hashtags_are_never_split() -> None:
    text = f"Lihat {LINK} dan #DesaDigital untuk rincian kegiatan pelatihan hari ini."
    for cut in cut_candidates(text):
        words = cut.text.rstrip(ELLIPSIS).split()
        assert all(w in text.split() for w in words)
    link_cut = next(c.text for c in cut_candidates(text) if LINK in c.text)
    assert link_cut.endswith(LINK + " " + ELLIPSIS)


WORDS = st.sampled_from(
    [
        "Bupati", "Bengkalis", "membuka", "pelatihan,", "desa", "M.Si.", "Rp", "1.500.000",
        "“Kami", "berharap”", "bengkaliskab.go.id", "https://contoh.go.id/a/b", "#DesaDigital",
        "日本", "\U0001f389", "Kec.", "(16/5/2024).", "kata—kata", "e\u0301",
    ]
)  # fmt: skip
TEXT_WORDS = st.one_of(
    WORDS,
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Z", "Cc")), min_size=1, max_size=12
    ),
)
SENTENCE = st.lists(TEXT_WORDS, min_size=1, max_size=40).map(" ".join)


def _no_partial_word(source: str, result: str) -> bool:
    if not result.endswith(ELLIPSIS):
        return result == source
    kept, words = result[: -len(ELLIPSIS)].split(), source.split()
    if not kept:
        return False
    last = len(kept) - 1
    return kept[:last] == words[:last] and words[last].rstrip(TRAILING) == kept[last]


@settings(max_examples=150, deadline=None)
@example(texts=["Bupati M.Si. \ud7fc#0 Bupati"], tags=[], budget=70)  # "#" after a non-letter
@given(
    st.lists(SENTENCE, min_size=1, max_size=5),
    st.lists(st.sampled_from(["#Bengkalis", "#KPK", "#DesaDigital", "#Riau"]), max_size=4),
    st.integers(min_value=40, max_value=320),
)
def test_property_fitted_text_fits_and_cuts_no_word(
    texts: list[str], tags: list[str], budget: int
) -> None:
    result = fit(render, limited(budget), "Judul", sentences(*texts), tags)
    assert result.fits  # "Judul" plus the 23 of the link always fit 40
    assert x_length(result.text) <= budget
    for part in result.parts.summary:
        assert part in texts or any(_no_partial_word(t, part) for t in texts), part
    assert set(result.parts.hashtags) <= set(tags)
    assert not re.search(r"(?<![\w#])#\w+…", result.text)  # no hashtag runs into "…"
