"""Counts in the human formats: the word agrees with its number in French, English keeps the
words the reports always wrote."""

from __future__ import annotations

from pkcheck import i18n
from pkcheck.enums import Severity
from pkcheck.formats import counted, verification
from pkcheck.report import Status, Verdict


def test_english_counts_keep_their_words() -> None:
    assert counted.verdict_list({Verdict.READY: 1, Verdict.NOT_READY: 2}) == (
        "1 ready, 0 conditional, 2 not ready, 0 invalid"
    )
    assert counted.statuses(3, Status.NO_EVIDENCE) == "3 no-evidence"
    assert counted.severities(2, Severity.MAJOR) == "2 major"


def test_french_counts_agree_with_their_number() -> None:
    i18n.use("fr")
    assert counted.verdict_list({Verdict.READY: 1, Verdict.CONDITIONAL: 10, Verdict.NOT_READY: 2}) == (
        "1 prête, 10 prêtes sous conditions, 2 non prêtes, 0 invalide"
    )
    assert counted.statuses(1, Status.SHORTFALL) == "1 insuffisance"
    assert counted.statuses(13, Status.SHORTFALL) == "13 insuffisances"
    assert counted.statuses(1234, Status.MET) == "1\u202f234 satisfaites"
    assert counted.severities(2, Severity.ADVISORY) == "2 indicatives"


def test_verification_headers_are_translated_and_aligned_by_their_english() -> None:
    i18n.use("fr")
    assert verification.headers(verification.HEADERS)[:3] == ("Ligne", "Article", "Prévus")
    assert verification.numeric(verification.HEADERS) == [False, False, True, True, True, False, False]
    assert verification.no_lines() == "L'annexe B ne mentionne aucun matériel majeur."
