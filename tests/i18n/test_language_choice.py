"""Which language a run writes in: ``--lang``, ``PKCHECK_LANG``, the locale, English."""

from __future__ import annotations

import datetime as dt

import pytest

from pkcheck import i18n
from pkcheck.cli import parse
from pkcheck.diagnostics import UsageError

ENVIRONMENTS = [
    ({}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_CA"}, "fr"),
    ({"LANG": "fr"}, "fr"),
    ({"LANG": "fr_BE@euro"}, "fr"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({"LANG": "C"}, "en"),
    ({"LANG": "POSIX"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ({"LC_MESSAGES": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
    ({"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US"}, "fr"),
    ({"LC_ALL": "", "LANG": "fr_FR"}, "fr"),
    ({"PKCHECK_LANG": "en", "LC_ALL": "fr_FR.UTF-8"}, "en"),
    ({"PKCHECK_LANG": "fr", "LANG": "C"}, "fr"),
    ({"PKCHECK_LANG": " ", "LANG": "fr_FR"}, "fr"),
]


@pytest.mark.parametrize(("environment", "expected"), ENVIRONMENTS)
def test_the_environment_chooses(environment: dict[str, str], expected: str) -> None:
    assert i18n.language_from(environment) == expected


@pytest.mark.parametrize("value", ["de", "FR", "fr_FR", "french"])
def test_pkcheck_lang_must_be_a_language_pkcheck_speaks(value: str) -> None:
    with pytest.raises(
        UsageError, match=f"PKCHECK_LANG: '{value}' is not a language pkcheck speaks; use one of: en, fr"
    ):
        parse.language([], {"PKCHECK_LANG": value})


ARGUMENTS = [
    (["check", "--lang", "fr", "x.yaml"], "fr"),
    (["--lang=fr", "list"], "fr"),
    (["check", "--lang=en", "x.yaml"], "en"),
    (["check", "x.yaml"], "fr"),  # from the environment below
    (["check", "--", "--lang", "en"], "fr"),  # a file named --lang, after --
    (["check", "--lang"], "fr"),  # no value: click says so
]


@pytest.mark.parametrize(("argv", "expected"), ARGUMENTS)
def test_the_option_comes_first(argv: list[str], expected: str) -> None:
    assert parse.language(argv, {"LANG": "fr_FR.UTF-8"}) == expected


def test_an_unknown_option_value_is_refused() -> None:
    with pytest.raises(UsageError, match="invalid value for --lang: 'de' is not one of 'en', 'fr'"):
        parse.language(["check", "--lang", "de"], {})


@pytest.fixture
def french() -> object:
    i18n.use("fr")
    yield
    i18n.use("en")


def test_numbers_and_dates_in_english_keep_their_plain_forms() -> None:
    assert (i18n.number(1234.5), i18n.number(1234), i18n.number(0.25, digits=1)) == ("1234.5", "1234", "0.2")
    assert i18n.day(dt.date(2026, 12, 1)) == "2026-12-01"


@pytest.mark.usefixtures("french")
def test_numbers_and_dates_in_french_follow_cldr() -> None:
    assert i18n.number(1234.5) == "1\u202f234,5"
    assert i18n.number(1234567) == "1\u202f234\u202f567"
    assert i18n.number(0.25, digits=2) == "0,25"
    assert i18n.number(12, digits=0) == "12"
    assert i18n.day(dt.date(2026, 12, 1)) == "1 décembre 2026"
    assert i18n.day(dt.date(2027, 2, 28)) == "28 février 2027"
    assert i18n.language() == "fr"


def test_an_unknown_language_cannot_be_used() -> None:
    with pytest.raises(i18n.UnknownLanguage):
        i18n.use("de")
    assert i18n.language() == "en"


@pytest.mark.parametrize(
    ("value", "digits", "expected"), [(1e300, None, "1e+300"), (1.5e300, 1, None), (float("inf"), None, "∞")]
)
def test_french_numbers_beyond_cldr_patterns_are_still_written(
    value: float, digits: int | None, expected: str | None
) -> None:
    i18n.use("fr")
    shown = i18n.number(value, digits=digits)
    assert shown and "." not in shown
    if expected is not None:
        assert shown == expected
