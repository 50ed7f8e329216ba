"""A post's state in the reader's words, and the words a person may type for it."""

from __future__ import annotations

import pytest

from sosmed.i18n import set_language
from sosmed.models import PostStatus
from sosmed.state_words import WORDS, code, label


def test_every_state_has_a_word_in_each_language() -> None:
    assert set(WORDS) == {s.value for s in PostStatus}
    indonesian = {s: label(s) for s in WORDS}
    set_language("en")
    try:
        english = {s: label(s) for s in WORDS}
        assert code("needs review") == "needs_review"
    finally:
        set_language("id")
    assert indonesian["scheduled"] == "terjadwal"
    assert english["scheduled"] == "scheduled"
    assert english["in_doubt"] != "in_doubt"
    assert len(set(indonesian.values())) == len(WORDS)  # no two states read alike


@pytest.mark.parametrize(
    ("typed", "state"),
    [
        ("scheduled", "scheduled"),
        ("Terjadwal", "scheduled"),
        ("needs-review", "needs_review"),
        ("perlu diperiksa", "needs_review"),
        ("in_doubt", "in_doubt"),
        ("  DRAF ", "draft"),
        ("dijadwal", None),
        ("", None),
    ],
)
def test_code_reads_codes_and_words(typed: str, state: str | None) -> None:
    assert code(typed) == state


def test_unknown_code_is_shown_as_it_is() -> None:
    assert label("something_new") == "something_new"


def test_every_outcome_has_a_word_and_reads_back() -> None:
    from sosmed.attempts import AttemptOutcome
    from sosmed.state_words import OUTCOME_WORDS, outcome_code, outcome_label

    assert set(OUTCOME_WORDS) == {o.value for o in AttemptOutcome}
    for outcome in AttemptOutcome:
        assert outcome_code(outcome_label(outcome)) == outcome.value
        assert outcome_code(outcome.value.replace("_", "-")) == outcome.value
    assert outcome_label("published") == "terbit"
    assert outcome_code("tayang") is None
