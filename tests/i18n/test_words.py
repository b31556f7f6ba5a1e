"""The fixed words of the human formats: one per code, per language, and none lost."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

import pytest

from pkcheck import i18n, words
from pkcheck.analyses.diff import Direction
from pkcheck.analyses.suites import Outcome
from pkcheck.diagnostics import Level
from pkcheck.enums import Category, Severity
from pkcheck.report import Status, Verdict

SETS: list[tuple[Callable[[str], str], type[StrEnum]]] = [
    (words.verdict, Verdict),
    (words.severity, Severity),
    (words.status, Status),
    (words.category, Category),
    (words.outcome, Outcome),
    (words.level, Level),
    (words.direction, Direction),
]

FRENCH = {
    (words.verdict, "not-ready"): "non prête",
    (words.verdict, "conditional"): "prête sous conditions",
    (words.severity, "critical"): "critique",
    (words.severity, "advisory"): "indicative",
    (words.status, "not-applicable"): "sans objet",
    (words.status, "no-evidence"): "sans justificatif",
    (words.category, "equipment"): "matériel",
    (words.direction, "tightened"): "renforcée",
}


@pytest.mark.parametrize(("word", "codes"), SETS, ids=[codes.__name__ for _, codes in SETS])
def test_every_code_has_its_own_word_in_each_language(word: Callable[[str], str], codes: type[StrEnum]) -> None:
    english = [word(code) for code in codes]
    assert english == [code.value.replace("-", " ") for code in codes]
    i18n.use("fr")
    french = [word(code) for code in codes]
    assert len(set(french)) == len(french), french
    assert all(f and f != code.value for f, code in zip(french, codes, strict=True) if code.value != "personnel")


@pytest.mark.parametrize(("case", "expected"), FRENCH.items(), ids=[f"{c[1]}" for c in FRENCH])
def test_french_words_are_the_documented_ones(case: tuple[Callable[[str], str], str], expected: str) -> None:
    word, code = case
    i18n.use("fr")
    assert word(code) == expected


def test_an_unknown_code_is_shown_as_it_is() -> None:
    i18n.use("fr")
    assert words.verdict("deferred") == "deferred"


def test_folded_text_keeps_its_no_break_spaces() -> None:
    from pkcheck.escapes import spaced

    assert (
        spaced(" Seuil illustratif\u00a0: la taille\n  du parc ;\t") == "Seuil illustratif\u00a0: la taille du parc ;"
    )


def test_a_gap_kind_is_its_code_in_english_and_a_word_in_french() -> None:
    assert words.gap_kind("medical-staff") == "medical-staff"
    i18n.use("fr")
    assert [words.gap_kind(k) for k in ("missing", "medical-staff", "training")] == [
        "valeur absente",
        "personnel médical",
        "formation",
    ]
